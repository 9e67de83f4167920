using System.Numerics;
using System.Numerics.Tensors;

namespace Linea;

/// <summary>
/// The symmetric successive over-relaxation preconditioner for A = L + D + U (strict triangles L, U; diagonal D):
/// M = omega/(2 - omega) (D/omega + L) (D/omega)^-1 (D/omega + U), applied as M^-1 x by a forward and a backward sweep
/// over A's own entries. For symmetric positive definite A and 0 &lt; omega &lt; 2, M is SPD (usable with CG and MINRES);
/// omega = 1 is symmetric Gauss-Seidel. Memory: a canonical CSR copy of A (nnz values and indices) and n for the
/// diagonal; each application is O(nnz), nothing allocated.
/// </summary>
/// <typeparam name="T">The element type, <c>float</c> or <c>double</c>.</typeparam>
public sealed class SsorPreconditioner<T> : ILinearOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly CanonicalRows<T> _a;
    private readonly int[] _upperStart;
    private readonly T[] _omegaOverDiagonal;   // omega / d_i, the inverse of D/omega
    private readonly T[] _diagonalOverOmega;   // d_i / omega
    private readonly T _scale;                 // (2 - omega) / omega

    /// <summary>Builds the preconditioner from the square matrix <paramref name="a"/>. O(nnz).</summary>
    /// <param name="a">A square sparse matrix with a nonzero diagonal.</param>
    /// <param name="omega">The relaxation factor, 0 &lt; omega &lt; 2 (default 1).</param>
    /// <exception cref="ShapeMismatchException">A is not square.</exception>
    /// <exception cref="ArgumentOutOfRangeException">omega is outside (0, 2).</exception>
    /// <exception cref="SingularMatrixException">A diagonal entry is zero or missing; the exception names the row.</exception>
    public SsorPreconditioner(SparseMatrix<T> a, double omega = 1.0)
    {
        if (!(omega > 0 && omega < 2))
            throw new ArgumentOutOfRangeException(nameof(omega), omega, $"ssor preconditioner: omega must lie in (0, 2), got {omega}");
        _a = CanonicalRows<T>.From(a, "ssor preconditioner");
        int n = _a.N;
        T w = T.CreateChecked(omega);
        _upperStart = new int[n];
        _omegaOverDiagonal = new T[n];
        _diagonalOverOmega = new T[n];
        for (int i = 0; i < n; i++)
        {
            int d = _a.Diag[i];
            if (d < 0 || _a.Val[d] == T.Zero)
                throw new SingularMatrixException(i, $"ssor preconditioner: the diagonal entry A[{i}, {i}] is zero or not stored (row {i}); SSOR needs a nonzero diagonal");
            _upperStart[i] = d + 1;
            _omegaOverDiagonal[i] = w / _a.Val[d];
            _diagonalOverOmega[i] = _a.Val[d] / w;
        }
        _scale = (T.CreateChecked(2) - w) / w;
        Omega = omega;
    }

    /// <summary>The relaxation factor.</summary>
    public double Omega { get; }

    /// <inheritdoc />
    public int Rows => _a.N;

    /// <inheritdoc />
    public int Columns => _a.N;

    /// <inheritdoc />
    public bool HasRmatvec => true;

    /// <summary>y = M^-1 x = (2 - omega)/omega (D/omega + U)^-1 (D/omega) (D/omega + L)^-1 x. O(nnz).</summary>
    public void Matvec(ReadOnlySpan<T> x, Span<T> y)
    {
        OperatorChecks.Matvec("ssor preconditioner", Rows, Columns, x.Length, y.Length);
        x.CopyTo(y);
        var ptr = _a.Ptr.AsSpan();
        TriangularSweeps.Lower(ptr[..^1], _a.Diag, _a.Col, _a.Val, _omegaOverDiagonal, y);
        TensorPrimitives.Multiply(y, _diagonalOverOmega, y);
        TriangularSweeps.Upper(_upperStart, ptr[1..], _a.Col, _a.Val, _omegaOverDiagonal, y);
        TensorPrimitives.Multiply(y, _scale, y);
    }

    /// <summary>y = M^-T x (the same as <see cref="Matvec"/> for symmetric A). O(nnz).</summary>
    public void Rmatvec(ReadOnlySpan<T> x, Span<T> y)
    {
        OperatorChecks.Rmatvec("ssor preconditioner", Rows, Columns, x.Length, y.Length);
        x.CopyTo(y);
        var ptr = _a.Ptr.AsSpan();
        TriangularSweeps.UpperTransposed(_upperStart, ptr[1..], _a.Col, _a.Val, _omegaOverDiagonal, y);
        TensorPrimitives.Multiply(y, _diagonalOverOmega, y);
        TriangularSweeps.LowerTransposed(ptr[..^1], _a.Diag, _a.Col, _a.Val, _omegaOverDiagonal, y);
        TensorPrimitives.Multiply(y, _scale, y);
    }
}
