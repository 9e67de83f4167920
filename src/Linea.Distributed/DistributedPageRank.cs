using System.Globalization;
using System.Numerics;
using System.Runtime.ExceptionServices;
using Linea.ML;

namespace Linea.Distributed;

/// <summary>
/// PageRank over the ranks of a <see cref="Communicator"/>, each holding a consecutive block of the graph's nodes and
/// their in-links: rank r holds rows [o_r, o_r + n_r) of the in-link matrix Aᵀ (the transpose of the adjacency A, whose
/// entry (i, j) is the weight of the edge i → j), so its local product gives exactly its nodes' new scores. The same
/// Google matrix, dangling-node rule, iteration and stopping rule as one-process
/// <see cref="PageRank.Compute{T}(SparseMatrix{T}, double, double, int)"/>, so the scores agree to rounding.
/// <para>
/// Setup: one allgather of the ranks' sizes and options, one allreduce of length n (the out-weights, column sums of
/// the in-link blocks). Per iteration: one <c>MPI_Allgatherv</c> of the scaled vector D⁻¹r (n elements in all), a local
/// sparse product over the rank's nnz_r stored links, one fused pass over its n_r nodes, and one allreduce of two
/// doubles (the L1 change and the dangling mass). Time per iteration O(nnz_r + n) per rank plus the gather; memory per
/// rank: its rows and three vectors of length n.
/// </para>
/// <code>
/// var part = RowPartition.Balanced(n, world.Size);
/// SparseMatrix&lt;double&gt; mine = DistributedPageRank.InLinkRows(adjacency, part, world.Rank); // or read from disk
/// PageRankResult&lt;double&gt; pr = DistributedPageRank.Compute(world, mine);                  // scores on every rank
/// </code>
/// </summary>
public static class DistributedPageRank
{
    private const string Op = "distributed_pagerank";
    private const int Fields = 6;

