using System.Numerics;
using System.Numerics.Tensors;
using Linea.Storage;

namespace Linea;

public sealed partial class SparseMatrix<TScalar>
{
    /// <summary>
    /// A + B, element-wise, a new sparse matrix in this matrix's format (<paramref name="b"/> is converted when its format
    /// differs). Both operands are taken in canonical form; positions whose sum is exactly zero are not stored (as
    /// SciPy). O(nnz(A) + nnz(B) + MajorCount). Throws <see cref="ShapeMismatchException"/> naming both shapes when
    /// they differ.
    /// </summary>
    public SparseMatrix<TScalar> Add(SparseMatrix<TScalar> b) => Merge(b, TScalar.One, "sparse add");

    /// <summary>A - B, element-wise, as <see cref="Add(SparseMatrix{TScalar})"/>.</summary>
    public SparseMatrix<TScalar> Subtract(SparseMatrix<TScalar> b) => Merge(b, -TScalar.One, "sparse subtract");

    /// <summary>
    /// A + D for a dense <paramref name="d"/> of shape (Rows, Columns), or one that broadcasts to it (a row (Columns,)
    /// or (1, Columns), a column (Rows, 1), a scalar): a new dense (Rows, Columns) tensor, as SciPy returns. O(Rows x
    /// Columns + nnz). Throws <see cref="ShapeMismatchException"/> naming both shapes when D does not broadcast.
    /// </summary>
    public NDArray<TScalar> Add(NDArray<TScalar> d) => DensePlus(d, alpha: TScalar.One, beta: TScalar.One, "sparse add");

    /// <summary>A - D, a new dense tensor, as <see cref="Add(NDArray{TScalar})"/>.</summary>
    public NDArray<TScalar> Subtract(NDArray<TScalar> d) => DensePlus(d, alpha: TScalar.One, beta: -TScalar.One, "sparse subtract");

    /// <summary>
    /// The element-wise (Hadamard) product A .* B (SciPy's <c>multiply</c>; not the matrix product, which is
    /// <see cref="MatMul(SparseMatrix{TScalar})"/>): a new sparse matrix in this matrix's format holding the positions
    /// stored in both (in canonical form) whose product is not exactly zero. O(nnz(A) + nnz(B) + MajorCount). Throws
    /// <see cref="ShapeMismatchException"/> naming both shapes when they differ.
    /// </summary>
    public SparseMatrix<TScalar> Multiply(SparseMatrix<TScalar> b) => Intersect(b);

    /// <summary>
    /// The element-wise product with a dense <paramref name="d"/> of shape (Rows, Columns) or one that broadcasts to it:
    /// a new sparse matrix on this matrix's (canonical) pattern, products that are exactly zero dropped. Positions not
    /// stored in A are zero in the result whatever D holds there (NaN and infinities included). O(nnz + MajorCount).
    /// </summary>
    public SparseMatrix<TScalar> Multiply(NDArray<TScalar> d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var view = Broadcast(d, "sparse multiply");
        var a = Canonical();
        int major = a.MajorCount;
        long s0 = view.StrideArray[0], s1 = view.StrideArray[1];
        if (Format == SparseFormat.Csc) (s0, s1) = (s1, s0);       // major stride first
        var ptr = new long[major + 1];
        var idx = TensorStorage<int>.Allocate(a.Nnz, zero: false, op: "sparse multiply");
        var val = TensorStorage<TScalar>.Allocate(a.Nnz, zero: false, op: "sparse multiply");
        long w = 0;
        for (int i = 0; i < major; i++)
        {
            var ri = a.RunIndices(i);
            var rv = a.RunValues(i);
            long rowBase = view.Offset + i * s0;
            for (int k = 0; k < ri.Length; k++)
            {
                TScalar v = rv[k] * view.Store.At(rowBase + ri[k] * s1);
                if (v != TScalar.Zero) { idx.At(w) = ri[k]; val.At(w) = v; w++; }
            }
            ptr[i + 1] = w;
        }
        return Shrunk(ptr, idx, val, sortedIndices: true, canonical: true);
    }

    /// <summary>A times a scalar: a new matrix on the same pattern (explicit zeros kept, as SciPy). O(nnz).</summary>
    public SparseMatrix<TScalar> Multiply(TScalar s) => MapValues(s, ValueMap.Multiply);

    /// <summary>A divided by a scalar: a new matrix on the same pattern; only stored entries are divided (so dividing by zero gives infinities or NaN there and zeros elsewhere, as SciPy). O(nnz).</summary>
    public SparseMatrix<TScalar> Divide(TScalar s) => MapValues(s, ValueMap.Divide);

