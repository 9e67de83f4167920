using System.Numerics;

namespace Linea.ML.Clustering;

internal static partial class AffinityGraphs
{
    /// <summary>
    /// The k-nearest-neighbour graph as a sparse (n, n) CSR matrix: A_ij = 1 when j is one of the
    /// <paramref name="neighbours"/> nearest samples to i (itself excluded; ties by the smaller index), symmetrised as
    /// (A + Aᵀ)/2, so entries are 1/2 or 1 and the diagonal is empty. The same graph as
    /// <see cref="NearestNeighbors{T}"/> without any n x n array: brute-force search with a sorted list of the best
    /// <paramref name="neighbours"/> per row, O(n² d) time (squared distances in double), O(n d + n neighbours) memory.
    /// Each row's distances are computed <see cref="Vector{T}.Count"/> candidates at a time from a transposed copy of X
    /// (summed feature by feature, multiply then add: the bits of <see cref="KMeansPlusPlus.SquaredDistance"/>), and a
    /// block none of whose distances beats the current last neighbour is dropped by one vector compare; the rest go
    /// through the list in index order, as a scalar scan would. Rows are split into contiguous chunks across threads
    /// (each fills its own rows' entries), so the graph does not depend on the thread count.
    /// </summary>
    /// <exception cref="ArgumentException">neighbours ≥ n.</exception>
    public static SparseMatrix<T> NearestNeighborsSparse<T>(NDArray<T> x, int neighbours, string where) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)x.Shape[0], d = (int)x.Shape[1];
        if (neighbours >= n)
            throw new ArgumentException($"{where}: nNeighbors = {neighbours} but there are only {n} samples; use fewer neighbours than samples");
        var xs = DoubleRows.From(x);
        long edges = (long)n * neighbours;
        if (2 * edges > Array.MaxLength)
            throw new ArgumentException($"{where}: n = {n} samples with nNeighbors = {neighbours} give {2 * edges} graph entries, more than an array holds");
        var rows = new int[2 * edges];
        var cols = new int[2 * edges];
        var xt = new double[(long)d * n];
        for (int i = 0; i < n; i++)
            for (int l = 0; l < d; l++) xt[(long)l * n + i] = xs[i * d + l];
        int chunks = Math.Max(1, Math.Min(Parallelism.Default.Threads, (int)Math.Min(int.MaxValue, (long)n * n * Math.Max(d, 1) / MinNeighbourWorkPerThread)));
        if (chunks == 1) NeighbourRows(xs, xt, n, d, neighbours, 0, n, rows, cols);
        else
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, t =>
                NeighbourRows(xs, xt, n, d, neighbours, (int)((long)n * t / chunks), (int)((long)n * (t + 1) / chunks), rows, cols));
        var half = new T[2 * edges];
        Array.Fill(half, T.CreateTruncating(0.5));
        return Sparse.Coo(n, n, rows, cols, half);   // duplicates summed: (A + Aᵀ)/2
    }

    /// <summary>Distance terms (n² d) per thread below which the neighbour search stays on one thread.</summary>
    private const long MinNeighbourWorkPerThread = 1L << 22;

    /// <summary>The neighbour lists of rows [start, end), written as (i, j) and (j, i) pairs at 2 i neighbours.</summary>
    private static void NeighbourRows(double[] xs, double[] xt, int n, int d, int neighbours, int start, int end, int[] rows, int[] cols)
    {
        int w = Vector<double>.Count;
        var best = new double[neighbours];
        var bestIndex = new int[neighbours];
        Span<double> block = stackalloc double[w];
        for (int i = start; i < end; i++)
        {
            int filled = 0;
            var xi = xs.AsSpan(i * d, d);
            int j0 = 0;
            for (; j0 + w <= n; j0 += w)
            {
                var acc = Vector<double>.Zero;
                for (int l = 0; l < d; l++)
                {
                    var diff = new Vector<double>(xi[l]) - new Vector<double>(xt, l * n + j0);
                    acc += diff * diff;
                }
                // A full list keeps a block only if some distance beats its last entry (the bound only falls).
                if (filled == neighbours && !Vector.LessThanAny(acc, new Vector<double>(best[neighbours - 1]))) continue;
                acc.CopyTo(block);
                for (int r = 0; r < w; r++)
                    if (j0 + r != i) Insert(block[r], j0 + r, best, bestIndex, ref filled, neighbours);
            }
            for (int j = j0; j < n; j++)
                if (j != i) Insert(KMeansPlusPlus.SquaredDistance(xi, xs.AsSpan(j * d, d)), j, best, bestIndex, ref filled, neighbours);
            long o = 2L * i * neighbours;
            for (int r = 0; r < neighbours; r++)
            {
                rows[o + 2 * r] = i; cols[o + 2 * r] = bestIndex[r];
                rows[o + 2 * r + 1] = bestIndex[r]; cols[o + 2 * r + 1] = i;
            }
        }
    }

    /// <summary>Offers candidate j at squared distance <paramref name="dist"/> to the sorted list. Candidates come in
    /// rising j, so an equal distance never displaces an earlier (smaller) index: ties go to the smaller index.</summary>
    private static void Insert(double dist, int j, double[] best, int[] bestIndex, ref int filled, int neighbours)
    {
        if (filled == neighbours && !(dist < best[neighbours - 1])) return;
        int pos = filled == neighbours ? neighbours - 1 : filled++;
        while (pos > 0 && best[pos - 1] > dist)
        {
            best[pos] = best[pos - 1];
            bestIndex[pos] = bestIndex[pos - 1];
            pos--;
        }
        best[pos] = dist;
        bestIndex[pos] = j;
    }

    /// <summary>Validates a user-given sparse affinity and returns a canonical CSR copy without diagonal entries.</summary>
    /// <exception cref="ShapeMismatchException">Not square.</exception>
    /// <exception cref="ArgumentException">Negative entries, or not symmetric (entries differing by more than 1e-12
    /// relative, or stored on one side only with a nonzero value).</exception>
    /// <exception cref="NonFiniteException">A stored value is NaN or infinite.</exception>
    public static SparseMatrix<T> CheckedPrecomputed<T>(SparseMatrix<T> a, string where) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rows != a.Columns)
            throw new ShapeMismatchException(where, [a.Shape], $"{where}: a precomputed affinity must be square (n, n); got sparse {a.Shape}");
        SparseGuard.Matrix(a, where, minRows: 0);
        var csr = a.ToCsr().SumDuplicates();
        int n = csr.Rows;
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<T>();
        for (int i = 0; i < n; i++)
        {
            var ci = csr.IndicesOf(i);
            var vi = csr.ValuesOf(i);
            for (int e = 0; e < ci.Length; e++)
            {
                if (vi[e] < T.Zero)
                    throw new ArgumentException($"{where}: affinity[{i}, {ci[e]}] = {vi[e]} is negative; similarities must be >= 0");
                if (ci[e] == i || vi[e] == T.Zero) continue;
                T other = csr[ci[e], i];
                double aij = double.CreateTruncating(vi[e]), aji = double.CreateTruncating(other);
                if (Math.Abs(aij - aji) > 1e-12 * Math.Max(Math.Abs(aij), Math.Abs(aji)) + double.Epsilon)
                    throw new ArgumentException($"{where}: the affinity is not symmetric: [{i}, {ci[e]}] = {aij} but [{ci[e]}, {i}] = {aji}");
                rows.Add(i); cols.Add(ci[e]); vals.Add(vi[e]);
            }
        }
        return Sparse.Coo(n, n, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(cols), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(vals));
    }
}
