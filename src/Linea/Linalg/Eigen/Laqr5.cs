using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Linea.Kernels;
using Linea.Kernels.Blas2;

namespace Linea;

/// <summary>
/// One small-bulge multishift QR sweep (LAPACK's laqr5; Braman, Byers and Mathias, SIAM J. Matrix Anal. Appl. 23,
/// 2002) on the active block H(ktop:kbot, ktop:kbot) of an upper Hessenberg matrix: ns shifts make ns/2 bulges of
/// order 3 (each one Francis double-shift step), introduced at the top one after another and chased down to the
/// bottom as a tightly packed chain, three rows apart. The chain moves in slabs: within a slab every reflector is
/// applied at once only to a window of about 6 ns/2 rows and columns around the chain and accumulated into an
/// orthogonal matrix U; the rest of H (the rows above and the columns to the right of the window) and Z are then
/// updated by GEMM with U. So most of the 10 n^2 ns flops of a sweep run at matrix-multiply speed. As the chain
/// passes, subdiagonal entries it leaves negligible are set to zero (vigilant deflation, Ahues and Tisseur's test),
/// and a bulge that collapsed is re-introduced when that is safe.
/// </summary>
internal static class Laqr5
{
    /// <summary>Below this many shifts the reflectors go straight to H and Z (no accumulation), as LAPACK's KACMIN.</summary>
    public const int AccumulateMinShifts = 14;

