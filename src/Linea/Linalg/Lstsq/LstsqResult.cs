using System.Numerics;

namespace Linea;

/// <summary>
/// The result of <c>Linalg.Lstsq</c>, with NumPy's four outputs and what NumPy leaves silent: whether the rank was cut.
/// Deconstructs as NumPy's tuple: <c>var (x, residuals, rank, s) = Linalg.Lstsq(A, b);</c>
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class LstsqResult<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Lazy<NDArray<T>> _singularValues;
    private readonly IReadOnlyList<double> _scaledSingularValues;

    internal LstsqResult(NDArray<T> solution, NDArray<T> residuals, int rank, int rows, int columns, double cutoff,
        Func<NDArray<T>> singularValues, IReadOnlyList<double> scaledSingularValues, int refinementSteps)
    {
        Solution = solution;
        Residuals = residuals;
        Rank = rank;
        Rows = rows;
        Columns = columns;
        RCond = cutoff;
        _singularValues = new Lazy<NDArray<T>>(singularValues);
        _scaledSingularValues = scaledSingularValues;
        RefinementSteps = refinementSteps;
    }

    /// <summary>The minimum-norm least-squares solution: shape (n,) for a vector b, (n, r) for a matrix b.</summary>
    public NDArray<T> Solution { get; }

    /// <summary>
    /// NumPy's residuals: the squared 2-norm of each column of b - A x, shape (r,) (or (1,) for a vector b); empty,
    /// shape (0,), when the rank is below n or m &lt;= n, as in NumPy.
    /// </summary>
    public NDArray<T> Residuals { get; }

    /// <summary>The numerical rank used for the solution.</summary>
    public int Rank { get; }

    /// <summary>The singular values of A, descending, min(m, n) of them (computed on first access by one-sided Jacobi
    /// on the small triangular factor, O(n^3); the interim until the SVD of issue 6).</summary>
    public NDArray<T> SingularValues => _singularValues.Value;

    /// <summary>
    /// The singular values, descending, of A with its columns scaled to unit 2-norm (by powers of two), on which the
    /// rank is decided: column scaling changes neither the solution nor what Householder QR can resolve, so this is
    /// the condition that matters for accuracy (van der Sluis). Their ratio to the largest is compared with rcond.
    /// Computed on first access when the rank was certain without them (a well-conditioned A, proved full rank by a
    /// norm bound on the inverse of its triangular factor), O(n^3).
    /// </summary>
    public IReadOnlyList<double> ScaledSingularValues => _scaledSingularValues;

    /// <summary>The relative cutoff that decided the rank (rcond; scaled singular values at or below
    /// rcond times the largest count as zero).</summary>
    public double RCond { get; }

    /// <summary>Rows m of A.</summary>
    public int Rows { get; }

    /// <summary>Columns n of A.</summary>
    public int Columns { get; }

    /// <summary>Steps of iterative refinement taken (0 without <c>refine</c>).</summary>
    public int RefinementSteps { get; }

    /// <summary>
    /// True when the rank is below min(m, n): rcond cut singular values, the solution is that of a truncated problem
    /// (minimum norm among the least-squares solutions of it). Callers should show <see cref="Warning"/>.
    /// </summary>
    public bool RankDeficient => Rank < Math.Min(Rows, Columns);

    /// <summary>A sentence for the user when <see cref="RankDeficient"/>, else null.</summary>
    public string? Warning => RankDeficient
        ? $"lstsq: A of shape ({Rows}, {Columns}) is rank deficient to the tolerance rcond = {RCond:G3}: rank {Rank} of {Math.Min(Rows, Columns)}; the minimum-norm solution of the truncated problem was returned"
        : null;

    /// <summary>NumPy's tuple (x, residuals, rank, s).</summary>
    public void Deconstruct(out NDArray<T> solution, out NDArray<T> residuals, out int rank, out NDArray<T> singularValues)
    {
        solution = Solution;
        residuals = Residuals;
        rank = Rank;
        singularValues = SingularValues;
    }
}