    /// <summary>-A: a new matrix on the same pattern. O(nnz).</summary>
    public SparseMatrix<TScalar> Negate() => MapValues(TScalar.Zero, ValueMap.Negate);

    /// <summary>|A|, element-wise: a new matrix on the same pattern (duplicates are not summed first: call <see cref="SumDuplicates"/> for |sum|). O(nnz).</summary>
    public SparseMatrix<TScalar> Abs() => MapValues(TScalar.Zero, ValueMap.Abs);

    /// <summary>A + B (see <see cref="Add(SparseMatrix{TScalar})"/>).</summary>
    public static SparseMatrix<TScalar> operator +(SparseMatrix<TScalar> a, SparseMatrix<TScalar> b) => NotNull(a).Add(b);

    /// <summary>A - B (see <see cref="Subtract(SparseMatrix{TScalar})"/>).</summary>
    public static SparseMatrix<TScalar> operator -(SparseMatrix<TScalar> a, SparseMatrix<TScalar> b) => NotNull(a).Subtract(b);

    /// <summary>A + D, a dense result (see <see cref="Add(NDArray{TScalar})"/>).</summary>
    public static NDArray<TScalar> operator +(SparseMatrix<TScalar> a, NDArray<TScalar> d) => NotNull(a).Add(d);

    /// <summary>D + A, a dense result.</summary>
    public static NDArray<TScalar> operator +(NDArray<TScalar> d, SparseMatrix<TScalar> a) => NotNull(a).Add(d);

    /// <summary>A - D, a dense result.</summary>
    public static NDArray<TScalar> operator -(SparseMatrix<TScalar> a, NDArray<TScalar> d) => NotNull(a).Subtract(d);

    /// <summary>D - A, a dense result.</summary>
    public static NDArray<TScalar> operator -(NDArray<TScalar> d, SparseMatrix<TScalar> a) => NotNull(a).DensePlus(d, alpha: -TScalar.One, beta: TScalar.One, "sparse subtract");

    /// <summary>A times a scalar (the only <c>*</c> on sparse matrices: the matrix product is <see cref="MatMul(SparseMatrix{TScalar})"/>, the element-wise one <see cref="Multiply(SparseMatrix{TScalar})"/>).</summary>
    public static SparseMatrix<TScalar> operator *(SparseMatrix<TScalar> a, TScalar s) => NotNull(a).Multiply(s);

    /// <summary>A scalar times A.</summary>
    public static SparseMatrix<TScalar> operator *(TScalar s, SparseMatrix<TScalar> a) => NotNull(a).Multiply(s);

    /// <summary>A divided by a scalar (see <see cref="Divide(TScalar)"/>).</summary>
    public static SparseMatrix<TScalar> operator /(SparseMatrix<TScalar> a, TScalar s) => NotNull(a).Divide(s);

    /// <summary>-A.</summary>
    public static SparseMatrix<TScalar> operator -(SparseMatrix<TScalar> a) => NotNull(a).Negate();

    private static SparseMatrix<TScalar> NotNull(SparseMatrix<TScalar> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a;
    }

    private enum ValueMap { Multiply, Divide, Negate, Abs }

