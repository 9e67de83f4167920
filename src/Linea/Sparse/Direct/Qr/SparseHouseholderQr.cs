using System.Diagnostics;
using System.Numerics;
using Linea.Storage;

namespace Linea;

/// <summary>
/// The numeric sparse Householder QR of a tall (m &gt;= n) CSC matrix with a given column order: left-looking, one column
/// at a time, as CSparse's <c>cs_qr</c>, with Heath's rank detection as SuiteSparseQR does it. Column k is scattered
/// into a dense work vector, the Householder reflections of the columns on the elimination-tree paths from its rows'
/// leftmost columns are applied (in topological order), the entries on earlier pivot rows become R(:, k), and the rest,
/// on the rows now waiting at column k, becomes the Householder vector V(:, k). When those rows' norm is at most the
/// tolerance the column is dead: its small entries are dropped, it takes no pivot row and its rows move on to its parent
/// unchanged (so R has an empty row k). Rows waiting at a column are kept in linked lists; a column's remaining rows are
/// spliced onto its parent's list in O(1).
/// </summary>
internal static class SparseHouseholderQr
{
    /// <summary>
    /// Factors <paramref name="a"/>[:, perm] (CSC, m &gt;= n). <paramref name="tolerance"/>: columns whose remaining norm is
    /// at most this are dead (a negative value keeps every column whose remaining part is not exactly zero).
    /// Time O(flops) = O(sum over k of |V(:, j)| for the reflections applied to column k); memory O(nnz(V) + nnz(R) + m + n).
    /// </summary>
    public static SparseQrFactors<T> Factor<T>(string op, SparseMatrix<T> a, int[] perm, T tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(a.Format == SparseFormat.Csc && a.Rows >= a.Columns);
        int m = a.Rows, n = a.Columns;
        var (parent, leftmost) = ColumnEliminationTree.Compute(a, perm);

        // Rows waiting at each column, as singly linked lists (head, tail, next), seeded by each row's leftmost column.
        var head = new int[n];
        var tail = new int[n];
        var next = new int[m];
        Array.Fill(head, -1);
        Array.Fill(tail, -1);
        Array.Fill(next, -1);
        for (int i = 0; i < m; i++)
        {
            int k = leftmost[i];
            if (k < 0) continue;
            if (head[k] < 0) head[k] = i; else next[tail[k]] = i;
            tail[k] = i;
        }

        var x = new T[m];
        var mark = new int[n];
        Array.Fill(mark, -1);
        var path = new int[n];
        var stack = new int[n];
        var pivotRow = new int[n];
        var tau = new T[n];
        var diag = new T[n];
        var vPtr = new long[n + 1];
        var rPtr = new long[n + 1];
        var v = new GrowingColumns<T>(Math.Max(16, (int)Math.Min(Array.MaxLength, 2 * a.Nnz)));
        var r = new GrowingColumns<T>(Math.Max(16, (int)Math.Min(Array.MaxLength, a.Nnz + n)));
        bool keepNonzero = tolerance < T.Zero;

        for (int k = 0; k < n; k++)
        {
            vPtr[k] = v.Count;
            rPtr[k] = r.Count;
            mark[k] = k;
            int top = n;
            // Scatter A(:, perm[k]) into x and collect the columns whose reflections reach it: the tree paths from each
            // entry's leftmost column up to k, pushed so that descendants come before their ancestors.
            var rows = a.RunIndices(perm[k]);
            var vals = a.RunValues(perm[k]);
            for (int p = 0; p < rows.Length; p++)
            {
                int i = rows[p];
                int len = 0;
                for (int j = leftmost[i]; mark[j] != k; j = parent[j])
                {
                    Debug.Assert(j >= 0 && j < k, "k is an ancestor of every row's leftmost column in the column elimination tree");
                    path[len++] = j;
                    mark[j] = k;
                }
                while (len > 0) stack[--top] = path[--len];
                x[i] += vals[p];
            }

            for (int p = top; p < n; p++)
            {
                int j = stack[p];
                int pr = pivotRow[j];
                if (pr < 0) continue; // a dead column has no reflection and no row of R
                ApplyReflection(v.Indices.AsSpan((int)vPtr[j], (int)(vPtr[j + 1] - vPtr[j])),
                    v.Values.AsSpan((int)vPtr[j], (int)(vPtr[j + 1] - vPtr[j])), tau[j], x);
                r.Add(op, j, x[pr]);
                x[pr] = T.Zero;
            }

            // The rows waiting at k hold the part of column k below the pivots already taken.
            T scale = T.Zero;
            for (int i = head[k]; i >= 0; i = next[i]) scale = T.Max(scale, T.Abs(x[i]));
            T norm = T.Zero, restSq = T.Zero;
            if (scale > T.Zero)
            {
                for (int i = next[head[k]]; i >= 0; i = next[i])
                {
                    T s = x[i] / scale;
                    restSq += s * s;
                }
                T a0 = x[head[k]] / scale;
                norm = scale * T.Sqrt(a0 * a0 + restSq);
            }
            bool dead = head[k] < 0 || (keepNonzero ? norm == T.Zero : norm <= tolerance);
            int moveFrom;
            if (dead)
            {
                pivotRow[k] = -1;
                for (int i = head[k]; i >= 0; i = next[i]) x[i] = T.Zero;
                moveFrom = head[k];
            }
            else
            {
                int piv = head[k];
                pivotRow[k] = piv;
                T alpha = x[piv];
                T beta, t, inv;
                if (restSq == T.Zero)
                {
                    beta = alpha; t = T.Zero; inv = T.One; // nothing below the pivot: H = I
                }
                else
                {
                    beta = alpha >= T.Zero ? -norm : norm;
                    t = (beta - alpha) / beta;
                    inv = T.One / (alpha - beta);
                }
                tau[k] = t;
                diag[k] = beta;
                v.Add(op, piv, T.One);
                x[piv] = T.Zero;
                for (int i = next[piv]; i >= 0; i = next[i])
                {
                    v.Add(op, i, x[i] * inv);
                    x[i] = T.Zero;
                }
                r.Add(op, k, beta);
                moveFrom = next[piv];
            }
            // The rows not taken as pivot wait at the parent next (or are left over at a root).
            int pa = parent[k];
            if (moveFrom >= 0 && pa >= 0)
            {
                if (head[pa] < 0) head[pa] = moveFrom; else next[tail[pa]] = moveFrom;
                tail[pa] = tail[k];
            }
        }
        vPtr[n] = v.Count;
        rPtr[n] = r.Count;

        var rMatrix = SortedUpperTriangle(n, rPtr, r);
        return new SparseQrFactors<T>(m, n, perm, pivotRow, tau, diag, vPtr, v.Indices, v.Values, rMatrix);
    }

