using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Blas3;
using Linea.Kernels.Gemm;
using Linea.Storage;

namespace Linea;

internal sealed partial class SupernodalFactor<T>
{
    /// <summary>
    /// Per-thread storage of the left-looking factorization: the row map of the supernode being factored, the
    /// relative positions of a descendant's rows in it, the update buffer (one row chunk of one descendant's update)
    /// and, for LDL^T, the descendant's rows scaled by D.
    /// </summary>
    private sealed class LeftWorkspace(SparseCholeskyAnalysis an, long updateEntries, long scaledEntries, bool withMap = true)
    {
        public readonly int[] Map = withMap ? new int[an.N] : [];
        public readonly int[] Rel = new int[an.MaxRows];
        public readonly T[] Update = new T[updateEntries];
        public readonly T[] Scaled = new T[scaledEntries];
    }

    /// <summary>
    /// The left-looking supernodal factorization (CHOLMOD's way): supernodes in postorder; each gathers A's columns,
    /// then subtracts the update of every descendant d whose rows reach its columns, then factors its diagonal block
    /// and solves the block below. Descendants wait in linked lists keyed by the supernode their next row falls in.
    /// The factor is the only large storage: no update matrices are kept, only one chunk buffer per thread. Disjoint
    /// subtrees (<see cref="TreeSchedule"/>) run on the worker pool, each whole on one thread; the top of the tree
    /// runs afterwards with threaded kernels. The order of the updates does not depend on the threads' timing.
    /// </summary>
    private void RunLeftLooking(string op, SparseCholeskyAnalysis an, TensorStorage<T> values, Parallelism parallelism)
    {
        int ns = an.SupernodeCount;
        var lists = new DescendantLists(ns);
        var (updateEntries, scaledEntries) = an.UpdateBuffers(Blocking);
        if (!Ldl) scaledEntries = 0;
        var schedule = TreeSchedule.Build(an, parallelism.Count);
        LeftWorkspace? first = null;
        LeftWorkspace?[]? spaces = null;
        if (schedule.Roots.Length > 0)
        {
            int workers = Math.Min(parallelism.Count, schedule.Roots.Length);
            spaces = new LeftWorkspace?[workers];
            var single = Parallelism.None with { Cancellation = parallelism.Cancellation };
            schedule.RunSubtrees(workers, (tid, r) =>
            {
                // A subtree's descendants are all inside it, so its lists are its own; updates of the top wait until all subtrees are done.
                var ws = spaces[tid] ??= new LeftWorkspace(an, updateEntries, scaledEntries);
                for (int s = schedule.First[r]; s <= r; s++)
                {
                    single.ThrowIfCancelled();
                    LeftSupernode(op, an, s, values, ws, lists, r, single);
                }
            });
            first = spaces[0];
            // The subtrees' supernodes with rows in the top join its lists, in supernode order.
            for (int d = 0; d < ns; d++)
                if (schedule.InSubtree[d]) lists.LinkNext(an, d);
        }
        var top = first ?? new LeftWorkspace(an, updateEntries, scaledEntries);
        // The top's descendant updates split J's rows among the threads, each with its own buffers (the row map is top's).
        var topSpaces = new LeftWorkspace?[parallelism.Count];
        topSpaces[0] = top;
        for (int t = 1; t < topSpaces.Length; t++)
            topSpaces[t] = spaces != null && t < spaces.Length && spaces[t] != null ? spaces[t] : new LeftWorkspace(an, updateEntries, scaledEntries, withMap: false);
        for (int s = 0; s < ns; s++)
        {
            if (schedule.InSubtree[s]) continue;
            parallelism.ThrowIfCancelled();
            LeftSupernode(op, an, s, values, top, lists, ns, parallelism, topSpaces);
        }
    }

    /// <summary>
    /// Descendants waiting to update a supernode: Head[J] starts J's list, Next chains it, Pos[d] is the position in
    /// d's row structure of its first row not yet used (rows below its own columns, in increasing order).
    /// </summary>
    private sealed class DescendantLists
    {
        public readonly int[] Head;
        public readonly int[] Next;
        public readonly int[] Pos;

        public DescendantLists(int ns)
        {
            Head = new int[ns];
            Next = new int[ns];
            Pos = new int[ns];
            Array.Fill(Head, -1);
        }

