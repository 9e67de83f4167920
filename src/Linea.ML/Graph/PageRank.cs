using System.Numerics;

namespace Linea.ML;

/// <summary>
/// PageRank (Brin and Page 1998) by power iteration on the Google matrix G = d M + (1 - d) / n 1 1^T, where M moves a
/// surfer from node i along its out-edges in proportion to their weights and a dangling node (no out-edges) spreads
/// its score uniformly over all nodes (networkx's default). The scores r solve r = G r with sum r = 1.
/// Each iteration is one matrix-vector product, O(n^2) for the dense n x n adjacency matrix; the error shrinks by
/// the factor d per iteration, so about log(tol) / log(d) iterations are needed (146 for d = 0.85, tol = 1e-10).
/// Memory (dense form): one copy of the n x n adjacency matrix, made row-stochastic in place, and about six new
/// n-vectors per iteration; the result holds the n scores.
/// </summary>
public static partial class PageRank
{
    /// <summary>PageRank scores of the graph with adjacency matrix <paramref name="adjacency"/>, where entry (i, j) &gt;= 0 is
    /// the weight of the edge from node i to node j (0: no edge; self-loops allowed).</summary>
    /// <param name="adjacency">n x n, finite, non-negative.</param>
    /// <param name="damping">d, the probability of following a link (default 0.85), in [0, 1).</param>
    /// <param name="tol">Stop when the L1 norm of the change in r falls below this (default 1e-10).</param>
    /// <param name="maxIter">Iterations allowed (default 1000).</param>
    /// <exception cref="ShapeMismatchException">adjacency is not a square matrix.</exception>
    /// <exception cref="NonFiniteException">adjacency contains NaN or infinity.</exception>
    /// <exception cref="ArgumentException">A weight is negative, or the graph has no nodes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">damping is outside [0, 1), tol is not positive, or maxIter &lt; 1.</exception>
    /// <exception cref="NoConvergenceException">The change is still above tol after maxIter iterations.</exception>
    public static PageRankResult<T> Compute<T>(NDArray<T> adjacency, double damping = 0.85, double tol = 1e-10, int maxIter = 1000)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(adjacency);
        if (adjacency.Rank != 2 || adjacency.Shape[0] != adjacency.Shape[1])
            throw new ShapeMismatchException("pagerank", [adjacency.Shape],
                $"pagerank: the adjacency matrix must be square (n, n); got shape {adjacency.Shape}");
        CheckOptions(damping, tol, maxIter);
        int n = (int)adjacency.Shape[0];
        if (n == 0) throw new ArgumentException("pagerank: the graph has no nodes", nameof(adjacency));
        Guard.Finite(adjacency, "pagerank", "the adjacency matrix");
        var a = adjacency.Contiguous().ToArray();
        for (int i = 0; i < a.Length; i++)
            if (a[i] < T.Zero)
                throw new ArgumentException($"pagerank: edge weights must be >= 0; entry ({i / n}, {i % n}) is {a[i]}", nameof(adjacency));

        // Row-stochastic P = D^-1 A over the rows with out-edges; r' = d (r^T P + (dangling mass) / n) + (1 - d) / n.
        var outWeight = adjacency.Sum(1).ToArray();
        var dangling = new bool[n];
        for (int i = 0; i < n; i++)
        {
            dangling[i] = outWeight[i] == T.Zero;
            if (dangling[i]) continue;
            T inv = T.One / outWeight[i];
            for (int j = 0; j < n; j++) a[i * n + j] *= inv;
        }
        var p = NDArray.Wrap(a, n, n);
        T d = T.CreateTruncating(damping), nT = T.CreateTruncating(n), teleport = (T.One - d) / nT;
        var r = NDArray.Full([n], T.One / nT);
        double change = double.PositiveInfinity;
        for (int it = 1; it <= maxIter; it++)
        {
            var rv = r.ToArray();
            T danglingMass = T.Zero;
            for (int i = 0; i < n; i++) if (dangling[i]) danglingMass += rv[i];
            var next = r.MatMul(p) * d + (d * danglingMass / nT + teleport);
            change = double.CreateTruncating(NDArray.Abs(next - r).Sum());
            r = next;
            if (change < tol)
                return new PageRankResult<T>(r / r.Sum(), it, change);
        }
        throw NotConverged(maxIter, change, tol);
    }

    /// <summary>Checks the options shared by the dense and sparse forms.</summary>
    private static void CheckOptions(double damping, double tol, int maxIter)
    {
        if (!(damping >= 0 && damping < 1))
            throw new ArgumentOutOfRangeException(nameof(damping), damping, "pagerank: damping must lie in [0, 1)");
        if (!(tol > 0))
            throw new ArgumentOutOfRangeException(nameof(tol), tol, "pagerank: tol must be positive");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIter, 1);
    }

    private static NoConvergenceException NotConverged(int maxIter, double change, double tol) =>
        new($"pagerank: no convergence in {maxIter} iterations (last L1 change {change:E3} >= tol {tol:E3}); raise maxIter or tol");
}
