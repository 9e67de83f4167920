using System.Numerics;

namespace Linea;

/// <summary>
/// Left-looking sparse LU with threshold partial pivoting (Gilbert and Peierls 1988, as in CSparse's cs_lu and KLU):
/// column k of L and U is one sparse triangular solve L x = A[:, Q[k]] whose nonzero pattern is found first by a
/// depth-first search in the graph of the L built so far, so the work is proportional to the flops, not to n.
/// Time O(flops + nnz(A)), memory O(nnz(L) + nnz(U) + n), single threaded.
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
    /// test, so the caller can fall back to fresh pivoting. Returns null and the failing step otherwise.
    /// </summary>
    public static LuFactors<T>? Factor<T>(SparseMatrix<T> a, int[] q, double tol, int[]? forcedRows, out Failure failure, out int failedStep)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Columns;
        var aptr = a.Ptr;
        var aidx = a.Idx.Span(0, (int)aptr[n]);
        var aval = a.Val.Span(0, (int)aptr[n]);
        T threshold = T.CreateTruncating(tol);

        long guess = Math.Min(4 * aptr[n] + n, Array.MaxLength);
        int lcap = (int)guess, ucap = (int)guess;
        var lp = new int[n + 1];
        var up = new int[n + 1];
        var li = new int[lcap];
        var lx = new T[lcap];
        var ui = new int[ucap];
        var ux = new T[ucap];

        var pinv = new int[n];
        Array.Fill(pinv, -1);
        var x = new T[n];
        var reach = new int[n];
        var stack = new int[n];
        var resume = new int[n];
        var mark = new int[n];
        int lnz = 0, unz = 0;
        failure = Failure.None;
        failedStep = -1;

        for (int k = 0; k < n; k++)
        {
            lp[k] = lnz;
            up[k] = unz;
            int col = q[k], stamp = k + 1;
            int a0 = (int)aptr[col], a1 = (int)aptr[col + 1];

            // Pattern of x = L \ A[:, col]: the rows reachable from A's column in the graph of L, in topological order reach[top..n).
            int top = n;
            for (int p = a0; p < a1; p++)
            {
                int i = aidx[p];
                if (mark[i] != stamp) top = DepthFirst(i, stamp, top, lp, li, pinv, mark, reach, stack, resume);
            }
            int count = n - top;
            if (lnz + count > lcap) Grow(ref li, ref lx, ref lcap, lnz + count);
            if (unz + count > ucap) Grow(ref ui, ref ux, ref ucap, unz + count);

            for (int p = a0; p < a1; p++) x[aidx[p]] += aval[p];
            // Left-looking update: x -= L[:, j] x[j] for each pivotal row j, in topological order.
            for (int p = top; p < n; p++)
            {
                int jn = pinv[reach[p]];
                if (jn < 0) continue;
                T xj = x[reach[p]];
                if (xj == T.Zero) continue;
                for (int t = lp[jn] + 1, end = lp[jn + 1]; t < end; t++) x[li[t]] -= lx[t] * xj;
            }

            // Rows already pivotal go to U; the others are pivot candidates.
            int ipiv = -1;
            T big = -T.One;
            bool anyCandidate = false, finite = true;
            for (int p = top; p < n; p++)
            {
                int i = reach[p];
                if (pinv[i] < 0)
                {
                    anyCandidate = true;
                    T t = T.Abs(x[i]);
                    if (!T.IsFinite(t)) finite = false;
                    if (t > big) { big = t; ipiv = i; }
                }
                else
                {
                    ui[unz] = pinv[i];
                    ux[unz++] = x[i];
                }
            }
            failure = !anyCandidate ? Failure.StructurallySingular : !finite ? Failure.NonFinite : big == T.Zero ? Failure.NumericallySingular : Failure.None;
            if (failure == Failure.None && forcedRows is not null)
            {
                int r = forcedRows[k];
                if (pinv[r] < 0 && mark[r] == stamp && T.Abs(x[r]) >= threshold * big && T.Abs(x[r]) != T.Zero) ipiv = r;
                else failure = Failure.PivotRejected;
            }
            else if (failure == Failure.None && pinv[col] < 0 && mark[col] == stamp && T.Abs(x[col]) >= threshold * big) ipiv = col;
            if (failure != Failure.None)
            {
                failedStep = k;
                return null;
            }

            T pivot = x[ipiv];
            ui[unz] = k;
            ux[unz++] = pivot;
            pinv[ipiv] = k;
            li[lnz] = ipiv;
            lx[lnz++] = T.One;
            T inv = T.One / pivot;
            for (int p = top; p < n; p++)
            {
                int i = reach[p];
                if (pinv[i] < 0)
                {
                    li[lnz] = i;
                    lx[lnz++] = x[i] * inv;
                }
                x[i] = T.Zero;
            }
        }
        lp[n] = lnz;
        up[n] = unz;
        for (int t = 0; t < lnz; t++) li[t] = pinv[li[t]];
        var prow = new int[n];
        for (int i = 0; i < n; i++) prow[pinv[i]] = i;
        Array.Resize(ref li, lnz);
        Array.Resize(ref lx, lnz);
        Array.Resize(ref ui, unz);
        Array.Resize(ref ux, unz);
        return new LuFactors<T>(n, lp, li, lx, up, ui, ux, prow, (int[])q.Clone());
    }

    /// <summary>
    /// Non-recursive depth-first search from row <paramref name="start"/> in the graph of L (row j has edges to the
    /// rows of L[:, pinv[j]] when j is pivotal), pushing finished rows onto reach[--top]. Returns the new top.
    /// </summary>
    private static int DepthFirst(int start, int stamp, int top, int[] lp, int[] li, int[] pinv, int[] mark, int[] reach, int[] stack, int[] resume)
    {
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
            int end = jn < 0 ? 0 : lp[jn + 1];
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
                reach[--top] = j;
            }
        }
        return top;
    }

    private static void Grow<T>(ref int[] idx, ref T[] val, ref int cap, int needed)
    {
        long target = Math.Max(2L * cap, needed);
        if (target > Array.MaxLength)
        {
            if (needed > Array.MaxLength)
                ThrowHelper.ResultTooLarge("sparse lu", "one triangular factor", needed, System.Runtime.CompilerServices.Unsafe.SizeOf<T>(),
                    $"a factor holds at most {Array.MaxLength:#,0} nonzeros; use a fill-reducing ordering");
            target = Array.MaxLength;
        }
        cap = (int)target;
        Array.Resize(ref idx, cap);
        Array.Resize(ref val, cap);
    }
}