        /// <summary>Puts d in the list of the supernode holding its next row, if it has one and that supernode is at most <paramref name="limit"/>.</summary>
        public void LinkNext(SparseCholeskyAnalysis an, int d, int limit = int.MaxValue)
        {
            int md = (int)(an.RowPtr[d + 1] - an.RowPtr[d]);
            int p = Pos[d];
            if (p >= md) return;
            int target = an.SuperOf[an.Rows[an.RowPtr[d] + p]];
            if (target > limit) return;
            Next[d] = Head[target];
            Head[target] = d;
        }
    }

    /// <summary>
    /// Factors supernode J: A's columns, the updates of the descendants in its list, the dense factorization; then
    /// links J and its used descendants to the supernodes their next rows fall in (at most <paramref name="limit"/>).
    /// </summary>
    private void LeftSupernode(string op, SparseCholeskyAnalysis an, int j, TensorStorage<T> values, LeftWorkspace ws,
        DescendantLists lists, int limit, Parallelism parallelism, LeftWorkspace?[]? top = null)
    {
        var pat = an.Pattern;
        var map = ws.Map;
        int f = an.Start[j], k = an.Start[j + 1] - f;
        int m = (int)(an.RowPtr[j + 1] - an.RowPtr[j]), w = m - k;
        var rows = an.Rows.AsSpan((int)an.RowPtr[j], m);
        int off = (int)an.LPtr[j];
        for (int i = 0; i < m; i++) map[rows[i]] = i;

        var src = values.Span(0, pat.ValueCount);
        for (int c = f; c < f + k; c++)
            for (int q = pat.ColPtr[c]; q < pat.ColPtr[c + 1]; q++)
                Lx[off + map[pat.RowIdx[q]] * k + (c - f)] += src[pat.Source[q]];

        if (parallelism.Count > 1 && top != null && (long)m * k >= Blocking.SplitRowsMinArea) ApplyDescendantsSplit(an, j, f, k, m, off, map, top, lists, limit, parallelism);
        else
            for (int d = lists.Head[j]; d != -1;)
            {
                int next = lists.Next[d];
                int p1 = lists.Pos[d];
                lists.Pos[d] = NextPosition(an, d, p1, f + k);
                ApplyDescendant(an, d, p1, lists.Pos[d], f, k, m, off, map, ws, 0, m, parallelism);
                lists.LinkNext(an, d, limit);
                d = next;
            }
        lists.Head[j] = -1;

        int n = an.N;
        var l11 = MatrixView<T>.Of(Lx, off, k, k, k, 1);
        var l21 = MatrixView<T>.Of(Lx, off + k * k, w, k, k, 1);
        if (!Ldl)
        {
            int info = CholeskyFactorization.Factor(l11, CholeskyParams.Auto.RecursionThreshold, parallelism);
            if (info >= 0)
                throw new NotPositiveDefiniteException(f + info + 1,
                    $"{op}: the {n} x {n} matrix is not positive definite: the pivot of column {an.Perm[f + info]} (original numbering; position {f + info} of the permutation) is not positive");
            Trsm.Solve(Side.Right, lower: true, transpose: true, unitDiagonal: false, T.One, l11, l21, parallelism);
        }
        else
        {
            int info = DenseLdl.Factor(l11, D.AsSpan(f, k), parallelism);
            if (info >= 0)
                throw new SingularMatrixException(an.Perm[f + info],
                    $"{op}: zero pivot at column {an.Perm[f + info]} (original numbering; position {f + info} of the permutation) of the {n} x {n} matrix: it is singular or not quasi-definite in this ordering");
            Trsm.Solve(Side.Right, lower: true, transpose: true, unitDiagonal: true, T.One, l11, l21, parallelism);
            for (int i = 0; i < w; i++)
                for (int c = 0; c < k; c++) l21[i, c] /= D[f + c];
        }
        lists.Pos[j] = k;
        lists.LinkNext(an, j, limit);
    }

