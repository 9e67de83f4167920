using System.Numerics;

namespace Linea;

/// <summary>
/// A square sparse matrix as CSR rows with sorted, distinct column indices (duplicates summed), in plain arrays that the
/// preconditioners may overwrite, with the position of each row's diagonal entry. Built once per factorisation.
/// </summary>
internal sealed class CanonicalRows<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly int N;
    public readonly int[] Ptr;
    public readonly int[] Col;
    public readonly T[] Val;

    /// <summary>The position of A[i, i] in Col/Val, or -1 when the row stores no diagonal entry.</summary>
    public readonly int[] Diag;

    private CanonicalRows(int n, int[] ptr, int[] col, T[] val)
    {
        N = n;
        Ptr = ptr;
        Col = col;
        Val = val;
        Diag = new int[n];
        for (int i = 0; i < n; i++)
        {
            int k = Array.BinarySearch(col, ptr[i], ptr[i + 1] - ptr[i], i);
            Diag[i] = k >= 0 ? k : -1;
        }
    }

    /// <summary>
    /// Copies <paramref name="a"/> (CSR or CSC, any index order, duplicates allowed) into canonical rows. O(nnz log k)
    /// for k entries per row when the source rows are unsorted, O(nnz + n) otherwise.
    /// </summary>
    public static CanonicalRows<T> From(SparseMatrix<T> a, string op)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rows != a.Columns)
            ThrowHelper.ShapeMismatch(op, $"the preconditioner needs a square matrix, got shape ({a.Rows}, {a.Columns})", a.Shape);
        if (a.Nnz > Array.MaxLength)
            ThrowHelper.Argument(op, nameof(a), $"a matrix with {a.Nnz} stored entries is beyond this preconditioner's {Array.MaxLength}");
        var csr = a.ToCsr();
        int n = a.Rows;
        var ptr = new int[n + 1];
        var col = new int[(int)csr.Nnz];
        var val = new T[(int)csr.Nnz];
        int at = 0;
        for (int i = 0; i < n; i++)
        {
            var ri = csr.RunIndices(i);
            var rv = csr.RunValues(i);
            var dc = col.AsSpan(at, ri.Length);
            var dv = val.AsSpan(at, ri.Length);
            ri.CopyTo(dc);
            rv.CopyTo(dv);
            if (!csr.HasCanonicalFormat)
            {
                if (!csr.HasSortedIndices) dc.Sort(dv);
                int w = 0;
                for (int k = 0; k < dc.Length; k++)
                {
                    if (w > 0 && dc[w - 1] == dc[k]) dv[w - 1] += dv[k];
                    else { dc[w] = dc[k]; dv[w] = dv[k]; w++; }
                }
                at += w;
            }
            else at += ri.Length;
            ptr[i + 1] = at;
        }
        if (at != col.Length)
        {
            Array.Resize(ref col, at);
            Array.Resize(ref val, at);
        }
        return new CanonicalRows<T>(n, ptr, col, val);
    }
}
