using System.Numerics;

namespace Linea.ML;

public static partial class PageRank
{
    /// <summary>
    /// PageRank scores of the graph with sparse adjacency matrix <paramref name="adjacency"/> (CSR or CSC), where stored
    /// entry (i, j) &gt;= 0 is the weight of the edge from node i to node j (duplicates add up, explicit zeros are no
    /// edge, self-loops allowed). The same Google matrix, dangling-node rule, iteration and stopping rule as the dense
    /// <see cref="Compute{T}(NDArray{T}, double, double, int)"/>: r' = d A^T D^-1 r + (d (dangling mass) + 1 - d) / n,
    /// stopping when the L1 norm of r' - r falls below <paramref name="tol"/>.
    /// <para>
    /// Each iteration is one transposed product A^T x (<see cref="SparseMatrix{TScalar}.Rmatvec(ReadOnlySpan{TScalar}, Span{TScalar})"/>,
    /// threaded as it is: a gather per node for CSC input, a scatter for CSR) and one fused pass over n-vectors: O(nnz + n)
    /// time per iteration. The matrix is used as given, never converted or copied (converting CSR to CSC costs about as
    /// much as twenty products on a 10-million-edge graph, more than the scatter loses over the ~20 iterations a random
    /// graph needs); pass CSC when ranking one graph many times. Memory: four vectors of length n; no n x n matrix.
    /// </para>
    /// </summary>
    /// <param name="adjacency">n x n, finite, non-negative stored values.</param>
    /// <param name="damping">d, the probability of following a link (default 0.85), in [0, 1).</param>
    /// <param name="tol">Stop when the L1 norm of the change in r falls below this (default 1e-10).</param>
    /// <param name="maxIter">Iterations allowed (default 1000).</param>
    /// <exception cref="ShapeMismatchException">adjacency is not square.</exception>
    /// <exception cref="NonFiniteException">A stored value is NaN or infinity.</exception>
    /// <exception cref="ArgumentException">A weight is negative, or the graph has no nodes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">damping is outside [0, 1), tol is not positive, or maxIter &lt; 1.</exception>
    /// <exception cref="NoConvergenceException">The change is still above tol after maxIter iterations.</exception>
    public static PageRankResult<T> Compute<T>(SparseMatrix<T> adjacency, double damping = 0.85, double tol = 1e-10, int maxIter = 1000)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(adjacency);
        if (adjacency.Rows != adjacency.Columns)
            throw new ShapeMismatchException("pagerank", [adjacency.Shape],
                $"pagerank: the adjacency matrix must be square (n, n); got shape {adjacency.Shape}");
        CheckOptions(damping, tol, maxIter);
        int n = adjacency.Rows;
        if (n == 0) throw new ArgumentException("pagerank: the graph has no nodes", nameof(adjacency));

        var inverseOut = InverseOutWeights(adjacency);

        T d = T.CreateTruncating(damping), nT = T.CreateTruncating(n), teleport = (T.One - d) / nT;
        var r = new T[n];
        var x = new T[n];
        var y = new T[n];
        Array.Fill(r, T.One / nT);
        // x = D^-1 r (zero at dangling nodes), and the dangling mass.
        T danglingMass = T.Zero;
        for (int i = 0; i < n; i++)
        {
            x[i] = r[i] * inverseOut[i];
            if (inverseOut[i] == T.Zero) danglingMass += r[i];
        }
        var cancellation = Parallelism.Default.Cancellation;
        double change = double.PositiveInfinity;
        for (int it = 1; it <= maxIter; it++)
        {
            cancellation.ThrowIfCancellationRequested();
            adjacency.Rmatvec(x, y);
            T shift = d * danglingMass / nT + teleport;
            change = 0;
            danglingMass = T.Zero;
            // One pass: the new score, the L1 change, the next scaled vector and dangling mass.
            for (int i = 0; i < n; i++)
            {
                T next = d * y[i] + shift;
                change += double.CreateTruncating(T.Abs(next - r[i]));
                r[i] = next;
                T s = inverseOut[i];
                x[i] = next * s;
                if (s == T.Zero) danglingMass += next;
            }
            if (change < tol)
            {
                var scores = NDArray.Wrap(r, n);
                return new PageRankResult<T>(scores / scores.Sum(), it, change);
            }
        }
        throw NotConverged(maxIter, change, tol);
    }

    /// <summary>
    /// 1 / (out-weight of node i), or 0 for a dangling node (no out-edges or only zero weights): row sums of
    /// <paramref name="adjacency"/>, run by run (CSR) or scattered (CSC); checks that every weight is finite and >= 0.
    /// </summary>
    private static T[] InverseOutWeights<T>(SparseMatrix<T> adjacency) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var weight = new T[adjacency.Rows];
        bool csr = adjacency.Format == SparseFormat.Csr;
        for (int major = 0; major < adjacency.MajorCount; major++)
        {
            var minor = adjacency.IndicesOf(major);
            var values = adjacency.ValuesOf(major);
            for (int k = 0; k < minor.Length; k++)
            {
                T v = values[k];
                int i = csr ? major : minor[k];
                if (!T.IsFinite(v) || v < T.Zero)
                {
                    int j = csr ? minor[k] : major;
                    if (!T.IsFinite(v))
                        throw new NonFiniteException($"pagerank: the adjacency matrix contains {(T.IsNaN(v) ? "NaN" : "infinity")} at ({i}, {j})");
                    throw new ArgumentException($"pagerank: edge weights must be >= 0; entry ({i}, {j}) is {v}", nameof(adjacency));
                }
                weight[i] += v;
            }
        }
        for (int i = 0; i < weight.Length; i++) weight[i] = weight[i] == T.Zero ? T.Zero : T.One / weight[i];
        return weight;
    }
}
