using System.Numerics;

namespace Linea;

/// <summary>
/// Builds <see cref="ILinearOperator{T}"/>s, as SciPy's <c>scipy.sparse.linalg.LinearOperator</c> and
/// <c>aslinearoperator</c>: from user functions, from dense tensors, and as compositions (transpose, identity, scaled,
/// sum). A <see cref="SparseMatrix{TScalar}"/> is already an operator. Every solver in <see cref="SparseLinalg"/> takes
/// any of them.
/// </summary>
public static class LinearOperator
{
    /// <summary>
    /// An operator of shape (<paramref name="rows"/>, <paramref name="columns"/>) given by <paramref name="matvec"/>
    /// (y = A x, x of length columns, y of length rows, overwritten) and optionally <paramref name="rmatvec"/>
    /// (y = A^T x; without it <see cref="ILinearOperator{T}.HasRmatvec"/> is false and LSQR/LSMR reject the operator).
    /// The lengths are checked on every call before the function runs; the functions may not keep the spans.
    /// </summary>
    /// <exception cref="ArgumentException">A negative dimension.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="matvec"/> is null.</exception>
    public static ILinearOperator<T> FromFunction<T>(int rows, int columns, SpanMap<T> matvec, SpanMap<T>? rmatvec = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(matvec);
        OperatorChecks.Dimension("LinearOperator.FromFunction", nameof(rows), rows);
        OperatorChecks.Dimension("LinearOperator.FromFunction", nameof(columns), columns);
        return new FunctionOperator<T>(rows, columns, matvec, rmatvec);
    }

    /// <summary>
    /// A dense m x n tensor as an operator (SciPy's <c>aslinearoperator(ndarray)</c>), over the tensor's own storage and
    /// strides (any layout; only negative strides cost an m x n copy). A x and A^T x are GEMVs, O(m n) each, threaded by
    /// <paramref name="parallelism"/> (default <see cref="Parallelism.Default"/>) when large. The operator is a view:
    /// later writes to the tensor change it.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The tensor is not 2-d.</exception>
    public static ILinearOperator<T> FromDense<T>(NDArray<T> a, Parallelism? parallelism = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        return new DenseOperator<T>(a, parallelism ?? Parallelism.Default);
    }

    /// <summary>A dense 2-d tensor as an operator: the same as <see cref="FromDense{T}"/>.</summary>
    public static ILinearOperator<T> AsLinearOperator<T>(this NDArray<T> a, Parallelism? parallelism = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        FromDense(a, parallelism);

    /// <summary>
    /// A^T as an operator of shape (Columns, Rows): its Matvec is A's Rmatvec and back (SciPy's <c>A.T</c> /
    /// <c>A.rmatvec</c>). O(1). Its Matvec throws <see cref="NotSupportedException"/> when A has no rmatvec.
    /// Transposing twice gives back A itself.
    /// </summary>
    public static ILinearOperator<T> Transposed<T>(ILinearOperator<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        return a is TransposedOperator<T> t ? t.Inner : new TransposedOperator<T>(a);
    }

    /// <summary>The n x n identity operator (y = x, a copy). Useful as "no preconditioner".</summary>
    /// <exception cref="ArgumentException"><paramref name="n"/> is negative.</exception>
    public static ILinearOperator<T> Identity<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OperatorChecks.Dimension("LinearOperator.Identity", nameof(n), n);
        return new IdentityOperator<T>(n);
    }

    /// <summary>alpha A, applied as A's product scaled in place: nothing allocated per product.</summary>
    public static ILinearOperator<T> Scaled<T>(ILinearOperator<T> a, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        return new ScaledOperator<T>(a, alpha);
    }

    /// <summary>
    /// A + B, applied as two products added. The operator holds one scratch vector per direction (allocated on first
    /// use), so one instance must not be applied from two threads at once.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    public static ILinearOperator<T> Sum<T>(ILinearOperator<T> a, ILinearOperator<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rows != b.Rows || a.Columns != b.Columns)
            ThrowHelper.ShapeMismatch("LinearOperator.Sum", $"operators of shape ({a.Rows}, {a.Columns}) and ({b.Rows}, {b.Columns}) cannot be added", new Shape([a.Rows, a.Columns]), new Shape([b.Rows, b.Columns]));
        return new SumOperator<T>(a, b);
    }

    /// <summary>
    /// A X for a block of vectors (SciPy's <c>matmat</c>): <paramref name="x"/> is Columns x k (any layout), the result a
    /// new Rows x k tensor, column by column through Matvec. O(k) products, two scratch vectors.
    /// </summary>
    /// <exception cref="ShapeMismatchException"><paramref name="x"/> is not 2-d with Columns rows.</exception>
    public static NDArray<T> Matmat<T>(this ILinearOperator<T> a, NDArray<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2 || x.Shape[0] != a.Columns)
            ThrowHelper.ShapeMismatch("matmat", $"an operator of shape ({a.Rows}, {a.Columns}) needs a block of shape ({a.Columns}, k), got {x.Shape}", x.Shape);
        int k = (int)x.Shape[1];
        var y = NDArray.Zeros<T>(a.Rows, k);
        var xc = new T[a.Columns];
        var yc = new T[a.Rows];
        var ys = y.AsSpan();
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < xc.Length; i++) xc[i] = x[i, j];
            a.Matvec(xc, yc);
            for (int i = 0; i < yc.Length; i++) ys[i * k + j] = yc[i];
        }
        return y;
    }
}
