using System.Numerics;

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
    public static int Run<T>(bool wantT, bool wantZ, int n, int ktop, int kbot, int nw, T[] h, int ldh, int iloz, int ihiz,
        T[] z, int ldz, T[] wr, T[] wi, EigParams p, int depth, out int shiftCount, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        parallelism.ThrowIfCancelled();
        shiftCount = 0;
        int jw = Math.Min(nw, kbot - ktop + 1);
        if (ktop > kbot || jw < 1) return 0;
        T safmin = MachineConstants<T>.SafeMin, ulp = MachineConstants<T>.Ulp;
        T smlnum = safmin * (T.CreateTruncating(n) / ulp);
        int kwtop = kbot - jw + 1;
        T s = kwtop == ktop ? T.Zero : h[kwtop + (kwtop - 1) * ldh];

        if (kbot == kwtop)
        {
            // A 1 x 1 window.
            wr[kwtop] = h[kwtop + kwtop * ldh];
            wi[kwtop] = T.Zero;
            if (T.Abs(s) <= T.Max(smlnum, ulp * T.Abs(h[kwtop + kwtop * ldh])))
            {
                if (kwtop > ktop) h[kwtop + (kwtop - 1) * ldh] = T.Zero;
                return 1;
            }
            shiftCount = 1;
            return 0;
        }

        // The window: its upper triangle and subdiagonal, zeros below.
        var t = new T[jw * jw];
        for (int j = 0; j < jw; j++)
        {
            int rows = Math.Min(j + 2, jw);
            Array.Copy(h, kwtop + (kwtop + j) * ldh, t, j * jw, rows);
        }
        var v = new T[jw * jw];
        for (int i = 0; i < jw; i++) v[i + i * jw] = T.One;
        var swr = new T[jw];
        var swi = new T[jw];
        int infqr = jw > p.NMin && depth == 0
            ? Laqr0.Run(true, true, jw, 0, jw - 1, t, jw, swr, swi, 0, jw - 1, v, jw, p, parallelism, depth + 1)
            : Lahqr.Run(true, true, jw, 0, jw - 1, t, jw, swr, swi, 0, jw - 1, v, jw);
        for (int j = 0; j + 2 < jw; j++)
            for (int i = j + 2; i < jw; i++) t[i + j * jw] = T.Zero;

        // Deflation detection: test the bottom block; if its spike is negligible, deflate it, else move it up.
        int ns = jw, ilst = infqr;
        while (ilst < ns)
        {
            bool bulge = ns > 1 && t[ns - 1 + (ns - 2) * jw] != T.Zero;
            if (!bulge)
            {
                T foo = T.Abs(t[ns - 1 + (ns - 1) * jw]);
                if (foo == T.Zero) foo = T.Abs(s);
                if (T.Abs(s * v[(ns - 1) * jw]) <= T.Max(smlnum, ulp * foo)) ns--;
                else
                {
                    int ifst = ns - 1;
                    Trexc.Move(true, jw, t, jw, v, jw, ref ifst, ref ilst);
                    ilst++;
                }
            }
            else
            {
                T foo = T.Abs(t[ns - 1 + (ns - 1) * jw])
                    + T.Sqrt(T.Abs(t[ns - 1 + (ns - 2) * jw])) * T.Sqrt(T.Abs(t[ns - 2 + (ns - 1) * jw]));
                if (foo == T.Zero) foo = T.Abs(s);
                if (T.Max(T.Abs(s * v[(ns - 1) * jw]), T.Abs(s * v[(ns - 2) * jw])) <= T.Max(smlnum, ulp * foo)) ns -= 2;
                else
                {
                    int ifst = ns - 1;
                    Trexc.Move(true, jw, t, jw, v, jw, ref ifst, ref ilst);
                    ilst += 2;
                }
            }
        }
        if (ns == 0) s = T.Zero;
        if (ns < jw) SortUndeflated(t, jw, v, infqr, ns);

        // Eigenvalues of the window (deflated ones final, undeflated ones the next shifts).
        for (int i = jw - 1; i >= infqr;)
        {
            if (i == infqr || t[i + (i - 1) * jw] == T.Zero)
            {
                wr[kwtop + i] = t[i + i * jw];
                wi[kwtop + i] = T.Zero;
                i--;
            }
            else
            {
                T aa = t[i - 1 + (i - 1) * jw], bb = t[i - 1 + i * jw], cc = t[i + (i - 1) * jw], dd = t[i + i * jw];
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
                for (int i = 0; i < ns; i++) f[i] = v[i * jw];
                T beta = f[0];
                T tau = Householder.Generate(ns, ref beta, f, 1, 1);
                f[0] = T.One;
                for (int j = 0; j + 2 < jw; j++)
                    for (int i = j + 2; i < jw; i++) t[i + j * jw] = T.Zero;
                Householder.ApplyLeft(ns, jw, f, 0, tau, t, 0, jw);
                Gehrd.ApplyRight(ns, ns, f, 0, tau, t, 0, jw, work);
                Gehrd.ApplyRight(jw, ns, f, 0, tau, v, 0, jw, work);
                tauH = new T[Math.Max(jw - 1, 1)];
                Gehrd.Reduce(jw, 0, ns - 1, t, jw, tauH, p, parallelism);
            }

            // Copy the window back: upper triangle and subdiagonal.
            if (kwtop > 0) h[kwtop + (kwtop - 1) * ldh] = s * v[0];
            for (int j = 0; j < jw; j++)
            {
                int rows = Math.Min(j + 2, jw);
                Array.Copy(t, j * jw, h, kwtop + (kwtop + j) * ldh, rows);
            }
            if (tauH is not null)
            {
                // V := V Q for the Q of that Hessenberg reduction (ormhr from the right).
                for (int i = 0; i < ns - 1; i++)
                    Gehrd.ApplyRight(jw, ns - 1 - i, t, i + 1 + i * jw, tauH[i], v, (i + 1) * jw, jw, work);
            }
            UpdateOutside(wantT, wantZ, n, ktop, kbot, kwtop, jw, h, ldh, iloz, ihiz, z, ldz, v, parallelism);
        }

        int nd = jw - ns;
        shiftCount = ns - infqr;
        return nd;
    }

    /// <summary>
    /// Bubble-sorts the undeflated diagonal blocks of T (rows infqr..ns-1) into decreasing magnitude with
    /// <see cref="Trexc"/> (LAPACK does this because it improves accuracy for graded matrices).
    /// </summary>
    private static void SortUndeflated<T>(T[] t, int jw, T[] v, int infqr, int ns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool sorted = false;
        int i = ns;
        while (!sorted)
        {
            sorted = true;
            int kend = i - 1;
            i = infqr;
            int k = NextBlock(t, jw, i, ns - 1);
            while (k <= kend)
            {
                T evi = k == i + 1 ? T.Abs(t[i + i * jw]) : T.Abs(t[i + i * jw]) + T.Sqrt(T.Abs(t[i + 1 + i * jw])) * T.Sqrt(T.Abs(t[i + (i + 1) * jw]));
                T evk = k == kend || t[k + 1 + k * jw] == T.Zero ? T.Abs(t[k + k * jw])
                    : T.Abs(t[k + k * jw]) + T.Sqrt(T.Abs(t[k + 1 + k * jw])) * T.Sqrt(T.Abs(t[k + (k + 1) * jw]));
                if (evi >= evk) i = k;
                else
                {
                    sorted = false;
                    int ifst = i, ilst = k;
                    i = Trexc.Move(true, jw, t, jw, v, jw, ref ifst, ref ilst) ? ilst : k;
                }
                k = NextBlock(t, jw, i, kend);
            }
        }
    }

    /// <summary>The start of the block after the one at i (i + 1 or i + 2), with i == last meaning a 1 x 1 block.</summary>
    private static int NextBlock<T>(T[] t, int jw, int i, int last) where T : unmanaged, IFloatingPointIeee754<T> =>
        i == last || t[i + 1 + i * jw] == T.Zero ? i + 1 : i + 2;

    /// <summary>
    /// H(rows above the window, window columns) := that V; with wantT also H(window rows, columns right of the
    /// active block) := V^T that; with wantZ, Z(iloz:ihiz, window columns) := that V. All by GEMM.
    /// </summary>
    private static void UpdateOutside<T>(bool wantT, bool wantZ, int n, int ktop, int kbot, int kwtop, int jw, T[] h, int ldh,
        int iloz, int ihiz, T[] z, int ldz, T[] v, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int ltop = wantT ? 0 : ktop;
        int nrows = kwtop - ltop, ncols = wantT ? n - 1 - kbot : 0, nz = wantZ ? ihiz - iloz + 1 : 0;
        var temp = new T[Math.Max(Math.Max(nrows, nz), ncols) * jw];
        if (nrows > 0)
        {
            EigenGemm.Multiply(false, false, nrows, jw, jw, T.One, h, ltop + kwtop * ldh, ldh, v, 0, jw, T.Zero, temp, 0, nrows, parallelism);
            for (int j = 0; j < jw; j++) Array.Copy(temp, j * nrows, h, ltop + (kwtop + j) * ldh, nrows);
        }
        if (ncols > 0)
        {
            EigenGemm.Multiply(true, false, jw, ncols, jw, T.One, v, 0, jw, h, kwtop + (kbot + 1) * ldh, ldh, T.Zero, temp, 0, jw, parallelism);
            for (int j = 0; j < ncols; j++) Array.Copy(temp, j * jw, h, kwtop + (kbot + 1 + j) * ldh, jw);
        }
        if (nz > 0)
        {
            EigenGemm.Multiply(false, false, nz, jw, jw, T.One, z, iloz + kwtop * ldz, ldz, v, 0, jw, T.Zero, temp, 0, nz, parallelism);
            for (int j = 0; j < jw; j++) Array.Copy(temp, j * nz, z, iloz + (kwtop + j) * ldz, nz);
        }
    }
}
