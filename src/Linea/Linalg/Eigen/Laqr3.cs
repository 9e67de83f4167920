using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Aggressive early deflation (LAPACK's laqr3; Braman, Byers and Mathias, SIAM J. Matrix Anal. Appl. 23, 2002): the
/// trailing jw x jw window of the active block is brought to real Schur form T = V^T W V (by the double-shift iteration,
/// or for large windows by the multishift one without further recursion). The window's coupling to the rest of H is
/// the spike s V(0, :) (s = the subdiagonal entry above the window); eigenvalues at the bottom of T whose spike
/// entries are negligible deflate, the others are moved up out of the way by Schur reordering (<see cref="Trexc"/>).
/// The undeflated eigenvalues become the shifts of the next sweep. When something deflated, the spike is folded back
/// by a reflector, the undeflated part is returned to Hessenberg form, and H and Z are updated by GEMM with V.
/// Deflating many eigenvalues per window is what makes the multishift iteration need few sweeps.
/// </summary>
internal static class Laqr3
{
    /// <summary>
    /// Runs AED on the window of order min(nw, kbot - ktop + 1) at the bottom of H(ktop:kbot, ktop:kbot). Returns the
    /// number of deflated eigenvalues nd (their values are in wr/wi[kbot - nd + 1 .. kbot]) and, in
    /// <paramref name="shiftCount"/>, the number of undeflated eigenvalues of the window stored just above them in
    /// wr/wi (to be used as shifts).
    /// </summary>
    public static int Run<T>(bool wantT, bool wantZ, int ktop, int kbot, int nw, in MatrixView<T> h, int iloz, int ihiz,
        in MatrixView<T> z, Span<T> wr, Span<T> wi, EigParams p, int depth, out int shiftCount, Parallelism parallelism, QrIterationWorker<T>? worker = null, T[]? scratch = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)h.Rows);
        parallelism.ThrowIfCancelled();
        shiftCount = 0;
        int jw = Math.Min(nw, kbot - ktop + 1);
        if (ktop > kbot || jw < 1) return 0;
        T safmin = MachineConstants<T>.SafeMin, ulp = MachineConstants<T>.Ulp;
        T smlnum = safmin * (T.CreateTruncating(n) / ulp);
        int kwtop = kbot - jw + 1;
        T s = kwtop == ktop ? T.Zero : h[kwtop, kwtop - 1];

        if (kbot == kwtop)
        {
            // A 1 x 1 window.
            wr[kwtop] = h[kwtop, kwtop];
            wi[kwtop] = T.Zero;
            if (T.Abs(s) <= T.Max(smlnum, ulp * T.Abs(h[kwtop, kwtop])))
            {
                if (kwtop > ktop) h[kwtop, kwtop - 1] = T.Zero;
                return 1;
            }
            shiftCount = 1;
            return 0;
        }

        // The window: its upper triangle and subdiagonal, zeros below.
        var t = new T[jw * jw];
        var tm = MatrixView<T>.ColumnMajor(t, 0, jw, jw, jw);
        for (int j = 0; j < jw; j++)
        {
            int rows = Math.Min(j + 2, jw);
            h.Column(kwtop + j, kwtop, rows).CopyTo(tm.Column(j, 0, rows));
        }
        var v = new T[jw * jw];
        var vm = MatrixView<T>.ColumnMajor(v, 0, jw, jw, jw);
        for (int i = 0; i < jw; i++) v[i + i * jw] = T.One;
        var swr = new T[jw];
        var swi = new T[jw];
        int infqr = jw > p.NMin && depth == 0
            ? Laqr0.Run(true, true, 0, jw - 1, tm, swr, swi, 0, jw - 1, vm, p, parallelism, depth + 1)
            : Lahqr.Run(true, true, 0, jw - 1, tm, swr, swi, 0, jw - 1, vm);
        for (int j = 0; j + 2 < jw; j++)
            for (int i = j + 2; i < jw; i++) tm[i, j] = T.Zero;

        // Deflation detection: test the bottom block; if its spike is negligible, deflate it, else move it up.
        int ns = jw, ilst = infqr;
        while (ilst < ns)
        {
            bool bulge = ns > 1 && tm[ns - 1, ns - 2] != T.Zero;
            if (!bulge)
            {
                T foo = T.Abs(tm[ns - 1, ns - 1]);
                if (foo == T.Zero) foo = T.Abs(s);
                if (T.Abs(s * vm[0, ns - 1]) <= T.Max(smlnum, ulp * foo)) ns--;
                else
                {
                    int ifst = ns - 1;
                    Trexc.Move(true, tm, vm, ref ifst, ref ilst);
                    ilst++;
                }
            }
            else
            {
                T foo = T.Abs(tm[ns - 1, ns - 1])
                    + T.Sqrt(T.Abs(tm[ns - 1, ns - 2])) * T.Sqrt(T.Abs(tm[ns - 2, ns - 1]));
                if (foo == T.Zero) foo = T.Abs(s);
                if (T.Max(T.Abs(s * vm[0, ns - 1]), T.Abs(s * vm[0, ns - 2])) <= T.Max(smlnum, ulp * foo)) ns -= 2;
                else
                {
                    int ifst = ns - 1;
                    Trexc.Move(true, tm, vm, ref ifst, ref ilst);
                    ilst += 2;
                }
            }
        }
        if (ns == 0) s = T.Zero;
        if (ns < jw) SortUndeflated(tm, vm, infqr, ns);

        // Eigenvalues of the window (deflated ones final, undeflated ones the next shifts).
        for (int i = jw - 1; i >= infqr;)
        {
            if (i == infqr || tm[i, i - 1] == T.Zero)
            {
                wr[kwtop + i] = tm[i, i];
                wi[kwtop + i] = T.Zero;
                i--;
            }
            else
            {
                T aa = tm[i - 1, i - 1], bb = tm[i - 1, i], cc = tm[i, i - 1], dd = tm[i, i];
                Lanv2.Standardize(ref aa, ref bb, ref cc, ref dd, out wr[kwtop + i - 1], out wi[kwtop + i - 1], out wr[kwtop + i], out wi[kwtop + i], out _, out _);
                i -= 2;
            }
        }

        if (ns < jw || s == T.Zero)
        {
            T[]? tauH = null;
            var work = new T[Math.Max(jw, 1)];
            if (ns > 1 && s != T.Zero)
            {
                // Fold the spike back with a reflector and return the undeflated block to Hessenberg form.
                var f = new T[ns];
                for (int i = 0; i < ns; i++) f[i] = vm[0, i];
                T beta = f[0];
                T tau = Householder.Generate(ns, ref beta, f.AsSpan(1));
                f[0] = T.One;
                for (int j = 0; j + 2 < jw; j++)
                    for (int i = j + 2; i < jw; i++) tm[i, j] = T.Zero;
                Householder.ApplyLeft(f, tau, tm.Block(0, 0, ns, jw));
                Gehrd.ApplyRight(f, tau, tm.Block(0, 0, ns, ns), work);
                Gehrd.ApplyRight(f, tau, vm.Block(0, 0, jw, ns), work);
                tauH = new T[Math.Max(jw - 1, 1)];
                Gehrd.Reduce(0, ns - 1, tm, tauH, p, parallelism);
            }

            // Copy the window back: upper triangle and subdiagonal.
            if (kwtop > 0) h[kwtop, kwtop - 1] = s * v[0];
            for (int j = 0; j < jw; j++)
            {
                int rows = Math.Min(j + 2, jw);
                tm.Column(j, 0, rows).CopyTo(h.Column(kwtop + j, kwtop, rows));
            }
            if (tauH is not null)
            {
                // V := V Q for the Q of that Hessenberg reduction (ormhr from the right).
                for (int i = 0; i < ns - 1; i++)
                    Gehrd.ApplyRight(tm.Column(i, i + 1, ns - 1 - i), tauH[i], vm.Block(0, i + 1, jw, ns - 1 - i), work);
            }
            UpdateOutside(wantT, wantZ, n, ktop, kbot, kwtop, jw, h, iloz, ihiz, z, vm, parallelism, worker, scratch);
        }

        int nd = jw - ns;
        shiftCount = ns - infqr;
        return nd;
    }

    /// <summary>
    /// Bubble-sorts the undeflated diagonal blocks of T (rows infqr..ns-1) into decreasing magnitude with
    /// <see cref="Trexc"/> (LAPACK does this because it improves accuracy for graded matrices).
    /// </summary>
    private static void SortUndeflated<T>(in MatrixView<T> t, in MatrixView<T> v, int infqr, int ns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool sorted = false;
        int i = ns;
        while (!sorted)
        {
            sorted = true;
            int kend = i - 1;
            i = infqr;
            int k = NextBlock(t, i, ns - 1);
            while (k <= kend)
            {
                T evi = k == i + 1 ? T.Abs(t[i, i]) : T.Abs(t[i, i]) + T.Sqrt(T.Abs(t[i + 1, i])) * T.Sqrt(T.Abs(t[i, i + 1]));
                T evk = k == kend || t[k + 1, k] == T.Zero ? T.Abs(t[k, k])
                    : T.Abs(t[k, k]) + T.Sqrt(T.Abs(t[k + 1, k])) * T.Sqrt(T.Abs(t[k, k + 1]));
                if (evi >= evk) i = k;
                else
                {
                    sorted = false;
                    int ifst = i, ilst = k;
                    i = Trexc.Move(true, t, v, ref ifst, ref ilst) ? ilst : k;
                }
                k = NextBlock(t, i, kend);
            }
        }
    }

    /// <summary>The start of the block after the one at i (i + 1 or i + 2), with i == last meaning a 1 x 1 block.</summary>
    private static int NextBlock<T>(in MatrixView<T> t, int i, int last) where T : unmanaged, IFloatingPointIeee754<T> =>
        i == last || t[i + 1, i] == T.Zero ? i + 1 : i + 2;

    /// <summary>
    /// H(rows above the window, window columns) := that V; with wantT also H(window rows, columns right of the
    /// active block) := V^T that; with wantZ, Z(iloz:ihiz, window columns) := that V. All by GEMM, shared with the
    /// <paramref name="worker"/> when there is one (Z's update then queued on it), through <paramref name="scratch"/> when
    /// it is large enough.
    /// </summary>
    private static void UpdateOutside<T>(bool wantT, bool wantZ, int n, int ktop, int kbot, int kwtop, int jw, in MatrixView<T> h,
        int iloz, int ihiz, in MatrixView<T> z, in MatrixView<T> v, Parallelism parallelism, QrIterationWorker<T>? worker, T[]? scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int ltop = wantT ? 0 : ktop;
        if (wantZ && worker is not null) worker.Post(v, kwtop);
        int nrows = kwtop - ltop, ncols = wantT ? n - 1 - kbot : 0, nz = wantZ && worker is null ? ihiz - iloz + 1 : 0;
        long need = (long)Math.Max(Math.Max(nrows, nz), ncols) * jw;
        var temp = scratch is not null && scratch.Length >= need ? scratch : new T[need];
        if (nrows > 0)
        {
            var hb = h.Block(ltop, kwtop, nrows, jw);
            EigenGemm.Overwrite(hb, v, hb, temp, byColumns: false, parallelism, worker);
        }
        if (ncols > 0)
        {
            var hb = h.Block(kwtop, kbot + 1, jw, ncols);
            EigenGemm.Overwrite(v.Transposed, hb, hb, temp, byColumns: true, parallelism, worker);
        }
        if (nz > 0)
        {
            var zb = z.Block(iloz, kwtop, nz, jw);
            EigenGemm.Overwrite(zb, v, zb, temp, parallelism);
        }
    }
}
