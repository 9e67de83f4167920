using System.Numerics;
using Linea.Kernels;
using Linea.Storage;

namespace Linea;

/// <summary>
/// The numeric multifrontal LU on a <see cref="MultifrontalLuAnalysis"/> (UMFPACK's symmetric strategy, MUMPS's
/// unsymmetric multifrontal method on a symmetrized pattern). In postorder, each supernode s (k fully summed columns,
/// w rows below, m = k + w) assembles its front: A's entries of its columns and rows and the children's contribution
/// blocks (extend-add) into the panel [F11; F21] (m x k, kept as the factors' L and U11 block), F12 (k x w, kept as
/// U12) and the w x w contribution block on a stack; <see cref="FrontKernels.FactorFront{T}"/> factors it with
/// threshold partial pivoting restricted to the k fully summed rows and leaves F22 - L21 U12 for the parent.
/// Independent subtrees run on the worker threads (<see cref="TreeSchedule"/>, as the supernodal Cholesky), the top of
/// the tree afterwards with threaded dense kernels. Memory: the factors plus the contribution stack (one per thread).
/// <para>
/// No acceptable pivot among the fully summed rows (|a| &lt; tol max of the front's column for all of them, or an
/// exactly zero column): this factorization gives up and returns null, and <see cref="Sparse.Lu{T}"/> factors the whole
/// matrix by <see cref="GilbertPeierlsLu"/> under the same column order instead of delaying the column to the parent
/// (MUMPS's delayed pivots). Why: the symmetric strategy is chosen for matrices whose diagonal the threshold test keeps
/// (meshes, convection-diffusion, most of UMFPACK's symmetric cases), where a failure is rare; delayed pivots make the
/// fronts grow at run time, which breaks the static stack layout and the factor sizes that the analysis fixes (and the
/// memory bound built on them), for a case that the left-looking LU already handles with the same column order and
/// the same threshold rule, pivoting anywhere below the diagonal. Singular matrices take that path too, so its error
/// names the column.
/// </para>
/// </summary>
internal sealed class MultifrontalLu<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly MultifrontalLuAnalysis _plan;
    private readonly SparseCholeskyAnalysis _an;
    private readonly T _tol;
    private readonly int _leaf;
    private readonly T[] _lx, _ux;
    private readonly int[] _piv;
    private int _failedColumn = -1;

    /// <summary>Per-thread working storage: the contribution stack (positions relative to Base) and the row maps.</summary>
    private sealed class Workspace(T[] stack, long stackBase, int n, int maxUpdate)
    {
        public readonly T[] Stack = stack; // allocated uninitialized: each front clears its contribution block
        public long Base = stackBase;
        public readonly int[] Map = new int[n];
        public readonly int[] Rel = new int[maxUpdate];
    }

    /// <summary>Thrown inside a worker when a front finds no acceptable pivot; caught by <see cref="Factor"/>.</summary>
    private sealed class PivotFailure : Exception;

    private MultifrontalLu(MultifrontalLuAnalysis plan, double tol, int leaf)
    {
        _plan = plan;
        _an = plan.Symbolic;
        _tol = T.CreateTruncating(tol);
        _leaf = leaf;
        // Not zeroed here: each front clears its own blocks right before assembling them (one pass fewer over the factors,
        // and the clearing happens while the front is about to be in cache).
        _lx = GC.AllocateUninitializedArray<T>((int)_an.LPtr[^1]);
        _ux = GC.AllocateUninitializedArray<T>((int)plan.UPtr[^1]);
        _piv = new int[_an.N];
    }

    /// <summary>
    /// Factors the CSC matrix <paramref name="a"/> (the analyzed pattern) with pivot threshold <paramref name="tol"/> and
    /// panel leaves of <paramref name="leaf"/> columns. Null when some front has no acceptable pivot (see the class notes);
    /// <paramref name="failedColumn"/> is then a column (in A's numbering) where that happened.
    /// </summary>
    public static MultifrontalLuFactors<T>? Factor(MultifrontalLuAnalysis plan, SparseMatrix<T> a, double tol, int leaf, Parallelism parallelism,
        out int failedColumn)
    {
        var f = new MultifrontalLu<T>(plan, tol, leaf);
        bool ok;
        try { ok = f.Run(a.Val, parallelism); }
        catch (PivotFailure) { ok = false; }
        failedColumn = ok ? -1 : f._an.Perm[Math.Max(f._failedColumn, 0)];
        return ok ? new MultifrontalLuFactors<T>(plan, f._lx, f._ux, f._piv) : null;
    }

    private bool Run(TensorStorage<T> values, Parallelism parallelism)
    {
        var an = _an;
        int n = an.N;
        var schedule = TreeSchedule.Build(an, parallelism.Count);
        var rootUpdates = new T[an.SupernodeCount][];
        long topPeak = schedule.TopPeak(an);
        Workspace? shared = null;
        if (schedule.Roots.Length > 0) shared = RunSubtrees(schedule, values, rootUpdates, topPeak, parallelism);
        var top = shared ?? new Workspace(GC.AllocateUninitializedArray<T>((int)topPeak), 0, n, an.MaxUpdate);
        top.Base = 0;
        for (int s = 0; s < an.SupernodeCount; s++)
        {
            if (schedule.InSubtree[s]) continue;
            parallelism.ThrowIfCancelled();
            Supernode(s, values, top, rootUpdates, parallelism);
        }
        return true;
    }

    /// <summary>The schedule's subtrees on the worker pool, each whole on one thread; each root's contribution block kept for the top.</summary>
    private Workspace RunSubtrees(TreeSchedule schedule, TensorStorage<T> values, T[][] rootUpdates, long topPeak, Parallelism parallelism)
    {
        var an = _an;
        long localPeak = schedule.LocalPeak(an);
        int workers = Math.Min(parallelism.Count, schedule.Roots.Length);
        var spaces = new Workspace?[workers];
        var first = spaces[0] = new Workspace(GC.AllocateUninitializedArray<T>((int)Math.Max(localPeak, topPeak)), 0, an.N, an.MaxUpdate);
        var single = Parallelism.None with { Cancellation = parallelism.Cancellation };
        schedule.RunSubtrees(workers, (tid, r) =>
        {
            var ws = spaces[tid] ??= new Workspace(GC.AllocateUninitializedArray<T>((int)localPeak), 0, an.N, an.MaxUpdate);
            ws.Base = an.UpdateAt[r];
            for (int s = schedule.First[r]; s <= r; s++)
            {
                single.ThrowIfCancelled();
                Supernode(s, values, ws, rootUpdates, single);
            }
            long w = an.RowPtr[r + 1] - an.RowPtr[r] - (an.Start[r + 1] - an.Start[r]);
            var upd = new T[w * w];
            Array.Copy(ws.Stack, an.UpdateAt[r] - ws.Base, upd, 0, w * w);
            rootUpdates[r] = upd;
        });
        return first;
    }

    /// <summary>Assembles, factors and leaves the contribution block of supernode s (its children done) in <paramref name="ws"/>.</summary>
    private void Supernode(int s, TensorStorage<T> values, Workspace ws, T[][] rootUpdates, Parallelism parallelism)
    {
        var an = _an;
        var amap = _plan.Map;
        var map = ws.Map;
        var stack = ws.Stack;
        var lx = _lx;
        var ux = _ux;
        int f = an.Start[s], k = an.Start[s + 1] - f;
        int m = (int)(an.RowPtr[s + 1] - an.RowPtr[s]), w = m - k;
        var rows = an.Rows.AsSpan((int)an.RowPtr[s], m);
        int off = (int)an.LPtr[s], uoff = (int)_plan.UPtr[s];
        int wo = (int)(an.WorkAt[s] - ws.Base);
        for (int i = 0; i < m; i++) map[rows[i]] = i;
        Array.Clear(lx, off, m * k);
        Array.Clear(ux, uoff, k * w);

        // A's entries: columns f..f+k-1 on and below the diagonal into the panel, rows f..f+k-1 right of it into the
        // panel's upper part (columns of this supernode) or F12.
        var src = values.Span(0, amap.Source.Length);
        int nl = amap.LowerPtr[^1];
        for (int j = f; j < f + k; j++)
        {
            for (int q = amap.LowerPtr[j]; q < amap.LowerPtr[j + 1]; q++)
                lx[off + map[amap.LowerRow[q]] * k + (j - f)] += src[amap.Source[q]];
            for (int q = amap.UpperPtr[j]; q < amap.UpperPtr[j + 1]; q++)
            {
                int c = amap.UpperCol[q];
                T v = src[amap.Source[nl + q]];
                if (c < f + k) lx[off + (j - f) * k + (c - f)] += v;
                else ux[uoff + (j - f) * w + (map[c] - k)] += v;
            }
        }

        Array.Clear(stack, wo, w * w);
        for (int cp = an.ChildPtr[s]; cp < an.ChildPtr[s + 1]; cp++)
        {
            int c = an.Children[cp];
            var own = rootUpdates[c];
            if (own != null) ExtendAdd(c, map, ws.Rel, own, 0, stack, off, uoff, k, wo, w);
            else ExtendAdd(c, map, ws.Rel, stack, (int)(an.UpdateAt[c] - ws.Base), stack, off, uoff, k, wo, w);
            rootUpdates[c] = null!;
        }

        var panel = MatrixView<T>.Of(lx, off, m, k, k, 1);
        var f12 = MatrixView<T>.Of(ux, uoff, k, w, w, 1);
        var f22 = MatrixView<T>.Of(stack, wo, w, w, w, 1);
        int info = FrontKernels.FactorFront(panel, f12, f22, _piv.AsSpan(f, k), _tol, _leaf, parallelism);
        if (info >= 0)
        {
            _failedColumn = f + info;
            throw new PivotFailure();
        }
        int dst = (int)(an.UpdateAt[s] - ws.Base);
        if (w > 0 && dst != wo) Array.Copy(stack, wo, stack, dst, w * w);
    }

    /// <summary>
    /// Adds child c's contribution block (w_c x w_c, row-major) into the parent's front: rows and columns map through the
    /// parent's row positions (increasing); columns among the parent's k fully summed ones go to its panel, the others to
    /// F12 (fully summed rows) or to the parent's contribution block.
    /// </summary>
    private void ExtendAdd(int c, int[] map, int[] rel, T[] source, int uo, T[] stack, int off, int uoff, int k, int wo, int w)
    {
        var an = _an;
        int kc = an.Start[c + 1] - an.Start[c];
        int mc = (int)(an.RowPtr[c + 1] - an.RowPtr[c]), wc = mc - kc;
        var crow = an.Rows.AsSpan((int)an.RowPtr[c] + kc, wc);
        int split = 0;
        for (int i = 0; i < wc; i++)
        {
            int r = map[crow[i]];
            rel[i] = r;
            if (r < k) split = i + 1;
        }
        var lx = _lx;
        var ux = _ux;
        for (int i = 0; i < wc; i++)
        {
            int ri = rel[i];
            var srow = source.AsSpan(uo + i * wc, wc);
            var lrow = lx.AsSpan(off + ri * k, k);
            for (int j = 0; j < split; j++) lrow[rel[j]] += srow[j];
            var rest = ri < k ? ux.AsSpan(uoff + ri * w, w) : stack.AsSpan(wo + (ri - k) * w, w);
            for (int j = split; j < wc; j++) rest[rel[j] - k] += srow[j];
        }
    }
}
