using System.Numerics;
using System.Numerics.Tensors;

namespace Linea;

/// <summary>
/// The Jacobi (diagonal) preconditioner: applies M^-1 x = D^-1 x with D = diag(A). The cheapest preconditioner: O(n)
/// memory and time per application; it helps when A's diagonal varies widely in scale, hardly on a constant-diagonal
/// matrix such as the Poisson matrix (prefer <see cref="IncompleteCholesky{T}"/> there). Symmetric, so usable with CG
/// and MINRES when A's diagonal is positive.
/// </summary>
/// <typeparam name="T">The element type, <c>float</c> or <c>double</c>.</typeparam>
public sealed class JacobiPreconditioner<T> : ILinearOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _inverseDiagonal;

    /// <summary>Builds D^-1 from the square matrix <paramref name="a"/> (duplicates on the diagonal summed). O(nnz).</summary>
    /// <exception cref="ShapeMismatchException">A is not square.</exception>
    /// <exception cref="SingularMatrixException">A diagonal entry is zero or missing; the exception names the row.</exception>
    /// <exception cref="NonFiniteException">A diagonal entry is NaN or infinite.</exception>
    public JacobiPreconditioner(SparseMatrix<T> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rows != a.Columns)
            ThrowHelper.ShapeMismatch("jacobi preconditioner", $"needs a square matrix, got shape ({a.Rows}, {a.Columns})", a.Shape);
        int n = a.Rows;
        var d = new T[n];
        for (int major = 0; major < a.MajorCount; major++)
        {
            var idx = a.RunIndices(major);
            var val = a.RunValues(major);
            for (int k = 0; k < idx.Length; k++) if (idx[k] == major) d[major] += val[k];
        }
        for (int i = 0; i < n; i++)
        {
            if (d[i] == T.Zero)
                throw new SingularMatrixException(i, $"jacobi preconditioner: the diagonal entry A[{i}, {i}] is zero or not stored (row {i}); Jacobi needs a nonzero diagonal");
            if (!T.IsFinite(d[i]))
                throw new NonFiniteException($"jacobi preconditioner: the diagonal entry A[{i}, {i}] is {d[i]} (row {i})");
            d[i] = T.One / d[i];
        }
        _inverseDiagonal = d;
    }

    /// <inheritdoc />
    public int Rows => _inverseDiagonal.Length;

    /// <inheritdoc />
    public int Columns => _inverseDiagonal.Length;

    /// <inheritdoc />
    public bool HasRmatvec => true;

    /// <summary>y = D^-1 x, O(n).</summary>
    public void Matvec(ReadOnlySpan<T> x, Span<T> y)
    {
        OperatorChecks.Matvec("jacobi preconditioner", Rows, Columns, x.Length, y.Length);
        TensorPrimitives.Multiply(x, _inverseDiagonal, y);
    }

    /// <summary>y = D^-T x = D^-1 x.</summary>
    public void Rmatvec(ReadOnlySpan<T> x, Span<T> y) => Matvec(x, y);
}