    /// <summary>
    /// Subtracts descendant d's update from J's rows <paramref name="rowLo"/>..<paramref name="rowHi"/>-1 of supernode J
    /// (columns f..f+k-1, block at <paramref name="off"/>, row map <paramref name="map"/>; d's rows used are
    /// <paramref name="p1"/>..end, those in J's columns <paramref name="p1"/>..<paramref name="p2"/>-1): with R1 = d's rows in J's columns (nrow1 of them) and R2 = d's rows from J's first column on (nrow2),
    /// L_J[R2, R1] -= L_d[R2, :] (D_d) L_d[R1, :]^T, lower part only where R2 meets R1. A small update is dot products
    /// straight into L_J; when R1 maps to consecutive columns of J, GEMMT updates the diagonal block and GEMM every long
    /// run of consecutive rows in place, the rest going through ws.Update by row chunks; otherwise every chunk goes
    /// through ws.Update (GEMM for the rectangle, GEMMT for the diagonal block) and is scattered.
    /// </summary>
    private void ApplyDescendant(SparseCholeskyAnalysis an, int d, int p1, int p2, int f, int k, int m, int off, int[] map, LeftWorkspace ws,
        int rowLo, int rowHi, Parallelism parallelism)
    {
        int fd = an.Start[d], kd = an.Start[d + 1] - fd;
        int md = (int)(an.RowPtr[d + 1] - an.RowPtr[d]);
        var rowsD = an.Rows.AsSpan((int)an.RowPtr[d], md);
        int offD = (int)an.LPtr[d];
        int nrow1 = p2 - p1, nrow2 = md - p1;
        var rel = ws.Rel;
        for (int i = 0; i < nrow2; i++) rel[i] = map[rowsD[p1 + i]];
        // The rows of R2 that land in J's rows rowLo..rowHi-1 (rel increases): iLo..iHi-1.
        int iLo = 0, iHi = nrow2;
        while (iLo < nrow2 && rel[iLo] < rowLo) iLo++;
        while (iHi > iLo && rel[iHi - 1] >= rowHi) iHi--;
        if (iHi <= iLo) return;

        var all = MatrixView<T>.Of(Lx, offD + (long)p1 * kd, nrow2, kd, kd, 1);
        MatrixView<T> right = all.Block(0, 0, nrow1, kd);
        if (Ldl)
        {
            // The descendant's rows in J, times D_d: the right operand of L_d D_d L_d^T.
            var scaled = MatrixView<T>.Of(ws.Scaled, 0, nrow1, kd, kd, 1);
            for (int i = 0; i < nrow1; i++)
                for (int c = 0; c < kd; c++) scaled[i, c] = all[i, c] * D[fd + c];
            right = scaled;
        }
        if ((long)nrow2 * nrow1 * kd <= Blocking.SmallUpdateWork)
        {
            // A small update: dot products straight into L_J (a kernel call would cost more than the work).
            for (int i = iLo; i < iHi; i++)
            {
                var li = all.Row(i);
                var lRow = Lx.AsSpan(off + rel[i] * k, k);
                int width = Math.Min(i + 1, nrow1);
                for (int c2 = 0; c2 < width; c2++) lRow[rel[c2]] -= TensorPrimitives.Dot<T>(li, right.Row(c2));
            }
            return;
        }
        var lj = MatrixView<T>.Of(Lx, off, m, k, k, 1);
        if (rel[nrow1 - 1] - rel[0] == nrow1 - 1)
        {
            // J's columns for R1 are consecutive: the diagonal block and every long run of consecutive rows of R2
            // are updated in place in L_J; only the short runs go through the buffer.
            int c0 = rel[0];
            int t1 = Math.Min(iHi, nrow1);
            if (iLo < t1)
            {
                // Rows iLo..t1-1 of the lower trapezoid on R1: the rectangle left of the diagonal, then the diagonal block.
                if (iLo > 0) Gemm.Multiply(-T.One, all.Block(iLo, 0, t1 - iLo, kd), right.Block(0, 0, iLo, kd).Transposed, T.One, lj.Block(c0 + iLo, c0, t1 - iLo, iLo), parallelism);
                Syrk.LowerMinus(all.Block(iLo, 0, t1 - iLo, kd), right.Block(iLo, 0, t1 - iLo, kd), lj.Block(c0 + iLo, c0 + iLo, t1 - iLo, t1 - iLo), parallelism);
            }
            int pending = Math.Max(nrow1, iLo);
            for (int a = pending; a < iHi;)
            {
                int b = a + 1;
                while (b < iHi && rel[b] == rel[b - 1] + 1) b++;
                if (b - a >= Blocking.DirectRows)
                {
                    BufferedRows(all, right, rel, pending, a, nrow1, off, k, ws, parallelism);
                    Gemm.Multiply(-T.One, all.Block(a, 0, b - a, kd), right.Transposed, T.One, lj.Block(rel[a], c0, b - a, nrow1), parallelism);
                    pending = b;
                }
                a = b;
            }
            BufferedRows(all, right, rel, pending, iHi, nrow1, off, k, ws, parallelism);
            return;
        }
        // Scattered columns: chunks of the lower trapezoid on R1's rows, then of the rectangle below.
        int chunk = Blocking.ChunkRows(nrow1, nrow2);
        var buffer = ws.Update;
        int trapezoidEnd = Math.Min(iHi, nrow1);
        for (int i0 = iLo; i0 < trapezoidEnd;)
        {
            int i1 = Math.Min(trapezoidEnd, i0 + chunk);
            int rowsC = i1 - i0, width = i1;
            var c = MatrixView<T>.Of(buffer, 0, rowsC, width, width, 1);
            var left = all.Block(i0, 0, rowsC, kd);
            if (i0 > 0) Gemm.Multiply(T.One, left, right.Block(0, 0, i0, kd).Transposed, T.Zero, c.Block(0, 0, rowsC, i0), parallelism);
            for (int i = 0; i < rowsC; i++) buffer.AsSpan(i * width + i0, i + 1).Clear();
            Syrk.LowerMinus(left, right.Block(i0, 0, rowsC, kd), c.Block(0, i0, rowsC, rowsC), parallelism);
            // GEMMT left the negated product in the diagonal block: it is added, the rectangle subtracted.
            for (int i = 0; i < rowsC; i++)
            {
                var row = buffer.AsSpan(i * width, i0 + i + 1);
                var lRow = Lx.AsSpan(off + rel[i0 + i] * k, k);
                for (int c2 = 0; c2 < i0; c2++) lRow[rel[c2]] -= row[c2];
                for (int c2 = i0; c2 <= i0 + i; c2++) lRow[rel[c2]] += row[c2];
            }
            i0 = i1;
        }
        BufferedRows(all, right, rel, Math.Max(nrow1, iLo), iHi, nrow1, off, k, ws, parallelism);
    }