    /// <summary>
    /// PageRank scores of the graph whose in-link matrix Aᵀ is split over the ranks in row blocks, rank order.
    /// Every rank calls this with the same options.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="comm">The ranks holding the graph.</param>
    /// <param name="inLinkRows">
    /// This rank's rows of Aᵀ, shape (n_r, n), CSR or CSC: entry (i, j) is the weight of the edge from node j to node
    /// o_r + i, finite and non-negative (duplicates add, explicit zeros are no edge). n_r may be 0; the n_r add up to n.
    /// </param>
    /// <param name="damping">d, the probability of following a link, in [0, 1); the same on every rank.</param>
    /// <param name="tol">Stop when the L1 norm of the change in r (over all nodes) falls below this.</param>
    /// <param name="maxIter">Iterations allowed, at least 1.</param>
    /// <returns>The scores of all n nodes on every rank (shape (n,), summing to 1), the iterations and the last change.</returns>
    /// <exception cref="ArgumentNullException">inLinkRows is null (on that rank; the others throw <see cref="ArgumentException"/>).</exception>
    /// <exception cref="NonFiniteException">A stored weight is NaN or infinity (on its rank).</exception>
    /// <exception cref="ArgumentException">A weight is negative (on its rank), another rank's input failed its checks, or the graph has no nodes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">damping, tol or maxIter is out of range.</exception>
    /// <exception cref="MpiCountMismatchException">The column counts or options differ across ranks, or the row counts do not add up to n (on every rank).</exception>
    /// <exception cref="NoConvergenceException">The change is still above tol after maxIter iterations (on every rank).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public static PageRankResult<T> Compute<T>(Communicator comm, SparseMatrix<T> inLinkRows, double damping = 0.85,
        double tol = 1e-10, int maxIter = 1000) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(comm);
        Exception? local = CheckLocal(inLinkRows, damping, tol, maxIter);
        RowPartition part = Agree(comm, local, inLinkRows, damping, tol, maxIter);
        int n = (int)part.Rows, mine = (int)part.Count(comm.Rank), offset = (int)part.Offset(comm.Rank);
        var fast = comm.WithoutArgumentChecks();

        // Out-weight of node j: the column sums of Aᵀ, summed over every rank's rows.
        var inverseOut = new T[n];
        AddColumnSums(inLinkRows, inverseOut);
        fast.Allreduce<T>(inverseOut, ReductionOp.Sum);
        for (int j = 0; j < n; j++) inverseOut[j] = inverseOut[j] == T.Zero ? T.Zero : T.One / inverseOut[j];

        T d = T.CreateTruncating(damping), nT = T.CreateTruncating(n), teleport = (T.One - d) / nT;
        var r = new T[mine];
        var xMine = new T[mine];
        var x = new T[n];
        var y = new T[mine];
        Array.Fill(r, T.One / nT);
        Span<double> sums = stackalloc double[2];
        sums[0] = 0;
        sums[1] = 0;
        for (int i = 0; i < mine; i++)
        {
            T s = inverseOut[offset + i];
            xMine[i] = r[i] * s;
            if (s == T.Zero) sums[1] += double.CreateTruncating(r[i]);
        }
        fast.Allreduce<double>(sums, ReductionOp.Sum);
        T danglingMass = T.CreateTruncating(sums[1]);
        double change = double.PositiveInfinity;
        for (int it = 1; it <= maxIter; it++)
        {
            fast.Allgatherv<T>(xMine, x, part);
            inLinkRows.Matvec(x, y);
            T shift = d * danglingMass / nT + teleport;
            double localChange = 0, localDangling = 0;
            for (int i = 0; i < mine; i++)
            {
                T next = d * y[i] + shift;
                localChange += double.CreateTruncating(T.Abs(next - r[i]));
                r[i] = next;
                T s = inverseOut[offset + i];
                xMine[i] = next * s;
                if (s == T.Zero) localDangling += double.CreateTruncating(next);
            }
            sums[0] = localChange;
            sums[1] = localDangling;
            fast.Allreduce<double>(sums, ReductionOp.Sum);
            change = sums[0];
            danglingMass = T.CreateTruncating(sums[1]);
            if (change < tol)
            {
                var all = new T[n];
                fast.Allgatherv<T>(r, all, part);
                var scores = NDArray.Wrap(all, n);
                return new PageRankResult<T>(scores / scores.Sum(), it, change);
            }
        }
        throw new NoConvergenceException(string.Create(CultureInfo.InvariantCulture,
            $"{Op} on rank {comm.Rank} of {comm.Size}: no convergence in {maxIter} iterations (last L1 change {change:E3} >= tol {tol:E3}); raise maxIter or tol"));
    }

    /// <summary>
    /// This rank's block of the in-link matrix from the whole adjacency A (every rank holding A, as in tests and small
    /// examples): rows [partition.Offset(rank), + Count(rank)) of Aᵀ as a new CSR matrix of shape (Count(rank), n).
    /// O(nnz) time and memory (a transpose to CSR, then a row slice).
    /// </summary>
    /// <param name="adjacency">n x n; entry (i, j) is the weight of the edge i → j.</param>
    /// <param name="partition">The node blocks, over n rows.</param>
    /// <param name="rank">Whose block.</param>
    /// <exception cref="ShapeMismatchException">adjacency is not square, or the partition is not over its n nodes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">rank is outside the partition.</exception>
    public static SparseMatrix<T> InLinkRows<T>(SparseMatrix<T> adjacency, RowPartition partition, int rank)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(adjacency);
        ArgumentNullException.ThrowIfNull(partition);
        if (adjacency.Rows != adjacency.Columns || partition.Rows != adjacency.Rows)
            throw new ShapeMismatchException(Op, [adjacency.Shape],
                $"{Op}: the adjacency must be square (n, n) and the partition over its n nodes; got shape {adjacency.Shape} and {partition}");
        int start = (int)partition.Offset(rank);
        return adjacency.T.ToCsr().SliceRows(start, start + (int)partition.Count(rank));
    }

    /// <summary>Adds column j's stored values of <paramref name="rows"/> to <paramref name="sums"/>[j].</summary>
    private static void AddColumnSums<T>(SparseMatrix<T> rows, T[] sums) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool csr = rows.Format == SparseFormat.Csr;
        for (int major = 0; major < rows.MajorCount; major++)
        {
            var minor = rows.IndicesOf(major);
            var values = rows.ValuesOf(major);
            for (int k = 0; k < minor.Length; k++) sums[csr ? minor[k] : major] += values[k];
        }
    }

    private static Exception? CheckLocal<T>(SparseMatrix<T>? rows, double damping, double tol, int maxIter)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        try
        {
            ArgumentNullException.ThrowIfNull(rows);
            if (!(damping >= 0 && damping < 1))
                throw new ArgumentOutOfRangeException(nameof(damping), damping, $"{Op}: damping must lie in [0, 1)");
            if (!(tol > 0)) throw new ArgumentOutOfRangeException(nameof(tol), tol, $"{Op}: tol must be positive");
            if (maxIter < 1) throw new ArgumentOutOfRangeException(nameof(maxIter), maxIter, $"{Op}: maxIter must be at least 1");
            bool csr = rows.Format == SparseFormat.Csr;
            for (int major = 0; major < rows.MajorCount; major++)
            {
                var minor = rows.IndicesOf(major);
                var values = rows.ValuesOf(major);
                for (int k = 0; k < minor.Length; k++)
                {
                    T v = values[k];
                    if (T.IsFinite(v) && v >= T.Zero) continue;
                    int i = csr ? major : minor[k], j = csr ? minor[k] : major;
                    if (!T.IsFinite(v))
                        throw new NonFiniteException($"{Op}: the in-link rows contain {(T.IsNaN(v) ? "NaN" : "infinity")} at local ({i}, {j}) (the edge {j} -> local node {i})");
                    throw new ArgumentException($"{Op}: edge weights must be >= 0; the edge {j} -> local node {i} has weight {v}", nameof(rows));
                }
            }
            return null;
        }
