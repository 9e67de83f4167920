using System.Numerics;

namespace Linea;

/// <summary>
/// The result of <see cref="Sparse.Lstsq{T}"/>: the solution, the rank the sparse QR found and the residual norm, so a
/// rank-deficient problem is visible rather than thrown.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class SparseLstsqResult<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal SparseLstsqResult(T[] solution, int rank, int rows, int columns, double residualNorm, SparseQr<T> factorization)
    {
        Solution = solution;
        Rank = rank;
        Rows = rows;
        Columns = columns;
        ResidualNorm = residualNorm;
        Factorization = factorization;
    }

    /// <summary>x, length n: least squares for m &gt;= n, minimum norm for m &lt; n; the basic solution when rank deficient.</summary>
    public T[] Solution { get; }

    /// <summary>The numerical rank found by the sparse QR's rank detection.</summary>
    public int Rank { get; }

    /// <summary>Whether <see cref="Rank"/> is below min(m, n).</summary>
    public bool RankDeficient => Rank < Math.Min(Rows, Columns);

    /// <summary>Rows of A (m).</summary>
    public int Rows { get; }

    /// <summary>Columns of A (n).</summary>
    public int Columns { get; }

    /// <summary>||b - A x||_2, computed from the solution (not from Q^T b).</summary>
    public double ResidualNorm { get; }

    /// <summary>The factorization used, for further solves with the same A.</summary>
    public SparseQr<T> Factorization { get; }
}
