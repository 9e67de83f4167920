using System.Numerics;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// A 2-D tensor as an operator, over its own storage and strides (no copy unless a stride is negative): A x and A^T x
/// are the strided GEMV kernel behind <c>MatMul</c>'s matrix-vector products, threaded by <see cref="Parallelism"/>.
/// The tensor is captured as a view: later writes to it change the operator.
/// </summary>
internal sealed class DenseOperator<T> : ILinearOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NDArray<T> _a;
    private readonly Parallelism _parallelism;

    public DenseOperator(NDArray<T> a, Parallelism parallelism)
    {
        if (a.Rank != 2)
            ThrowHelper.ShapeMismatch("LinearOperator.FromDense", $"expected a 2-d tensor, got shape {a.Shape}", a.Shape);
        if (a.Shape[0] > int.MaxValue || a.Shape[1] > int.MaxValue)
            ThrowHelper.ShapeMismatch("LinearOperator.FromDense", $"shape {a.Shape}: an operator has at most {int.MaxValue} rows and columns", a.Shape);
        _a = a.Strides[0] < 0 || a.Strides[1] < 0 ? a.Copy() : a;
        _parallelism = parallelism;
        Rows = (int)a.Shape[0];
        Columns = (int)a.Shape[1];
    }

    public int Rows { get; }

    public int Columns { get; }

    public bool HasRmatvec => true;

    public void Matvec(ReadOnlySpan<T> x, Span<T> y)
    {
        OperatorChecks.Matvec("dense operator matvec", Rows, Columns, x.Length, y.Length);
        Product(Rows, Columns, (nint)_a.Strides[0], (nint)_a.Strides[1], x, y);
    }

    public void Rmatvec(ReadOnlySpan<T> x, Span<T> y)
    {
        OperatorChecks.Rmatvec("dense operator rmatvec", Rows, Columns, x.Length, y.Length);
        Product(Columns, Rows, (nint)_a.Strides[1], (nint)_a.Strides[0], x, y);
    }

    /// <summary>y = B x for the m x k matrix B at the tensor's origin with the given row and column strides.</summary>
    private unsafe void Product(int m, int k, nint rs, nint cs, ReadOnlySpan<T> x, Span<T> y)
    {
        if (m == 0) return;
        if (k == 0) { y.Clear(); return; }
        fixed (T* pa = &_a.Store.At(_a.Offset), px = x, py = y)
            SmallGemm.Gemv(m, k, T.One, pa, rs, cs, px, 1, T.Zero, py, 1, _parallelism.Count);
    }
}