#pragma warning disable CA1031 // rethrown after every rank has heard of it
        catch (Exception e) when (e is ArgumentException or NonFiniteException)
#pragma warning restore CA1031
        {
            return e;
        }
    }

    /// <summary>
    /// One allgather of [failed, columns, rows, maxIter, damping bits, tol bits] per rank: a failing rank rethrows its
    /// exception, the others name it; differing columns or options, or rows that do not add up to the columns, throw
    /// on every rank. Returns the node partition.
    /// </summary>
    private static RowPartition Agree<T>(Communicator comm, Exception? local, SparseMatrix<T>? rows, double damping,
        double tol, int maxIter) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<long> record = stackalloc long[Fields];
        record.Clear();
        record[0] = local is null ? 0 : 1;
        if (local is null)
        {
            record[1] = rows!.Columns;
            record[2] = rows.Rows;
            record[3] = maxIter;
            record[4] = BitConverter.DoubleToInt64Bits(damping);
            record[5] = BitConverter.DoubleToInt64Bits(tol);
        }
        int p = comm.Size;
        var all = new long[Fields * p];
        comm.Allgather<long>(record, all);
        if (local is not null) ExceptionDispatchInfo.Throw(local);
        var failed = Enumerable.Range(0, p).Where(r => all[Fields * r] != 0).ToList();
        if (failed.Count > 0)
            throw new ArgumentException($"{Op} on rank {comm.Rank} of {p}: the input of rank{(failed.Count > 1 ? "s" : "")} {string.Join(", ", failed)} failed its checks (see that rank's error)");
        string[] names = ["columns (n)", "rows", "maxIter", "damping", "tol"];
        foreach (int f in (int[])[1, 3, 4, 5])
        {
            if (Enumerable.Range(1, p - 1).All(r => all[Fields * r + f] == all[f])) continue;
            throw new MpiCountMismatchException(comm.Rank, p, Op, $"every rank must pass the same {names[f - 1]} ("
                + string.Join("; ", Enumerable.Range(0, p).Select(r => $"rank {r}: {Describe(f, all[Fields * r + f])}")) + ")");
        }
        var counts = Enumerable.Range(0, p).Select(r => all[Fields * r + 2]).ToArray();
        long total = counts.Sum();
        if (total != all[1])
            throw new MpiCountMismatchException(comm.Rank, p, Op,
                $"the ranks' row counts ({string.Join(", ", counts)}) add up to {total}, not the {all[1]} columns (nodes)");
        if (total == 0) throw new ArgumentException($"{Op} on rank {comm.Rank} of {p}: the graph has no nodes");
        if (total > Array.MaxLength) throw new ArgumentException($"{Op} on rank {comm.Rank} of {p}: {total} nodes; at most {Array.MaxLength} are supported");
        return RowPartition.FromCounts(counts);
    }

    private static string Describe(int field, long value) => field >= 4
        ? BitConverter.Int64BitsToDouble(value).ToString("R", CultureInfo.InvariantCulture)
        : value.ToString(CultureInfo.InvariantCulture);
}
