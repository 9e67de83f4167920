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
        var best = new double[neighbours];
        var bestIndex = new int[neighbours];
        for (int i = 0; i < n; i++)
        {
            int filled = 0;
            var xi = xs.AsSpan(i * d, d);
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double dist = KMeansPlusPlus.SquaredDistance(xi, xs.AsSpan(j * d, d));
                // j rises, so an equal distance never displaces an earlier (smaller) index: ties go to the smaller index.
                if (filled == neighbours && !(dist < best[neighbours - 1])) continue;
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
            long o = 2L * i * neighbours;
            for (int r = 0; r < neighbours; r++)
            {
                rows[o + 2 * r] = i; cols[o + 2 * r] = bestIndex[r];
                rows[o + 2 * r + 1] = bestIndex[r]; cols[o + 2 * r + 1] = i;
            }
        }
        var half = new T[2 * edges];
        Array.Fill(half, T.CreateTruncating(0.5));
        return Sparse.Coo(n, n, rows, cols, half);   // duplicates summed: (A + Aᵀ)/2
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
