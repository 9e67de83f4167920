using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using Linea.Storage;

namespace Linea;

/// <summary>
/// The numeric multifrontal sparse QR (SuiteSparseQR's scheme, sequential): fronts in column order (a child's columns
/// precede its parent's), each assembled as a dense block from the original rows whose leftmost column it owns and its
/// children's contribution blocks, factored by <see cref="FrontHouseholder"/>, its R rows written out and its upper
/// trapezoidal contribution block passed to the parent. Every front row carries the original row index it descends from,
/// so Q^T b is applied front by front on those rows (<see cref="SparseQrFactors{T}"/>).
/// </summary>
internal static class MultifrontalQr
{
    /// <summary>
    /// Factors F[:, perm] (CSC, m &gt;= n). Time: the dense fronts' flops, O(sum rows x cols^2); memory: the Householder
    /// vectors (one lower trapezoid per front), R, and the contribution blocks waiting for their parents.
    /// </summary>
    public static SparseQrFactors<T> Factor<T>(string op, SparseMatrix<T> f, int[] perm, T tolerance, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(f.Format == SparseFormat.Csc && f.Rows >= f.Columns);
        int m = f.Rows, n = f.Columns;
        var sym = QrSymbolic.Analyze(f, perm);
        int nf = sym.FrontCount;
        bool keepNonzero = tolerance < T.Zero;

        var childHead = new int[nf];
        var childNext = new int[nf];
        Array.Fill(childHead, -1);
        for (int fr = nf - 1; fr >= 0; fr--)
            if (sym.FrontParent[fr] >= 0) { childNext[fr] = childHead[sym.FrontParent[fr]]; childHead[sym.FrontParent[fr]] = fr; }

        var contribution = new Contribution<T>?[nf];
        var fronts = new FrontQ<T>[nf];
        var pivotRow = new int[n];
        var diag = new T[n];
        var colPos = new int[n];
        var rRow = new GrowingColumns<T>(Math.Max(16, (int)Math.Min(Array.MaxLength / 2, f.Nnz + n)));
        var rCol = new List<int>(rRow.Indices.Length);
        var fVal = f.Val;
        var tWork = new T[FrontHouseholder.PanelWidth * FrontHouseholder.PanelWidth];

        for (int fr = 0; fr < nf; fr++)
        {
            int k0 = sym.FrontStart[fr], s = sym.FrontStart[fr + 1] - k0;
            var pat = sym.Patterns[fr];
            int cols = pat.Length;
            for (int t = 0; t < cols; t++) colPos[pat[t]] = t;

            int rows = sym.LeftmostPtr[k0 + s] - sym.LeftmostPtr[k0];
            for (int c = childHead[fr]; c >= 0; c = childNext[c]) rows += contribution[c]?.RowIds.Length ?? 0;

            var rowIds = new int[rows];
            long size = (long)rows * cols;
            if (size > Array.MaxLength)
                ThrowHelper.ResultTooLarge(op, $"front {fr} ({rows} x {cols})", size, System.Runtime.CompilerServices.Unsafe.SizeOf<T>(),
                    "one dense front is limited to one managed array; a fill-reducing ordering (COLAMD) makes fronts smaller");
            var buffer = ArrayPool<T>.Shared.Rent((int)Math.Max(1, size));
            var front = buffer.AsSpan(0, (int)size);
            front.Clear();

            // Sort the incoming rows by their first column in the front (counting sort), so the front is a staircase.
            var leadOf = new int[rows];
            int r = 0;
            for (int c = childHead[fr]; c >= 0; c = childNext[c])
            {
                var cb = contribution[c];
                if (cb is null) continue; // a child whose rows all finished
                foreach (int t in cb.Lead) leadOf[r++] = colPos[cb.Columns[t]];
            }
            for (int p = sym.LeftmostPtr[k0]; p < sym.LeftmostPtr[k0 + s]; p++)
                leadOf[r++] = colPos[sym.RowCols[sym.RowPtr[sym.RowsByLeftmost[p]]]];
            var stair = new int[cols + 1];
            foreach (int l in leadOf) stair[l + 1]++;
            for (int j = 0; j < cols; j++) stair[j + 1] += stair[j];
            var slot = stair.AsSpan(0, cols).ToArray();
            var position = new int[rows];
            for (int q = 0; q < rows; q++) position[q] = slot[leadOf[q]]++;

            // Assemble: children's contribution rows, then the original rows starting here, each at its sorted position.
            r = 0;
            for (int c = childHead[fr]; c >= 0; c = childNext[c])
            {
                var cb = contribution[c];
                if (cb is null) continue;
                int cr = cb.RowIds.Length;
                for (int t = 0; t < cb.Columns.Length; t++)
                {
                    Debug.Assert(pat[colPos[cb.Columns[t]]] == cb.Columns[t], "a child's contribution column is in its parent's pattern");
                    int dst = colPos[cb.Columns[t]] * rows;
                    var src = cb.Values.AsSpan(t * cr, cr);
                    for (int q = 0; q < cr; q++) front[dst + position[r + q]] += src[q];
                }
                for (int q = 0; q < cr; q++) rowIds[position[r + q]] = cb.RowIds[q];
                r += cr;
                contribution[c] = null;
            }
            for (int p = sym.LeftmostPtr[k0]; p < sym.LeftmostPtr[k0 + s]; p++)
            {
                int i = sym.RowsByLeftmost[p], at = position[r++];
                for (int q = sym.RowPtr[i]; q < sym.RowPtr[i + 1]; q++)
                {
                    Debug.Assert(pat[colPos[sym.RowCols[q]]] == sym.RowCols[q], "an original row's column is in its front's pattern");
                    front[colPos[sym.RowCols[q]] * rows + at] += fVal.At(sym.RowSource[q]);
                }
                rowIds[at] = i;
            }

            int maxH = Math.Min(rows, cols);
            var start = new int[maxH];
            var end = new int[maxH];
            var column = new int[maxH];
            var tau = new T[maxH];
            var live = new bool[s];
            var reached = new int[cols];
            Array.Fill(reached, -1);
            int nh = FrontHouseholder.Factor(buffer, rows, cols, s, stair.AsSpan(1), tolerance, keepNonzero, start, end, column, tau, live, reached,
                tWork, parallelism);

            // R's rows: a live pivotal column j's pivot row holds R(k0 + j, pat[j..]).
            int npiv = 0;
            for (int h = 0; h < nh; h++)
            {
                int j = column[h];
                if (j >= s) break;
                int k = k0 + j, pr = start[h];
                pivotRow[k] = rowIds[pr];
                diag[k] = front[j * rows + pr];
                for (int t = j; t < cols; t++)
                {
                    rRow.Add(op, k, front[t * rows + pr]);
                    rCol.Add(pat[t]);
                }
                npiv++;
            }
            for (int j = 0; j < s; j++) if (!live[j]) pivotRow[k0 + j] = -1;

            // The contribution block: rows npiv .. (last pivot row) over the non-pivotal columns. Row npiv + q is the
            // pivot of reflector npiv + q, so its first entry is that reflector's column (its lead in the parent).
            int last = nh; // pivot rows are 0..nh-1
            int crows = Math.Max(0, last - npiv), ccols = cols - s;
            if (sym.FrontParent[fr] >= 0 && crows > 0 && ccols > 0)
            {
                var vals = new T[(long)crows * ccols];
                var lead = new int[crows];
                for (int q = 0; q < crows; q++) lead[q] = column[npiv + q] - s;
                int h = npiv;
                for (int t = 0; t < ccols; t++)
                {
                    // Column s + t holds values down to its own pivot row (its reflector lies below), or, when it had no
                    // reflector, down to the pivot position it was reached at (rows below are zero); unreached: all rows.
                    while (h < nh && column[h] < s + t) h++;
                    int limit = h < nh && column[h] == s + t ? start[h] + 1 : reached[s + t] >= 0 ? reached[s + t] : last;
                    limit = Math.Min(limit, last);
                    if (limit > npiv) front.Slice((s + t) * rows + npiv, limit - npiv).CopyTo(vals.AsSpan(t * crows, crows));
                }
                contribution[fr] = new Contribution<T>(rowIds.AsSpan(npiv, crows).ToArray(), pat.AsSpan(s).ToArray(), lead, vals);
            }

            // Keep the reflectors (the vector below each pivot down to its stair, the 1 implied).
            long vlen = 0;
            for (int h = 0; h < nh; h++) vlen += end[h] - start[h] - 1;
            var v = new T[vlen];
            long off = 0;
            for (int h = 0; h < nh; h++)
            {
                int len = end[h] - start[h] - 1;
                front.Slice(column[h] * rows + start[h] + 1, len).CopyTo(v.AsSpan((int)off, len));
                off += len;
            }
            fronts[fr] = new FrontQ<T>(rowIds, end.AsSpan(0, nh).ToArray(), tau.AsSpan(0, nh).ToArray(), v);
            ArrayPool<T>.Shared.Return(buffer);
        }

        var rMatrix = BuildR(n, rRow, rCol);
        return new SparseQrFactors<T>(m, n, perm, pivotRow, diag, fronts, rMatrix);
    }