    /// <summary>x -= tau v (v^T x) on the rows of v. Allocates nothing.</summary>
    internal static void ApplyReflection<T>(ReadOnlySpan<int> rows, ReadOnlySpan<T> values, T tau, Span<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (tau == T.Zero) return;
        T dot = T.Zero;
        for (int q = 0; q < rows.Length; q++) dot += values[q] * x[rows[q]];
        if (dot == T.Zero) return;
        dot *= tau;
        for (int q = 0; q < rows.Length; q++) x[rows[q]] -= dot * values[q];
    }

    /// <summary>R as a canonical CSC matrix: each column's entries (collected in tree order) sorted by row.</summary>
    private static SparseMatrix<T> SortedUpperTriangle<T>(int n, long[] rPtr, GrowingColumns<T> r) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nnz = r.Count;
        var idx = new int[nnz];
        var val = new T[nnz];
        Array.Copy(r.Indices, idx, nnz);
        Array.Copy(r.Values, val, nnz);
        for (int k = 0; k < n; k++)
        {
            int s = (int)rPtr[k], len = (int)(rPtr[k + 1] - rPtr[k]);
            idx.AsSpan(s, len).Sort(val.AsSpan(s, len));
        }
        return new SparseMatrix<T>(SparseFormat.Csc, n, n, rPtr, new ManagedStorage<int>(idx), new ManagedStorage<T>(val),
            sortedIndices: true, canonical: true);
    }
}

/// <summary>Index and value arrays that double as entries are appended (the V and R of the numeric QR).</summary>
internal sealed class GrowingColumns<T>(int capacity) where T : unmanaged
{
    public int[] Indices = new int[capacity];
    public T[] Values = new T[capacity];
    public int Count;

    /// <summary>Appends one entry, doubling the arrays when full (up to <see cref="Array.MaxLength"/> entries).</summary>
    public void Add(string op, int index, T value)
    {
        if (Count == Indices.Length)
        {
            if (Count == Array.MaxLength)
                ThrowHelper.ResultTooLarge(op, "the sparse QR factors", (double)Count + 1, sizeof(int) + System.Runtime.CompilerServices.Unsafe.SizeOf<T>(),
                    "the Householder vectors and R are each limited to one managed array");
            int size = (int)Math.Min(Array.MaxLength, 2L * Count);
            Array.Resize(ref Indices, size);
            Array.Resize(ref Values, size);
        }
        Indices[Count] = index;
        Values[Count++] = value;
    }
}