    /// <summary>The position in d's rows of its first row at or after column <paramref name="end"/>, from <paramref name="p1"/> on.</summary>
    private static int NextPosition(SparseCholeskyAnalysis an, int d, int p1, int end)
    {
        int md = (int)(an.RowPtr[d + 1] - an.RowPtr[d]);
        var rowsD = an.Rows.AsSpan((int)an.RowPtr[d], md);
        int p2 = p1;
        while (p2 < md && rowsD[p2] < end) p2++;
        return p2;
    }

    /// <summary>
    /// The descendants' updates of a supernode of the top, J's rows split among the threads in bands of equal lower
    /// trapezoid area (row r of the m x k block holds min(r + 1, k) entries of L's lower part): each thread applies every
    /// descendant to its own band with single-threaded kernels and its own buffers, so no entry is written by two
    /// threads and each entry sees its updates in list order, as on one thread.
    /// </summary>
    private void ApplyDescendantsSplit(SparseCholeskyAnalysis an, int j, int f, int k, int m, int off, int[] map, LeftWorkspace?[] spaces,
        DescendantLists lists, int limit, Parallelism parallelism)
    {
        int count = 0;
        for (int d = lists.Head[j]; d != -1; d = lists.Next[d]) count++;
        if (count == 0) return;
        var ds = new int[count];
        var from = new int[count];
        count = 0;
        for (int d = lists.Head[j]; d != -1; d = lists.Next[d])
        {
            ds[count] = d;
            from[count++] = lists.Pos[d];
        }
        foreach (int d in ds) lists.Pos[d] = NextPosition(an, d, lists.Pos[d], f + k);
        int threads = spaces.Length;
        var bounds = new int[threads + 1];
        double total = (double)k * (k + 1) / 2 + (double)(m - k) * k;
        for (int t = 1; t < threads; t++)
        {
            double target = total * t / threads, tri = (double)k * (k + 1) / 2;
            bounds[t] = target <= tri ? Math.Min(k, (int)Math.Sqrt(2 * target)) : Math.Min(m, k + (int)((target - tri) / k));
        }
        bounds[threads] = m;
        var single = Parallelism.None with { Cancellation = parallelism.Cancellation };
        Linea.Kernels.Threading.SplitJob.Run(threads, (tid, nt) =>
        {
            int lo = bounds[tid * threads / nt], hi = bounds[(tid + 1) * threads / nt];
            if (hi <= lo) return;
            var ws = spaces[tid]!;
            for (int q = 0; q < ds.Length; q++)
                ApplyDescendant(an, ds[q], from[q], lists.Pos[ds[q]], f, k, m, off, map, ws, lo, hi, single);
        });
        foreach (int d in ds) lists.LinkNext(an, d, limit);
    }

