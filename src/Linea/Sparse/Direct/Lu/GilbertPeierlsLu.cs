using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Linea.Storage;

namespace Linea;

/// <summary>
/// Left-looking sparse LU with threshold partial pivoting (Gilbert and Peierls 1988, as in CSparse's cs_lu and KLU):
/// column k of L and U is one sparse triangular solve L x = A[:, Q[k]] whose nonzero pattern is found first by a
/// depth-first search in the graph of the L built so far (with KLU's symmetric pruning), so the work is proportional
/// to the flops, not to n. When the columns left become dense enough, the rest is factored as one dense block by
/// Linea's blocked dense LU (<see cref="DenseTail"/>). Time O(flops + nnz(A)), memory O(nnz(L) + nnz(U) + n) plus the
/// dense block; the sparse part is single threaded, the dense block uses the caller's threads.
/// </summary>
internal static class GilbertPeierlsLu
{
    /// <summary>Why a column found no pivot.</summary>
    internal enum Failure { None, StructurallySingular, NumericallySingular, NonFinite, PivotRejected }

    /// <summary>
    /// Factors A[:, q] (A square, CSC) with threshold <paramref name="tol"/>: the pivot of step k is the diagonal
    /// entry (row Q[k]) when |x[Q[k]]| &gt;= tol max |x[i]| over the rows not yet pivotal, else the largest of those.
    /// With <paramref name="forcedRows"/> (the row order P of an earlier factorization) step k takes row
    /// forcedRows[k] and returns null with <see cref="Failure.PivotRejected"/> when that row fails the same threshold
    /// test, so the caller can fall back to fresh pivoting. <paramref name="plannedTailOrder"/> &gt; 0 switches to the
    /// dense tail that many columns before the end (the earlier factorization's switch, or the one planned from the
    /// symbolic counts by <see cref="LuMemoryPlan"/>; the dense block pivots afresh); 0 decides as the columns come
    /// (<see cref="DenseTail.ShouldSwitch"/>) when <paramref name="forcedRows"/> is null, and never otherwise.
    /// <paramref name="capacityL"/> and <paramref name="capacityU"/> (0 when unknown) size the sparse parts of the
    /// factors' arrays from the start, so that they are not grown and copied. Returns null and the failing step otherwise.
    /// </summary>
    public static LuFactors<T>? Factor<T>(SparseMatrix<T> a, int[] q, double tol, int[]? forcedRows, int plannedTailOrder,
        long capacityL, long capacityU, Parallelism parallelism, out Failure failure, out int failedStep) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = new Worker<T>(a, q, tol, capacityL, capacityU, parallelism);
        return w.Run(forcedRows, plannedTailOrder, out failure, out failedStep);
    }

    /// <summary>The state of one factorization: the growing factors and the O(n) workspaces.</summary>
    private sealed class Worker<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly int _n;
        private readonly long[] _aptr;
        private readonly TensorStorage<int> _aidx;
        private readonly TensorStorage<T> _aval;
        private readonly int[] _q;
        private readonly T _threshold;
        private readonly Parallelism _parallelism;
        private readonly int[] _lp, _up, _pinv, _reach, _stack, _resume, _mark, _lpend;
        private readonly T[] _x;
        private int[] _li, _ui;
        private T[] _lx, _ux;
        private int _lnz, _unz, _denseTail;
        private T[]? _tail;

        public Worker(SparseMatrix<T> a, int[] q, double tol, long capacityL, long capacityU, Parallelism parallelism)
        {
            int n = _n = a.Columns;
            _aptr = a.Ptr;
            _aidx = a.Idx; // read in place: a copy of A would be held beside the factors
            _aval = a.Val;
            _q = q;
            _threshold = T.CreateTruncating(tol);
            _parallelism = parallelism;
            // Without a capacity, CSparse's first guess (4 nnz(A) + n), grown as needed.
            long guess = 4 * _aptr[n] + n;
            _lp = new int[n + 1];
            _up = new int[n + 1];
            _li = new int[(int)Math.Min(capacityL > 0 ? capacityL : guess, Array.MaxLength)];
            _lx = new T[_li.Length];
            _ui = new int[(int)Math.Min(capacityU > 0 ? capacityU : guess, Array.MaxLength)];
            _ux = new T[_ui.Length];
            _pinv = new int[n];
            Array.Fill(_pinv, -1);
            _x = new T[n];
            _reach = new int[n];
            _stack = new int[n];
            _resume = new int[n];
            _mark = new int[n];
            // Symmetric pruning (Eisenstat and Liu; KLU): once L[pivot row of k, j] != 0 and U[j, k] != 0, the depth-first
            // search needs only L[:, j]'s rows pivotal at step k (moved to lp[j]..lpend[j]); the rest are reached through k.
            _lpend = new int[n];
        }

        public LuFactors<T>? Run(int[]? forcedRows, int plannedTailOrder, out Failure failure, out int failedStep)
        {
            int n = _n;
            failure = Failure.None;
            failedStep = -1;
            for (int k = 0; k < n; k++)
            {
                bool toDense = plannedTailOrder > 0 ? n - k == plannedTailOrder
                    : forcedRows is null && DenseTail.ShouldSwitch(n - k, k == 0 ? 0 : _lnz - _lp[k - 1], k == 0 ? 0 : _unz - _up[k - 1], _lnz + _unz);
                if (toDense)
                {
                    if (!FactorDenseTail(k, out failure, out failedStep)) return null;
                    break;
                }
                _lp[k] = _lnz;
                _up[k] = _unz;
                int top = SolveColumn(k, out int col);

                // Rows already pivotal go to U; the others are pivot candidates.
                int ipiv = -1;
                T big = -T.One;
                bool anyCandidate = false, finite = true;
                for (int p = top; p < n; p++)
                {
                    int i = _reach[p];
                    if (_pinv[i] < 0)
                    {
                        anyCandidate = true;
                        T t = T.Abs(_x[i]);
                        if (!T.IsFinite(t)) finite = false;
                        if (t > big) { big = t; ipiv = i; }
                    }
                    else
                    {
                        _ui[_unz] = _pinv[i];
                        _ux[_unz++] = _x[i];
                    }
                }
                failure = !anyCandidate ? Failure.StructurallySingular : !finite ? Failure.NonFinite : big == T.Zero ? Failure.NumericallySingular : Failure.None;
                if (failure == Failure.None && forcedRows is not null)
                {
                    int r = forcedRows[k];
                    if (_pinv[r] < 0 && _mark[r] == k + 1 && T.Abs(_x[r]) >= _threshold * big && T.Abs(_x[r]) != T.Zero) ipiv = r;
                    else failure = Failure.PivotRejected;
                }
                else if (failure == Failure.None && _pinv[col] < 0 && _mark[col] == k + 1 && T.Abs(_x[col]) >= _threshold * big) ipiv = col;
                if (failure != Failure.None)
                {
                    failedStep = k;
                    return null;
                }

                T pivot = _x[ipiv];
                int u0 = _up[k], u1 = _unz;
                _ui[_unz] = k;
                _ux[_unz++] = pivot;
                _pinv[ipiv] = k;
                _li[_lnz] = ipiv;
                _lx[_lnz++] = T.One;
                T inv = T.One / pivot;
                for (int p = top; p < n; p++)
                {
                    int i = _reach[p];
                    if (_pinv[i] < 0)
                    {
                        _li[_lnz] = i;
                        _lx[_lnz++] = _x[i] * inv;
                    }
                    _x[i] = T.Zero;
                }
                _lpend[k] = -1;
                Prune(ipiv, u0, u1);
            }
            return Finish();
        }

        /// <summary>
        /// x = L \ A[:, q[k]] over the rows reachable from A's column in the graph of L, in topological order
        /// reach[top..n); grows the factors' arrays to hold the column. Returns top.
        /// </summary>
        private int SolveColumn(int k, out int col, bool tail = false)
        {
            int n = _n, stamp = k + 1;
            col = _q[k];
            int a0 = (int)_aptr[col], a1 = (int)_aptr[col + 1];
            var aidx = _aidx.Span(a0, a1 - a0);
            var aval = _aval.Span(a0, a1 - a0);
            int top = n;
            foreach (int i in aidx)
                if (_mark[i] != stamp) top = DepthFirst(i, stamp, top);
            // Room for the column: U takes the rows already pivotal (and the pivot), L the others. Counted exactly, so that
            // a planned capacity is not outgrown by the reach's total (a column of the dense tail writes no L).
            int pivotal = 0;
            for (int p = top; p < n; p++) if (_pinv[_reach[p]] >= 0) pivotal++;
            if (!tail && _lnz + (n - top - pivotal) > _li.Length) Grow(ref _li, ref _lx, _lnz + (n - top - pivotal));
            int needU = _unz + pivotal + (tail ? 0 : 1); // the diagonal of a tail column stays in the dense block
            if (needU > _ui.Length) Grow(ref _ui, ref _ux, needU);

            ref T x = ref MemoryMarshal.GetArrayDataReference(_x);
            ref int li = ref MemoryMarshal.GetArrayDataReference(_li);
            ref T lx = ref MemoryMarshal.GetArrayDataReference(_lx);
            for (int p = 0; p < aidx.Length; p++) Unsafe.Add(ref x, aidx[p]) += aval[p];
            // Left-looking update: x -= L[:, j] x[j] for each pivotal row j, in topological order.
            for (int p = top; p < n; p++)
            {
                int j = _reach[p];
                int jn = _pinv[j];
                if (jn < 0) continue;
                T xj = Unsafe.Add(ref x, j);
                if (xj == T.Zero) continue;
                for (int t = _lp[jn] + 1, end = _lp[jn + 1]; t < end; t++)
                    Unsafe.Add(ref x, Unsafe.Add(ref li, t)) -= Unsafe.Add(ref lx, t) * xj;
            }
            return top;
        }

        /// <summary>
        /// Non-recursive depth-first search from row <paramref name="start"/> in the graph of L (row j has edges to the
        /// rows of L[:, pinv[j]] when j is pivotal, up to lpend when pruned), pushing finished rows onto reach[--top].
        /// </summary>
        private int DepthFirst(int start, int stamp, int top)
        {
            int[] lp = _lp, lpend = _lpend, li = _li, pinv = _pinv, mark = _mark, stack = _stack, resume = _resume;
            int head = 0;
            stack[0] = start;
            while (head >= 0)
            {
                int j = stack[head];
                int jn = pinv[j];
                if (mark[j] != stamp)
                {
                    mark[j] = stamp;
                    resume[head] = jn < 0 ? 0 : lp[jn] + 1;
                }
                bool done = true;
                int end = jn < 0 ? 0 : lpend[jn] >= 0 ? lpend[jn] : lp[jn + 1];
                for (int p = resume[head]; p < end; p++)
                {
                    int i = li[p];
                    if (mark[i] == stamp) continue;
                    resume[head] = p + 1;
                    stack[++head] = i;
                    done = false;
                    break;
                }
                if (done)
                {
                    head--;
                    _reach[--top] = j;
                }
            }
            return top;
        }

        /// <summary>
        /// Prunes each unpruned column j of L with U[j, k] != 0 (steps ui[u0..u1)) that holds the new pivot row: its rows
        /// already pivotal are moved to the front, and lpend[j] marks where the search may stop.
        /// </summary>
        private void Prune(int pivotRow, int u0, int u1)
        {
            int[] li = _li;
            T[] lx = _lx;
            for (int p = u0; p < u1; p++)
            {
                int j = _ui[p];
                if (_lpend[j] >= 0) continue;
                int start = _lp[j], end = _lp[j + 1];
                bool holds = false;
                for (int t = start + 1; t < end; t++) if (li[t] == pivotRow) { holds = true; break; }
                if (!holds) continue;
                int head = start, tail = end;
                while (head < tail)
                {
                    if (_pinv[li[head]] >= 0) head++;
                    else
                    {
                        tail--;
                        (li[head], li[tail]) = (li[tail], li[head]);
                        (lx[head], lx[tail]) = (lx[tail], lx[head]);
                    }
                }
                _lpend[j] = tail;
            }
        }

        /// <summary>
        /// Factors columns k0..n-1 as one dense block: their sparse solves against the first k0 columns give U's rows
        /// above k0 (written straight into U's arrays as columns k0..n-1) and the Schur complement S (the rows not yet
        /// pivotal), which the dense blocked LU with partial pivoting factors in place. S then stays the factors' dense
        /// block (<see cref="LuFactors{T}.Tail"/>): nothing is copied out of it. False (with the failing step) when singular.
        /// </summary>
        private bool FactorDenseTail(int k0, out Failure failure, out int failedStep)
        {
            int n = _n, r = n - k0;
            _denseTail = r;
            failure = Failure.None;
            failedStep = -1;
            var rows = new int[r];
            var rowMap = new int[n];
            for (int i = 0, d = 0; i < n; i++) if (_pinv[i] < 0) { rowMap[i] = d; rows[d++] = i; }
            var sd = new T[(long)r * r];
            for (int c = 0; c < r; c++)
            {
                int k = k0 + c;
                _lp[k] = _lnz;
                _up[k] = _unz;
                int top = SolveColumn(k, out _, tail: true);
                for (int p = top; p < n; p++)
                {
                    int i = _reach[p];
                    T v = _x[i];
                    _x[i] = T.Zero;
                    if (!T.IsFinite(v)) { failure = Failure.NonFinite; failedStep = k; return false; }
                    if (_pinv[i] < 0) sd[(long)rowMap[i] * r + c] = v;
                    else if (v != T.Zero) { _ui[_unz] = _pinv[i]; _ux[_unz++] = v; }
                }
            }
            _lp[n] = _lnz;
            _up[n] = _unz;
            var piv = new int[r];
            int info = LuFactorization.Factor(Kernels.MatrixView<T>.RowMajor(sd, r, r), piv, LuParams.Auto.RecursionThreshold, _parallelism);
            if (info >= 0) { failure = Failure.NumericallySingular; failedStep = k0 + info; return false; }
            var perm = LuFactorization.PermutationOf(piv, r);
            for (int c = 0; c < r; c++) _pinv[rows[perm[c]]] = k0 + c;
            for (long t = 0; t < sd.LongLength; t++)
                if (!T.IsFinite(sd[t])) { failure = Failure.NonFinite; failedStep = k0 + (int)(t % r); return false; }
            _tail = sd;
            return true;
        }

        private LuFactors<T> Finish()
        {
            int n = _n;
            _lp[n] = _lnz;
            _up[n] = _unz;
            for (int t = 0; t < _lnz; t++) _li[t] = _pinv[_li[t]];
            var prow = new int[n];
            for (int i = 0; i < n; i++) prow[_pinv[i]] = i;
            // Shrink only arrays more than 1/8 empty: the copy costs more than the slack of a well-sized hint.
            if (_li.Length - _lnz > _li.Length / 8) { Array.Resize(ref _li, _lnz); Array.Resize(ref _lx, _lnz); }
            if (_ui.Length - _unz > _ui.Length / 8) { Array.Resize(ref _ui, _unz); Array.Resize(ref _ux, _unz); }
            return new LuFactors<T>(n, _lp, _li, _lx, _up, _ui, _ux, prow, (int[])_q.Clone(), _tail, _denseTail);
        }

        private static void Grow<TValue>(ref int[] idx, ref TValue[] val, long needed)
        {
            // 1.5x, not 2x: with a planned capacity this runs only when pivoting moved fill, and old and new arrays coexist here
            long target = Math.Max(idx.Length + idx.Length / 2, needed);
            if (target > Array.MaxLength)
            {
                if (needed > Array.MaxLength)
                    ThrowHelper.ResultTooLarge("sparse lu", "one triangular factor", needed, Unsafe.SizeOf<TValue>(),
                        $"a factor holds at most {Array.MaxLength:#,0} nonzeros; use a fill-reducing ordering");
                target = Array.MaxLength;
            }
            Array.Resize(ref idx, (int)target);
            Array.Resize(ref val, (int)target);
        }
    }
}

/// <summary>When <see cref="GilbertPeierlsLu"/> hands the columns left to the dense LU.</summary>
internal static class DenseTail
{
    /// <summary>Experiments only: overrides the size limit (0 disables the dense tail).</summary>
    internal static int? MaxOrderOverride;

    /// <summary>Experiments only: overrides the density that triggers the switch.</summary>
    internal static double? DensityOverride;

    /// <summary>
    /// Whether to factor the <paramref name="rest"/> columns left as one dense block, judged from the last column's
    /// counts in L and U: when that column's L part fills at least a quarter of the rows left (the rest of the matrix is
    /// then about as dense, and the dense kernels run tens of times faster per flop than the sparse column updates),
    /// and the dense block (rest^2 entries) is no larger than the factors so far, so it does not dominate memory.
    /// </summary>
    public static bool ShouldSwitch(int rest, int lastL, int lastU, long factorNnz)
    {
        int max = MaxOrderOverride ?? 8192;
        if (rest < 64 || rest > max) return false;
        double density = DensityOverride ?? 0.25;
        return lastL >= density * rest && (double)rest * rest <= Math.Max(factorNnz, 1 << 20);
    }
}