    /// <summary>A copy whose values are mapped in place, chunk by chunk, with TensorPrimitives.</summary>
    private SparseMatrix<TScalar> MapValues(TScalar s, ValueMap map)
    {
        var c = Copy();
        for (long start = 0; start < c.Nnz; start += 1L << 30)
        {
            var v = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref c.Val.At(start), (int)Math.Min(c.Nnz - start, 1L << 30));
            switch (map)
            {
                case ValueMap.Multiply: TensorPrimitives.Multiply(v, s, v); break;
                case ValueMap.Divide: TensorPrimitives.Divide(v, s, v); break;
                case ValueMap.Negate: TensorPrimitives.Negate(v, v); break;
                default: TensorPrimitives.Abs(v, v); break;
            }
        }
        return c;
    }

    private void CheckSameShape(SparseMatrix<TScalar> b, string op)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rows != Rows || b.Columns != Columns)
            ThrowHelper.ShapeMismatch(op, $"shapes ({Rows}, {Columns}) and ({b.Rows}, {b.Columns}) differ", Shape, b.Shape);
    }

    /// <summary>alpha = 1: A + beta B over the union of the canonical patterns, zero sums dropped.</summary>
    private SparseMatrix<TScalar> Merge(SparseMatrix<TScalar> b, TScalar beta, string op)
    {
        CheckSameShape(b, op);
        var a = Canonical();
        var bb = b.AsFormat(Format).Canonical();
        int major = MajorCount;
        long bound = a.Nnz + bb.Nnz;
        var ptr = new long[major + 1];
        var idx = TensorStorage<int>.Allocate(bound, zero: false, op: op);
        var val = TensorStorage<TScalar>.Allocate(bound, zero: false, op: op);
        long w = 0;
        for (int i = 0; i < major; i++)
        {
            var ai = a.RunIndices(i); var av = a.RunValues(i);
            var bi = bb.RunIndices(i); var bv = bb.RunValues(i);
            int p = 0, q = 0;
            while (p < ai.Length || q < bi.Length)
            {
                int j;
                TScalar v;
                if (q == bi.Length || (p < ai.Length && ai[p] < bi[q])) { j = ai[p]; v = av[p++]; }
                else if (p == ai.Length || bi[q] < ai[p]) { j = bi[q]; v = beta * bv[q++]; }
                else { j = ai[p]; v = av[p++] + beta * bv[q++]; }
                if (v != TScalar.Zero) { idx.At(w) = j; val.At(w) = v; w++; }
            }
            ptr[i + 1] = w;
        }
        return Shrunk(ptr, idx, val, sortedIndices: true, canonical: true);
    }

    /// <summary>A .* B over the intersection of the canonical patterns, zero products dropped.</summary>
    private SparseMatrix<TScalar> Intersect(SparseMatrix<TScalar> b)
    {
        const string op = "sparse multiply";
        CheckSameShape(b, op);
        var a = Canonical();
        var bb = b.AsFormat(Format).Canonical();
        int major = MajorCount;
        long bound = Math.Min(a.Nnz, bb.Nnz);
        var ptr = new long[major + 1];
        var idx = TensorStorage<int>.Allocate(bound, zero: false, op: op);
        var val = TensorStorage<TScalar>.Allocate(bound, zero: false, op: op);
        long w = 0;
        for (int i = 0; i < major; i++)
        {
            var ai = a.RunIndices(i); var av = a.RunValues(i);
            var bi = bb.RunIndices(i); var bv = bb.RunValues(i);
            int p = 0, q = 0;
            while (p < ai.Length && q < bi.Length)
            {
                if (ai[p] < bi[q]) p++;
                else if (bi[q] < ai[p]) q++;
                else
                {
                    TScalar v = av[p] * bv[q];
                    if (v != TScalar.Zero) { idx.At(w) = ai[p]; val.At(w) = v; w++; }
                    p++; q++;
                }
            }
            ptr[i + 1] = w;
        }
        return Shrunk(ptr, idx, val, sortedIndices: true, canonical: true);
    }

    /// <summary>alpha A + beta D as a new dense (Rows, Columns) tensor.</summary>
    private NDArray<TScalar> DensePlus(NDArray<TScalar> d, TScalar alpha, TScalar beta, string op)
    {
        ArgumentNullException.ThrowIfNull(d);
        var result = Broadcast(d, op).Copy();
        if (beta != TScalar.One)
        {
            var span = result.Store.Span(0, (int)Math.Min(result.Size, int.MaxValue));
            if (result.Size <= int.MaxValue) TensorPrimitives.Multiply(span, beta, span);
            else for (long k = 0; k < result.Size; k++) result.Store.At(k) *= beta;
        }
        bool csr = Format == SparseFormat.Csr;
        long cols = Columns;
        for (int i = 0; i < MajorCount; i++)
        {
            var ri = RunIndices(i);
            var rv = RunValues(i);
            for (int k = 0; k < ri.Length; k++)
                result.Store.At(csr ? i * cols + ri[k] : ri[k] * cols + i) += alpha * rv[k];
        }
        return result;
    }

    /// <summary><paramref name="d"/> as a (Rows, Columns) view, broadcast (NumPy's rules) when it has fewer or unit axes.</summary>
    private NDArray<TScalar> Broadcast(NDArray<TScalar> d, string op)
    {
        if (d.Rank > 2)
            ThrowHelper.ShapeMismatch(op, $"({Rows}, {Columns}) and {d.Shape}: a sparse matrix combines with a dense tensor of at most 2 axes", Shape, d.Shape);
        bool fits = d.Rank switch
        {
            0 => true,
            1 => d.Dims[0] == 1 || d.Dims[0] == Columns,
            _ => (d.Dims[0] == 1 || d.Dims[0] == Rows) && (d.Dims[1] == 1 || d.Dims[1] == Columns),
        };
        if (!fits)
            ThrowHelper.ShapeMismatch(op, $"({Rows}, {Columns}) and {d.Shape}: the dense operand does not broadcast to the sparse shape", Shape, d.Shape);
        return d.BroadcastTo(Rows, Columns);
    }
}
