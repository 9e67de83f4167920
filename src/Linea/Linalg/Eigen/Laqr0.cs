using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// The small-bulge multishift QR iteration with aggressive early deflation (LAPACK's laqr0 / laqr4) on the active
/// block H(ilo:ihi, ilo:ihi) of an upper Hessenberg matrix. Each iteration first runs aggressive early deflation
/// (<see cref="Laqr3"/>) on a trailing window, which deflates converged eigenvalues and supplies shifts; unless that
/// deflated enough, a multishift sweep (<see cref="Laqr5"/>) follows with up to ns of those shifts (the smallest in
/// magnitude). Window and shift counts follow LAPACK's iparmq table (ns = 2 .. 256 growing with the order), with its
/// exceptional shifts every 6 iterations and wider windows after 5 iterations without a deflation. At most
/// 30 max(10, nh) iterations. Used by <see cref="Hseqr"/> above <see cref="EigParams.MultishiftCrossover"/>.
/// </summary>
internal static class Laqr0
{
    private const int NTiny = 15, ExceptionalWindow = 5, ExceptionalShift = 6, Nibble = 14, WindowSwitch = 500;

    /// <summary>
    /// Same contract as <see cref="Lahqr.Run{T}"/>: returns 0 on success or kbot + 1 when the eigenvalues at
    /// ilo..kbot did not converge. <paramref name="depth"/> is 0 at the top level; windows of aggressive early
    /// deflation run this at depth 1, where the windows use the double-shift iteration. A <paramref name="worker"/> (top
    /// level only) takes the updates of Z and half of the products with H (<see cref="QrIterationWorker{T}"/>).
    /// </summary>
    public static int Run<T>(bool wantT, bool wantZ, int ilo, int ihi, in MatrixView<T> h, Span<T> wr, Span<T> wi,
        int iloz, int ihiz, in MatrixView<T> z, EigParams p, Parallelism parallelism, int depth = 0, QrIterationWorker<T>? worker = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)h.Rows);
        if (n <= NTiny || ihi - ilo + 1 <= NTiny) return Lahqr.Run(wantT, wantZ, ilo, ihi, h, wr, wi, iloz, ihiz, z, p.IterationFactor);
        if (ilo == ihi)
        {
            wr[ilo] = h[ilo, ilo];
            wi[ilo] = T.Zero;
            return 0;
        }
        int nh0 = ihi - ilo + 1;
        int nsr = ShiftCount(nh0), nwr = WindowSize(nh0);
        nwr = Math.Min(Math.Min(nh0, (n - 1) / 3), Math.Max(2, nwr));
        nsr = Math.Min(Math.Min(nsr, (n - 3) / 6), ihi - ilo);
        nsr = Math.Max(2, nsr - nsr % 2);
        int nsmax = (n - 3) / 6;
        nsmax -= nsmax % 2;
        int nwmax = (n - 1) / 3;
        int nmin = p.NMin;
        T wilk1 = T.CreateTruncating(0.75), wilk2 = T.CreateTruncating(-0.4375);

        // One scratch for every sweep's and window's products and U (the sweeps' kdu is at most 3 nsr, the windows'
        // order at most nwmax), instead of new arrays per sweep and window (about 50 MB at n = 1000).
        var scratch = new T[(long)n * Math.Max(3 * nsr, nwmax) + 9L * nsr * nsr];
        int itmax = p.IterationFactor * Math.Max(10, nh0);
        int kbot = ihi, ndfl = 1, nw = nwr, ndec = -1;
        for (int it = 0; it < itmax; it++)
        {
            if (kbot < ilo) return 0;
            // The active block: from the last zero subdiagonal above kbot.
            int ktop = ilo;
            for (int k = kbot; k > ilo; k--)
                if (h[k, k - 1] == T.Zero) { ktop = k; break; }

            // The deflation window: wider after several iterations without a deflation.
            int nh = kbot - ktop + 1;
            int nwupbd = Math.Min(nh, nwmax);
            nw = ndfl < ExceptionalWindow ? Math.Min(nwupbd, nwr) : Math.Min(nwupbd, 2 * nw);
            if (nw < nwmax)
            {
                if (nw >= nh - 1) nw = nh;
                else
                {
                    int kwtop = kbot - nw + 1;
                    if (T.Abs(h[kwtop, kwtop - 1]) > T.Abs(h[kwtop - 1, kwtop - 2])) nw++;
                }
            }
            if (ndfl < ExceptionalWindow) ndec = -1;
            else if (ndec >= 0 || nw >= nwupbd)
            {
                ndec++;
                if (nw - ndec < 2) ndec = 0;
                nw -= ndec;
            }

            int ld = Laqr3.Run(wantT, wantZ, ktop, kbot, nw, h, iloz, ihiz, z, wr, wi, p, depth, out int ls, parallelism, worker, scratch);
            kbot -= ld;
            int ks = kbot - ls + 1;

            // A sweep unless the window deflated enough (more than 14 % of it, and the block is not small).
            if (ld == 0 || (100 * ld <= nw * Nibble && kbot - ktop + 1 > Math.Min(nmin, nwmax)))
            {
                int ns = Math.Min(Math.Min(nsmax, nsr), Math.Max(2, kbot - ktop));
                ns -= ns % 2;
                if (ndfl % ExceptionalShift == 0)
                {
                    // Exceptional shifts, from the trailing subdiagonal entries.
                    ks = kbot - ns + 1;
                    for (int i = kbot; i >= Math.Max(ks + 1, ktop + 2); i -= 2)
                    {
                        T ss = T.Abs(h[i, i - 1]) + T.Abs(h[i - 1, i - 2]);
                        T aa = wilk1 * ss + h[i, i], bb = ss, cc = wilk2 * ss, dd = aa;
                        Lanv2.Standardize(ref aa, ref bb, ref cc, ref dd, out wr[i - 1], out wi[i - 1], out wr[i], out wi[i], out _, out _);
                    }
                    if (ks == ktop)
                    {
                        wr[ks + 1] = h[ks + 1, ks + 1];
                        wi[ks + 1] = T.Zero;
                        wr[ks] = wr[ks + 1];
                        wi[ks] = wi[ks + 1];
                    }
                }
                else
                {
                    if (kbot - ks + 1 <= ns / 2)
                    {
                        // Too few shifts from the window: take the eigenvalues of the trailing ns x ns block.
                        ks = kbot - ns + 1;
                        var block = new T[ns * ns];
                        var bm = MatrixView<T>.ColumnMajor(block, 0, ns, ns, ns);
                        for (int j = 0; j < ns; j++)
                        {
                            int rows = Math.Min(j + 2, ns);
                            h.Column(ks + j, ks, rows).CopyTo(bm.Column(j, 0, rows));
                        }
                        var bwr = new T[ns];
                        var bwi = new T[ns];
                        int inf = ns > nmin && depth == 0
                            ? Run(false, false, 0, ns - 1, bm, bwr, bwi, 0, 0, default, p, parallelism, depth + 1)
                            : Lahqr.Run(false, false, 0, ns - 1, bm, bwr, bwi, 0, 0, default);
                        for (int i = inf; i < ns; i++) { wr[ks + i] = bwr[i]; wi[ks + i] = bwi[i]; }
                        ks += inf;
                        if (ks >= kbot)
                        {
                            T aa = h[kbot - 1, kbot - 1], cc = h[kbot, kbot - 1];
                            T bb = h[kbot - 1, kbot], dd = h[kbot, kbot];
                            Lanv2.Standardize(ref aa, ref bb, ref cc, ref dd, out wr[kbot - 1], out wi[kbot - 1], out wr[kbot], out wi[kbot], out _, out _);
                            ks = kbot - 1;
                        }
                    }
                    if (kbot - ks + 1 > ns)
                    {
                        // Sort by decreasing magnitude so that the smallest ns come last (bubble sort, as LAPACK).
                        bool sorted = false;
                        for (int k = kbot; k > ks && !sorted; k--)
                        {
                            sorted = true;
                            for (int i = ks; i < k; i++)
                            {
                                if (T.Abs(wr[i]) + T.Abs(wi[i]) < T.Abs(wr[i + 1]) + T.Abs(wi[i + 1]))
                                {
                                    sorted = false;
                                    (wr[i], wr[i + 1]) = (wr[i + 1], wr[i]);
                                    (wi[i], wi[i + 1]) = (wi[i + 1], wi[i]);
                                }
                            }
                        }
                    }
                    // Pair real shifts and keep conjugate pairs together (they are adjacent already).
                    for (int i = kbot; i >= ks + 2; i -= 2)
                    {
                        if (wi[i] != -wi[i - 1])
                        {
                            (wr[i], wr[i - 1]) = (wr[i - 1], wr[i]);
                            (wi[i], wi[i - 1]) = (wi[i - 1], wi[i]);
                            (wr[i - 1], wr[i - 2]) = (wr[i - 2], wr[i - 1]);
                            (wi[i - 1], wi[i - 2]) = (wi[i - 2], wi[i - 1]);
                        }
                    }
                }
                // Two real shifts: use the one nearer H(kbot, kbot) twice.
                if (kbot - ks + 1 == 2 && wi[kbot] == T.Zero)
                {
                    T hkk = h[kbot, kbot];
                    if (T.Abs(wr[kbot] - hkk) < T.Abs(wr[kbot - 1] - hkk)) wr[kbot - 1] = wr[kbot];
                    else wr[kbot] = wr[kbot - 1];
                }
                ns = Math.Min(ns, kbot - ks + 1);
                ns -= ns % 2;
                ks = kbot - ns + 1;
                Laqr5.Sweep(wantT, wantZ, ktop, kbot, ns, wr, wi, ks, h, iloz, ihiz, z, parallelism, worker, scratch);
            }
            ndfl = ld > 0 ? 1 : ndfl + 1;
        }
        return kbot < ilo ? 0 : kbot + 1;
    }

    /// <summary>LAPACK's iparmq shift count for an active block of order nh (even, at least 2).</summary>
    internal static int ShiftCount(int nh)
    {
        int ns = 2;
        if (nh >= 30) ns = 4;
        if (nh >= 60) ns = 10;
        if (nh >= 150) ns = Math.Max(10, nh / (int)Math.Round(Math.Log(nh) / Math.Log(2)));
        if (nh >= 590) ns = 64;
        if (nh >= 3000) ns = 128;
        if (nh >= 6000) ns = 256;
        return Math.Max(2, ns - ns % 2);
    }

    /// <summary>LAPACK's iparmq deflation window: ns up to order 500, 3 ns / 2 above.</summary>
    internal static int WindowSize(int nh) => nh <= WindowSwitch ? ShiftCount(nh) : 3 * ShiftCount(nh) / 2;
}
