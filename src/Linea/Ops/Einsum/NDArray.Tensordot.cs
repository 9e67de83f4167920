using System.Numerics;
using Linea.Ops.Einsum;

namespace Linea;

public static partial class NDArray
{
    /// <summary>
    /// NumPy's <c>tensordot(a, b, axes=n)</c>: sums the products over the last <paramref name="axes"/> axes of
    /// <paramref name="a"/> and the first <paramref name="axes"/> axes of <paramref name="b"/>. Shapes: (…, k1..kn) and
    /// (k1..kn, …) give (a's other axes…, b's other axes…); <c>axes = 0</c> is the outer product, <c>axes = 1</c> on matrices
    /// the matrix product. One GEMM on reshaped views (a copy only when the strides cannot express the merge).
    /// Cost: 2 · size(result) · prod(k) flops.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="axes"/> is negative or exceeds a rank.</exception>
    /// <exception cref="ShapeMismatchException">Paired axes have different lengths (the message names both axes and shapes).</exception>
    public static NDArray<T> Tensordot<T>(NDArray<T> a, NDArray<T> b, int axes = 2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Ops.HalfPrecision.RequireComputable<T>("tensordot");
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (axes < 0 || axes > a.Rank || axes > b.Rank)
            ThrowHelper.Argument("tensordot", nameof(axes),
                $"{a.Shape} and {b.Shape}: cannot sum over {axes} axes (it must be between 0 and the smaller rank, {Math.Min(a.Rank, b.Rank)})");
        return Tensordot(a, b, Enumerable.Range(a.Rank - axes, axes).ToArray(), Enumerable.Range(0, axes).ToArray());
    }

    /// <summary>
    /// NumPy's <c>tensordot(a, b, axes=(aAxes, bAxes))</c>: sums the products over axis <c>aAxes[i]</c> of
    /// <paramref name="a"/> paired with axis <c>bAxes[i]</c> of <paramref name="b"/> (negative axes count from the end).
    /// The result has a's remaining axes, then b's, each in their original order. One GEMM on permuted, reshaped views.
    /// Cost: 2 · size(result) · (product of the summed lengths) flops.
    /// </summary>
    /// <exception cref="ArgumentException">The axis lists differ in length, or an axis repeats.</exception>
    /// <exception cref="AxisOutOfRangeException">An axis is out of range.</exception>
    /// <exception cref="ShapeMismatchException">Paired axes have different lengths.</exception>
    public static NDArray<T> Tensordot<T>(NDArray<T> a, NDArray<T> b, int[] aAxes, int[] bAxes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Ops.HalfPrecision.RequireComputable<T>("tensordot");
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(aAxes);
        ArgumentNullException.ThrowIfNull(bAxes);
        const string op = "tensordot";
        if (aAxes.Length != bAxes.Length)
            ThrowHelper.Argument(op, nameof(bAxes), $"{a.Shape} and {b.Shape}: {aAxes.Length} axes of a but {bAxes.Length} of b; they are summed in pairs, so the counts must be equal");
        var aLabels = Enumerable.Range(0, a.Rank).ToArray();
        var bLabels = Enumerable.Range(a.Rank, b.Rank).ToArray();
        var sizes = new Dictionary<int, long>();
        for (int i = 0; i < a.Rank; i++) sizes[i] = a.Dims[i];
        for (int i = 0; i < b.Rank; i++) sizes[a.Rank + i] = b.Dims[i];
        var seenA = new bool[a.Rank];
        var seenB = new bool[b.Rank];
        for (int i = 0; i < aAxes.Length; i++)
        {
            int x = Shape.NormalizeAxis(op, aAxes[i], a.Rank), y = Shape.NormalizeAxis(op, bAxes[i], b.Rank);
            if (seenA[x] || seenB[y])
                ThrowHelper.Argument(op, seenA[x] ? nameof(aAxes) : nameof(bAxes), $"axis {(seenA[x] ? aAxes[i] : bAxes[i])} of {(seenA[x] ? "a" : "b")} is listed twice");
            seenA[x] = seenB[y] = true;
            if (a.Dims[x] != b.Dims[y])
                ThrowHelper.ShapeMismatch(op, $"{a.Shape} and {b.Shape}: axis {aAxes[i]} of a has length {a.Dims[x]} but axis {bAxes[i]} of b has length {b.Dims[y]}; summed axes must have equal lengths", a.Shape, b.Shape);
            bLabels[y] = x;
        }
        int[] output = [.. aLabels.Where((_, i) => !seenA[i]), .. bLabels.Where((_, i) => !seenB[i])];
        return ContractPair(a, aLabels, b, bLabels, output, sizes);
    }