    /// <summary>R as CSC from its rows (generated in increasing row order, so each column's rows come out sorted).</summary>
    private static SparseMatrix<T> BuildR<T>(int n, GrowingColumns<T> rows, List<int> cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nnz = rows.Count;
        var ptr = new long[n + 1];
        for (int q = 0; q < nnz; q++) ptr[cols[q] + 1]++;
        for (int j = 0; j < n; j++) ptr[j + 1] += ptr[j];
        var next = (long[])ptr.Clone();
        var idx = new int[nnz];
        var val = new T[nnz];
        for (int q = 0; q < nnz; q++)
        {
            long p = next[cols[q]]++;
            idx[p] = rows.Indices[q];
            val[p] = rows.Values[q];
        }
        return new SparseMatrix<T>(SparseFormat.Csc, n, n, ptr, new ManagedStorage<int>(idx), new ManagedStorage<T>(val),
            sortedIndices: true, canonical: true);
    }
}

/// <summary>A front's contribution block waiting for its parent: dense column-major, rows by original row index.</summary>
internal sealed record Contribution<T>(int[] RowIds, int[] Columns, int[] Lead, T[] Values);

/// <summary>
/// One front's part of Q: the original rows it acted on (in the front's row order), and its reflectors: reflector h has
/// its pivot at front row h and spans rows h..end[h]-1; its tau, and the vector below the pivot (concatenated).
/// </summary>
internal sealed class FrontQ<T>(int[] rowIds, int[] end, T[] tau, T[] v) where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly long[] _offsets = Offsets(end);

    public int[] RowIds { get; } = rowIds;
    public long Nnz => v.LongLength + end.Length;

    /// <summary>y[RowIds] := H_{last} ... H_0 y[RowIds] (transpose) or H_0 ... H_{last} y[RowIds]; <paramref name="work"/> holds RowIds.Length entries.</summary>
    public void Apply(Span<T> y, Span<T> work, bool transpose)
    {
        int rows = RowIds.Length, nh = end.Length;
        if (nh == 0) return;
        var w = work[..rows];
        for (int i = 0; i < rows; i++) w[i] = y[RowIds[i]];
        if (transpose)
            for (int h = 0; h < nh; h++) Reflect(w, h);
        else
            for (int h = nh - 1; h >= 0; h--) Reflect(w, h);
        for (int i = 0; i < rows; i++) y[RowIds[i]] = w[i];
    }

    private void Reflect(Span<T> w, int h)
    {
        int p = h, len = end[h] - h - 1;
        var vec = v.AsSpan((int)_offsets[h], len);
        if (tau[h] != T.Zero)
        {
            var below = w.Slice(p + 1, len);
            T d = (w[p] + System.Numerics.Tensors.TensorPrimitives.Dot<T>(vec, below)) * tau[h];
            w[p] -= d;
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(vec, -d, below, below);
        }
    }

    /// <summary>Where each reflector's vector starts in the concatenated values.</summary>
    private static long[] Offsets(int[] end)
    {
        var o = new long[end.Length];
        long off = 0;
        for (int h = 0; h < end.Length; h++) { o[h] = off; off += end[h] - h - 1; }
        return o;
    }
}
