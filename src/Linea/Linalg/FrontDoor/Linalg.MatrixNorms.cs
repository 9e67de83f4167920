using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// NumPy's <c>norm(x, ord, axis=(row, col), keepdims)</c>: the matrix norm <paramref name="ord"/> (1, -1, 2, -2, +inf,
    /// -inf, as in <see cref="Norm{T}(NDArray{T}, double)"/> for a matrix) of every matrix whose rows run along axis
    /// <paramref name="axes"/>.Row and columns along <paramref name="axes"/>.Col (negative counts from the end); with
    /// (-2, -1), of each matrix of a stack (..., m, n). The result has the other axes, in order (0-d for a 2-d x), or
    /// keeps the two with length 1 when <paramref name="keepdims"/>. Each value is exactly the 2-d norm of that matrix.
    /// O(size) for 1 and inf, O(m n min(m, n)) per matrix for 2 and -2. An empty batch gives an empty result.
    /// </summary>
    /// <exception cref="AxisOutOfRangeException">An axis is outside [-rank, rank).</exception>
    /// <exception cref="ArgumentException">The two axes are the same, or ord is not a matrix norm order; -2 of an empty matrix.</exception>
    /// <exception cref="NonFiniteException">ord = 2 or -2 of a matrix holding NaN or infinity; the message names the matrix ("matrix [1, 0] of the stack ...").</exception>
    public static NDArray<T> Norm<T>(NDArray<T> x, double ord, (int Row, int Col) axes, bool keepdims = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Ops.HalfPrecision.RequireComputable<T>("norm");
        ArgumentNullException.ThrowIfNull(x);
        CheckMatrixNormOrder(ord);
        return NormOverAxes(x, axes, keepdims, (m, label) => MatrixNorm(label, m, ord));
    }

    /// <summary>
    /// NumPy's <c>norm(x, 'fro' | 'nuc', axis=(row, col), keepdims)</c>: the Frobenius or nuclear norm of every matrix
    /// whose rows run along axis <paramref name="axes"/>.Row and columns along <paramref name="axes"/>.Col; with (-2, -1),
    /// of each matrix of a stack (..., m, n). Result shape and <paramref name="keepdims"/> as in
    /// <see cref="Norm{T}(NDArray{T}, double, ValueTuple{int, int}, bool)"/>; each value is exactly the 2-d norm of that
    /// matrix. O(size) for "fro", O(m n min(m, n)) per matrix for "nuc".
    /// </summary>
    /// <exception cref="AxisOutOfRangeException">An axis is outside [-rank, rank).</exception>
    /// <exception cref="ArgumentException">The two axes are the same, or ord is neither "fro" nor "nuc".</exception>
    /// <exception cref="NonFiniteException">"nuc" of a matrix holding NaN or infinity; the message names the matrix ("matrix [1, 0] of the stack ...").</exception>
    public static NDArray<T> Norm<T>(NDArray<T> x, string ord, (int Row, int Col) axes, bool keepdims = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Ops.HalfPrecision.RequireComputable<T>("norm");
        ArgumentNullException.ThrowIfNull(x);
        CheckMatrixNormOrder(ord);
        return NormOverAxes(x, axes, keepdims, (m, label) => MatrixNorm(label, m, ord));
    }

    /// <summary>Moves the two matrix axes to the end and applies <paramref name="norm"/> to each matrix.</summary>
    private static NDArray<T> NormOverAxes<T>(NDArray<T> x, (int Row, int Col) axes, bool keepdims, Func<NDArray<T>, string, T> norm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rank = x.Rank;
        if (axes.Row < -rank || axes.Row >= rank) ThrowHelper.Axis("norm", axes.Row, rank);
        if (axes.Col < -rank || axes.Col >= rank) ThrowHelper.Axis("norm", axes.Col, rank);
        int r = axes.Row < 0 ? axes.Row + rank : axes.Row, c = axes.Col < 0 ? axes.Col + rank : axes.Col;
        if (r == c)
            ThrowHelper.Argument("norm", nameof(axes), $"the row and column axes must differ, got ({axes.Row}, {axes.Col}) for shape {x.Shape}");
        var perm = Enumerable.Range(0, rank).Where(i => i != r && i != c).Append(r).Append(c).ToArray();
        var result = MatrixStack.MapScalar("norm", x.Transpose(perm), norm);
        if (!keepdims) return result;
        var dims = x.Dims.Select((d, i) => i == r || i == c ? 1 : d).ToArray();
        return result.Reshape(dims);
    }

    private static void CheckMatrixNormOrder(double ord)
    {
        if (!(ord is 1 or -1 or 2 or -2 || double.IsInfinity(ord)))
            throw new ArgumentException($"norm: invalid matrix norm order {ord}; use 1, -1, 2, -2, inf, -inf, \"fro\" or \"nuc\"", nameof(ord));
    }

    private static void CheckMatrixNormOrder(string ord)
    {
        ArgumentNullException.ThrowIfNull(ord);
        if (ord is not ("fro" or "f" or "nuc"))
            throw new ArgumentException($"norm: invalid matrix norm order '{ord}'; use \"fro\", \"nuc\", 1, -1, 2, -2, inf or -inf", nameof(ord));
    }

    /// <summary>The Frobenius ("fro", "f") or nuclear ("nuc") norm of one matrix (order checked); <paramref name="label"/> names it in messages.</summary>
    private static T MatrixNorm<T>(string label, NDArray<T> a, string ord) where T : unmanaged, IFloatingPointIeee754<T> =>
        ord == "nuc" ? NuclearNorm(label, a) : Norm(a);

    private static T ExtremeSingularValue<T>(string label, NDArray<T> a, bool largest) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = new SvdDecomposition<T>(label, a, fullMatrices: false, computeUv: false, Parallelism.Default).S.ToArray();
        if (s.Length == 0)
        {
            if (largest) return T.Zero;
            throw new ArgumentException($"{label}: ord = -2 of an empty matrix of shape {a.Shape} has no value (min of no singular values)", "ord");
        }
        return largest ? s[0] : s[^1];
    }

    private static T NuclearNorm<T>(string label, NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (var x in new SvdDecomposition<T>(label, a, fullMatrices: false, computeUv: false, Parallelism.Default).S.ToArray()) sum += x;
        return sum;
    }
}