    /// <summary>
    /// NumPy's <c>inner(a, b)</c>: sums the products over the last axis of both. Shapes (…a, k) and (…b, k) give
    /// (…a, …b); two vectors give a 0-d tensor, matrices give a @ b.T; a 0-d operand scales the other. One GEMM.
    /// Cost: 2 · size(result) · k flops.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The last axes have different lengths.</exception>
    public static NDArray<T> Inner<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Ops.HalfPrecision.RequireComputable<T>("inner");
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank == 0 || b.Rank == 0) return a * b;
        if (a.Dims[^1] != b.Dims[^1])
            ThrowHelper.ShapeMismatch("inner", $"{a.Shape} and {b.Shape}: the last axes have lengths {a.Dims[^1]} and {b.Dims[^1]}; inner sums over the last axis of both, so they must be equal", a.Shape, b.Shape);
        return Tensordot(a, b, [-1], [-1]);
    }

    /// <summary>
    /// NumPy's <c>kron(a, b)</c>, the Kronecker product for any rank: the operand of lower rank gets leading axes of
    /// length 1, then the result has shape a.shape × b.shape (per axis) and element
    /// <c>r[i0·n0 + j0, i1·n1 + j1, …] = a[i0, i1, …] · b[j0, j1, …]</c>: a block of b scaled by each element of a.
    /// One broadcast multiply; cost size(a) · size(b) multiplications and that many elements of memory.
    /// </summary>
    public static NDArray<T> Kron<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int rank = Math.Max(a.Rank, b.Rank);
        var aDims = new long[2 * rank];
        var aStrides = new long[2 * rank];
        var bDims = new long[2 * rank];
        var bStrides = new long[2 * rank];
        var outDims = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            int ia = i - (rank - a.Rank), ib = i - (rank - b.Rank);
            aDims[2 * i] = ia >= 0 ? a.Dims[ia] : 1;
            aStrides[2 * i] = ia >= 0 ? a.StrideArray[ia] : 0;
            aDims[2 * i + 1] = 1;
            bDims[2 * i] = 1;
            bDims[2 * i + 1] = ib >= 0 ? b.Dims[ib] : 1;
            bStrides[2 * i + 1] = ib >= 0 ? b.StrideArray[ib] : 0;
            outDims[i] = aDims[2 * i] * bDims[2 * i + 1];
        }
        var av = new NDArray<T>(a.Store, a.Offset, aDims, aStrides, readOnly: true);
        var bv = new NDArray<T>(b.Store, b.Offset, bDims, bStrides, readOnly: true);
        return (av * bv).Reshape(outDims); // (a0, b0, a1, b1, ...) is C-contiguous: the reshape is a view
    }

    /// <summary>Contracts two operands labelled by integers (no broadcasting, labels already checked).</summary>
    private static NDArray<T> ContractPair<T>(NDArray<T> a, int[] aLabels, NDArray<T> b, int[] bLabels, int[] output, Dictionary<int, long> sizes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var spec = new EinsumSubscripts { Inputs = [aLabels, bLabels], Output = output, Sizes = sizes };
        return EinsumExecutor.Run(spec, [a, b], [(0, 1)]);
    }
}