    /// <summary>
    /// Runs the sweep with the shifts (sr[sOff + i], si[sOff + i]), i &lt; nshifts (conjugate pairs adjacent; they are
    /// shuffled into pairs of real shifts and conjugate pairs; an odd count drops one). With <paramref name="wantT"/>
    /// the whole of H is transformed, otherwise only the active block; with <paramref name="wantZ"/> rows iloz..ihiz
    /// of Z. Column-contiguous views (unit row stride). With a <paramref name="worker"/> (<see cref="Hseqr"/> on two
    /// threads) the products with H are shared with it and Z's are queued on it. <paramref name="scratch"/>, when it
    /// holds n kdu + kdu^2 elements (kdu = 3 nshifts - 3), takes the GEMM products and U instead of new arrays.
    /// </summary>
    public static void Sweep<T>(bool wantT, bool wantZ, int ktop, int kbot, int nshifts, Span<T> sr, Span<T> si, int sOff,
        in MatrixView<T> h, int iloz, int ihiz, in MatrixView<T> z, Parallelism parallelism, QrIterationWorker<T>? worker = null, T[]? scratch = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)h.Rows);
        if (nshifts < 2 || ktop >= kbot) return;
        // Pairs: two real shifts, or a conjugate pair, next to each other.
        for (int i = sOff; i < sOff + nshifts - 2; i += 2)
        {
            if (si[i] != -si[i + 1])
            {
                (sr[i], sr[i + 1]) = (sr[i + 1], sr[i]);
                (si[i], si[i + 1]) = (si[i + 1], si[i]);
                (sr[i + 1], sr[i + 2]) = (sr[i + 2], sr[i + 1]);
                (si[i + 1], si[i + 2]) = (si[i + 2], si[i + 1]);
            }
        }
        int ns = nshifts - nshifts % 2, nbmps = ns / 2;
        T safmin = MachineConstants<T>.SafeMin, ulp = MachineConstants<T>.Ulp;
        T smlnum = safmin * (T.CreateTruncating(kbot - ktop + 1) / ulp);
        if (ktop + 2 <= kbot) h[ktop + 2, ktop] = T.Zero;

        int jstart = wantT ? 0 : ktop, jend = wantT ? n - 1 : kbot;
        // With a worker, Z is only ever updated through its queue, in order, so the reflectors are always accumulated.
        bool accumulate = ns >= AccumulateMinShifts || (wantZ && worker is not null);
        int nstep = Math.Max(3 * nbmps - 2, 1), kdu = 6 * nbmps - 3;
        var vtau = new T[nbmps];
        var v = new T[3 * nbmps]; // bulge m: (1, v[3m + 1], v[3m + 2]); v[3m] unused
        long tempSize = (long)Math.Max(n, 1) * kdu;
        bool carve = accumulate && scratch is not null && scratch.Length >= tempSize + kdu * kdu;
        T[] temp = !accumulate ? [] : carve ? scratch! : new T[tempSize];
        T[] u = !accumulate ? [] : carve ? scratch! : new T[kdu * kdu];
        int uo = carve ? (int)tempSize : 0; // U at the end of the scratch, after the products' n x kdu
        var uv = MatrixView<T>.ColumnMajor(u, uo, kdu, kdu, kdu);

        for (int incol = ktop - 1 - 3 * (nbmps - 1); incol <= kbot - 2; incol += nstep)
        {
            int uoff = incol + 1;
            int wlo = Math.Max(ktop, incol + 1), whi = Math.Min(kbot, incol + kdu);
            if (accumulate)
            {
                Array.Clear(u, uo, kdu * kdu);
                for (int i = 0; i < kdu; i++) u[uo + i + i * kdu] = T.One;
            }
            int colEnd = accumulate ? whi : jend, rowStart = accumulate ? wlo : jstart;
            int touched = uoff - 1; // the lowest row any reflector of this slab has reached (rows of U below are still I)
            int krEnd = Math.Min(incol + nstep - 1, kbot - 2);
            for (int krcol = incol; krcol <= krEnd; krcol++)
            {
                int mtop = Math.Max(0, CeilDiv(ktop - 1 - krcol, 3));
                int mbot = Math.Min(nbmps - 1, (kbot - 2 - krcol) / 3);
                for (int m = mbot; m >= mtop; m--)
                {
                    int k = krcol + 3 * m;
                    bool two = k == kbot - 2;
                    T tau = Reflector(two, k, ktop, h, sr, si, sOff + 2 * m, ulp, out T v1, out T v2);
                    vtau[m] = tau; v[3 * m + 1] = v1; v[3 * m + 2] = v2;
                    if (tau == T.Zero) continue;
                    int last = two ? k + 2 : k + 3;
                    // From the left: rows k+1..last, columns k+1..colEnd.
                    ApplyLeft(two, h, k, k + 1, colEnd, tau, v1, v2);
                    // From the right: columns k+1..last, rows rowStart..min(last + 1, kbot).
                    int rowEnd = Math.Min(last + 1, kbot);
                    ApplyRight(two, h, rowStart, rowEnd, k + 1, tau, v1, v2);
                    if (accumulate)
                    {
                        // Rows of U above 3m were touched only by the bulges above this one, which never reached its
                        // columns; rows below the lowest row touched so far are still those of the identity.
                        touched = Math.Max(touched, last);
                        int r0 = Math.Max(wlo - uoff, 3 * m), r1 = Math.Min(kdu - 1, touched - uoff);
                        ApplyRight(two, uv, r0, r1, k + 1 - uoff, tau, v1, v2);
                    }
                    else if (wantZ)
                    {
                        ApplyRight(two, z, iloz, ihiz, k + 1, tau, v1, v2);
                    }
                }
                // Vigilant deflation: subdiagonal entries the chain left behind that are now negligible.
                for (int m = mbot; m >= mtop; m--)
                {
                    int k = krcol + 3 * m;
                    if (k < ktop || h[k + 1, k] == T.Zero) continue;
                    if (Negligible(h, k, ktop, kbot, smlnum, ulp)) h[k + 1, k] = T.Zero;
                }
            }

            if (!accumulate) continue;
            // The deferred updates of everything outside the window, by GEMM with U's block for rows/columns wlo..whi.
            int kw = whi - wlo + 1;
            if (kw <= 0) continue;
            var uw = uv.Block(wlo - uoff, wlo - uoff, kw, kw);
            int ncols = jend - whi;
            if (ncols > 0)
            {
                var hb = h.Block(wlo, whi + 1, kw, ncols);
                EigenGemm.Overwrite(uw.Transposed, hb, hb, temp, byColumns: true, parallelism, worker);
            }
            int nrows = wlo - jstart;
            if (nrows > 0)
            {
                var hb = h.Block(jstart, wlo, nrows, kw);
                EigenGemm.Overwrite(hb, uw, hb, temp, byColumns: false, parallelism, worker);
            }
            if (wantZ && worker is not null) worker.Post(uw, wlo);
            else if (wantZ)
            {
                var zb = z.Block(iloz, wlo, ihiz - iloz + 1, kw);
                EigenGemm.Overwrite(zb, uw, zb, temp, parallelism);
            }
        }
    }

    /// <summary>
    /// The reflector of the bulge at position k (acting on rows k+1..k+3, or k+1..k+2 when <paramref name="two"/>):
    /// introduced from the shifts at the top, otherwise chosen to push the bulge down by zeroing H(k+2:k+3, k), with
    /// LAPACK's safeguard for a collapsed bulge. Returns tau; v1, v2 complete the vector (1, v1, v2).
    /// </summary>
    private static T Reflector<T>(bool two, int k, int ktop, in MatrixView<T> h, Span<T> sr, Span<T> si, int s, T ulp, out T v1, out T v2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T tau;
        if (k == ktop - 1)
        {
            ShiftColumn(two ? 2 : 3, h, ktop, sr[s], si[s], sr[s + 1], si[s + 1], out T a0, out v1, out v2);
            tau = two ? Reflector2(ref a0, ref v1) : Laexc.Reflector(ref a0, ref v1, ref v2);
            if (two) v2 = T.Zero;
            return tau;
        }
        T beta = h[k + 1, k];
        v1 = h[k + 2, k];
        if (two)
        {
            v2 = T.Zero;
            tau = Reflector2(ref beta, ref v1);
            h[k + 1, k] = beta;
            h[k + 2, k] = T.Zero;
            return tau;
        }
        v2 = h[k + 3, k];
        tau = Laexc.Reflector(ref beta, ref v1, ref v2);
        bool collapsed = h[k + 3, k] == T.Zero && h[k + 3, k + 1] == T.Zero && h[k + 3, k + 2] != T.Zero;
        if (collapsed)
        {
            // The bulge collapsed (vigilant deflation or underflow): try to start a fresh one here, ignoring
            // H(k+1, k) and H(k+2, k), and keep it only if the fill it creates is negligible.
            ShiftColumn(3, h, k + 1, sr[s], si[s], sr[s + 1], si[s + 1], out T a0, out T w1, out T w2);
            T taut = Laexc.Reflector(ref a0, ref w1, ref w2);
            T refsum = taut * (h[k + 1, k] + w1 * h[k + 2, k]);
            T fill = T.Abs(h[k + 2, k] - refsum * w1) + T.Abs(refsum * w2);
            T scaleRef = T.Abs(h[k, k]) + T.Abs(h[k + 1, k + 1]) + T.Abs(h[k + 2, k + 2]);
            if (fill <= ulp * scaleRef)
            {
                h[k + 1, k] -= refsum;
                h[k + 2, k] = T.Zero;
                h[k + 3, k] = T.Zero;
                v1 = w1;
                v2 = w2;
                return taut;
            }
        }
        h[k + 1, k] = beta;
        h[k + 2, k] = T.Zero;
        h[k + 3, k] = T.Zero;
        return tau;
    }

    /// <summary>Reflector of order 2: H (alpha, x) = (beta, 0); returns tau, x becomes v1.</summary>
    private static T Reflector2<T>(ref T alpha, ref T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T zero = T.Zero;
        return Laexc.Reflector(ref alpha, ref x, ref zero);
    }

    /// <summary>
    /// A multiple of the first column of (H - s1 I)(H - s2 I) for the 2 x 2 or 3 x 3 block of H at (d, d)
    /// (LAPACK's laqr1), scaled to avoid overflow; s1, s2 both real or a conjugate pair.
    /// </summary>
    internal static void ShiftColumn<T>(int order, in MatrixView<T> h, int d, T sr1, T si1, T sr2, T si2, out T v0, out T v1, out T v2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T h11 = h[d, d], h21 = h[d + 1, d], h12 = h[d, d + 1], h22 = h[d + 1, d + 1];
        v2 = T.Zero;
        if (order == 2)
        {
            T s = T.Abs(h11 - sr2) + T.Abs(si2) + T.Abs(h21);
            if (s == T.Zero) { v0 = v1 = T.Zero; return; }
            T h21s = h21 / s;
            v0 = h21s * h12 + (h11 - sr1) * ((h11 - sr2) / s) - si1 * (si2 / s);
            v1 = h21s * (h11 + h22 - sr1 - sr2);
            return;
        }
        T h31 = h[d + 2, d], h13 = h[d, d + 2], h23 = h[d + 1, d + 2], h32 = h[d + 2, d + 1], h33 = h[d + 2, d + 2];
        T s3 = T.Abs(h11 - sr2) + T.Abs(si2) + T.Abs(h21) + T.Abs(h31);
        if (s3 == T.Zero) { v0 = v1 = T.Zero; return; }
        T a = h21 / s3, b = h31 / s3;
        v0 = (h11 - sr1) * ((h11 - sr2) / s3) - si1 * (si2 / s3) + h12 * a + h13 * b;
        v1 = a * (h11 + h22 - sr1 - sr2) + h23 * b;
        v2 = b * (h11 + h33 - sr1 - sr2) + a * h32;
    }

    /// <summary>
    /// Columns c..c+2 (or c..c+1) of rows r0..r1 of the column-contiguous view a times I - tau (1, v1, v2)(1, v1, v2)^T. The rows are
    /// contiguous, so this runs on SIMD registers (Vector512, else Vector256), with separate multiplies and adds in the
    /// scalar order, so every entry is rounded exactly as by the scalar loop. O(rows).
    /// </summary>
    private static void ApplyRight<T>(bool two, in MatrixView<T> a, int r0, int r1, int c, T tau, T v1, T v2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = r1 - r0 + 1;
        if (rows <= 0) return;
        if (r0 < 0 || c < 0 || r1 >= a.Rows || c + (two ? 1 : 2) >= a.Cols) throw new InvalidOperationException($"internal: laqr5 reflector outside H ({r0}..{r1}, {c})");
        nint lda = (nint)a.ColStride;
        ref T p0 = ref a[r0, c];
        int i = 0;
        if (Vector512.IsHardwareAccelerated && rows >= Vector512<T>.Count) i = ApplyRightSimd<Ops512<T>, Vector512<T>, T>(two, ref p0, lda, rows, tau, v1, v2);
        else if (Vector256.IsHardwareAccelerated && rows >= Vector256<T>.Count) i = ApplyRightSimd<Ops256<T>, Vector256<T>, T>(two, ref p0, lda, rows, tau, v1, v2);
        ref T p1 = ref Unsafe.Add(ref p0, lda);
        if (two)
        {
            for (; i < rows; i++)
            {
                ref T x0 = ref Unsafe.Add(ref p0, i);
                ref T x1 = ref Unsafe.Add(ref p1, i);
                T sum = tau * (x0 + v1 * x1);
                x0 -= sum; x1 -= sum * v1;
            }
            return;
        }
        ref T p2 = ref Unsafe.Add(ref p1, lda);
        for (; i < rows; i++)
        {
            ref T x0 = ref Unsafe.Add(ref p0, i);
            ref T x1 = ref Unsafe.Add(ref p1, i);
            ref T x2 = ref Unsafe.Add(ref p2, i);
            T sum = tau * (x0 + v1 * x1 + v2 * x2);
            x0 -= sum; x1 -= sum * v1; x2 -= sum * v2;
        }
    }

    /// <summary>The whole SIMD registers of <see cref="ApplyRight{T}"/>; returns the rows done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ApplyRightSimd<TOps, TVec, T>(bool two, ref T p0, nint lda, int rows, T tau, T v1, T v2)
        where TOps : struct, ISimdOps<TVec, T> where TVec : struct where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = TOps.Count, i = 0;
        TVec vt = TOps.Splat(tau), vv1 = TOps.Splat(v1), vv2 = TOps.Splat(v2);
        ref T p1 = ref Unsafe.Add(ref p0, lda);
        if (two)
        {
            for (; i + w <= rows; i += w)
            {
                ref T x0 = ref Unsafe.Add(ref p0, i);
                ref T x1 = ref Unsafe.Add(ref p1, i);
                TVec a0 = TOps.Load(ref x0), a1 = TOps.Load(ref x1);
                TVec sum = TOps.Multiply(vt, TOps.Add(a0, TOps.Multiply(vv1, a1)));
                TOps.Store(TOps.Subtract(a0, sum), ref x0);
                TOps.Store(TOps.Subtract(a1, TOps.Multiply(sum, vv1)), ref x1);
            }
            return i;
        }
        ref T p2 = ref Unsafe.Add(ref p1, lda);
        for (; i + w <= rows; i += w)
        {
            ref T x0 = ref Unsafe.Add(ref p0, i);
            ref T x1 = ref Unsafe.Add(ref p1, i);
            ref T x2 = ref Unsafe.Add(ref p2, i);
            TVec a0 = TOps.Load(ref x0), a1 = TOps.Load(ref x1), a2 = TOps.Load(ref x2);
            TVec sum = TOps.Multiply(vt, TOps.Add(TOps.Add(a0, TOps.Multiply(vv1, a1)), TOps.Multiply(vv2, a2)));
            TOps.Store(TOps.Subtract(a0, sum), ref x0);
            TOps.Store(TOps.Subtract(a1, TOps.Multiply(sum, vv1)), ref x1);
            TOps.Store(TOps.Subtract(a2, TOps.Multiply(sum, vv2)), ref x2);
        }
        return i;
    }

    /// <summary>
    /// Rows k+1..k+3 (k+1..k+2 when <paramref name="two"/>) of columns j0..j1 of H times I - tau v v^T from the left,
    /// v = (1, v1, v2): three entries per column, columns a column stride apart. One bounds check for the whole range, none per
    /// entry. O(j1 - j0).
    /// </summary>
    private static void ApplyLeft<T>(bool two, in MatrixView<T> h, int k, int j0, int j1, T tau, T v1, T v2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (j1 < j0) return;
        if (k < -1 || j0 < 0 || k + (two ? 2 : 3) >= h.Rows || j1 >= h.Cols) throw new InvalidOperationException($"internal: laqr5 reflector outside H ({k}, {j0}..{j1})");
        nint ldh = (nint)h.ColStride;
        ref T col = ref h[k + 1, j0];
        int count = j1 - j0 + 1;
        if (two)
        {
            for (int j = 0; j < count; j++, col = ref Unsafe.Add(ref col, ldh))
            {
                ref T x1 = ref Unsafe.Add(ref col, 1);
                T sum = tau * (col + v1 * x1);
                col -= sum; x1 -= sum * v1;
            }
            return;
        }
        for (int j = 0; j < count; j++, col = ref Unsafe.Add(ref col, ldh))
        {
            ref T x1 = ref Unsafe.Add(ref col, 1);
            ref T x2 = ref Unsafe.Add(ref col, 2);
            T sum = tau * (col + v1 * x1 + v2 * x2);
            col -= sum; x1 -= sum * v1; x2 -= sum * v2;
        }
    }

    /// <summary>Whether H(k+1, k) is negligible by the classic test and Ahues and Tisseur's (LAWN 122).</summary>
    private static bool Negligible<T>(in MatrixView<T> h, int k, int ktop, int kbot, T smlnum, T ulp) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T hkk = h[k, k], hk1k1 = h[k + 1, k + 1], sub = T.Abs(h[k + 1, k]);
        T tst1 = T.Abs(hkk) + T.Abs(hk1k1);
        if (tst1 == T.Zero)
        {
            if (k >= ktop + 1) tst1 += T.Abs(h[k, k - 1]);
            if (k >= ktop + 2) tst1 += T.Abs(h[k, k - 2]);
            if (k >= ktop + 3) tst1 += T.Abs(h[k, k - 3]);
            if (k <= kbot - 2) tst1 += T.Abs(h[k + 2, k + 1]);
            if (k <= kbot - 3) tst1 += T.Abs(h[k + 3, k + 1]);
            if (k <= kbot - 4) tst1 += T.Abs(h[k + 4, k + 1]);
        }
        if (sub > T.Max(smlnum, ulp * tst1)) return false;
        T sup = T.Abs(h[k, k + 1]);
        T h12 = T.Max(sub, sup), h21 = T.Min(sub, sup);
        T diff = T.Abs(hkk - hk1k1);
        T h11 = T.Max(T.Abs(hk1k1), diff), h22 = T.Min(T.Abs(hk1k1), diff);
        T scl = h11 + h12;
        T tst2 = h22 * (h11 / scl);
        return tst2 == T.Zero || h21 * (h12 / scl) <= T.Max(smlnum, ulp * tst2);
    }

    private static int CeilDiv(int a, int b) => a <= 0 ? -((-a) / b) : (a + b - 1) / b;
}