    /// <summary>
    /// L_J[R2[i0..i1), R1] -= L_d[i0..i1, :] right^T for rows below R1 (i0 &gt;= nrow1), in row chunks through the
    /// buffer and scattered by the relative positions rel (columns consecutive or not).
    /// </summary>
    private void BufferedRows(in MatrixView<T> all, in MatrixView<T> right, int[] rel, int i0, int i1, int nrow1, int off, int k,
        LeftWorkspace ws, Parallelism parallelism)
    {
        if (i1 <= i0) return;
        int kd = (int)all.Cols;
        int chunk = Blocking.ChunkRows(nrow1, i1 - i0);
        var buffer = ws.Update;
        bool contiguous = rel[nrow1 - 1] - rel[0] == nrow1 - 1;
        for (int a = i0; a < i1; a += chunk)
        {
            int rowsC = Math.Min(chunk, i1 - a);
            var c = MatrixView<T>.Of(buffer, 0, rowsC, nrow1, nrow1, 1);
            Gemm.Multiply(T.One, all.Block(a, 0, rowsC, kd), right.Transposed, T.Zero, c, parallelism);
            for (int i = 0; i < rowsC; i++)
            {
                var row = buffer.AsSpan(i * nrow1, nrow1);
                var lRow = Lx.AsSpan(off + rel[a + i] * k, k);
                if (contiguous)
                {
                    var dst = lRow.Slice(rel[0], nrow1);
                    TensorPrimitives.Subtract(dst, row, dst);
                }
                else
                    for (int c2 = 0; c2 < nrow1; c2++) lRow[rel[c2]] -= row[c2];
            }
        }
    }
}

/// <summary>
/// Blocking of the left-looking sparse Cholesky's descendant updates. The factorization takes <see cref="Default"/>;
/// tests pass others to drive every path on small matrices (the results do not depend on it beyond rounding).
/// </summary>
/// <param name="ChunkEntries">Entries of the update buffer one row chunk may take (a chunk covers at least MinChunkRows rows).</param>
/// <param name="MinChunkRows">The fewest rows of a descendant's update computed in one chunk (GEMM efficiency).</param>
/// <param name="SmallUpdateWork">Updates of at most this many multiply-adds (rows x columns x the descendant's width) are dot products, without the kernels.</param>
/// <param name="DirectRows">Runs of at least this many consecutive rows of the ancestor are updated in place by one GEMM (shorter ones through the buffer).</param>
/// <param name="SplitRowsMinArea">Supernodes of the top of the tree with at least this many entries (m k) split their descendants' updates by rows among the threads.</param>
internal readonly record struct LeftLookingBlocking(long ChunkEntries, int MinChunkRows, long SmallUpdateWork, int DirectRows, long SplitRowsMinArea)
{
    public static readonly LeftLookingBlocking Default = new(1L << 18, 128, 16384, 16, 1L << 16);

    /// <summary>Rows of one chunk of an update with <paramref name="nrow1"/> columns and <paramref name="nrow2"/> rows.</summary>
    public int ChunkRows(int nrow1, int nrow2) => (int)Math.Min(nrow2, Math.Max(MinChunkRows, ChunkEntries / Math.Max(1, nrow1)));
}
