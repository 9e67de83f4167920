using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Linea.Kernels;
using Linea.Kernels.Blas2;

namespace Linea;

/// <summary>
/// The Francis implicit double-shift QR iteration on an upper Hessenberg matrix (LAPACK's lahqr, after Ahues and
/// Tisseur's revision): computes the eigenvalues of the active block H(ilo:ihi, ilo:ihi) and, when asked, the real Schur
/// form T (quasi-triangular with standardised 2 x 2 blocks, see <see cref="Lanv2"/>) and the Schur vectors.
/// <list type="bullet">
/// <item>Deflation: a subdiagonal entry is set to zero when it is below the safe minimum or when it is small relative to
/// its neighbours by the conservative criterion of Ahues and Tisseur (LAWN 122), which keeps small eigenvalues
/// accurate in graded matrices.</item>
/// <item>Shifts: the eigenvalues of the trailing 2 x 2 block (both equal to the one nearer H(i,i) when real), with
/// exceptional ad-hoc shifts after every 10 iterations without deflation, which break the cycles of the plain
/// strategy; a bulge starts at the lowest place where two consecutive subdiagonals are small enough.</item>
/// <item>At most 30 max(10, nh) iterations per deflation; the caller turns a failure into <see cref="NoConvergenceException"/>.</item>
/// </list>
/// About 10 n^2 flops per iteration with the full Schur form, typically 2 to 4 iterations per eigenvalue. Column-major
/// storage (column-contiguous views: unit row stride, any column stride); Z (n x n) is updated in rows iloz..ihiz.
/// </summary>
internal static class Lahqr
{
    /// <summary>Iterations without deflation between exceptional shifts (LAPACK's KEXSH).</summary>
    public const int ExceptionalShiftPeriod = 10;

    /// <summary>
    /// Runs the iteration. With <paramref name="wantT"/> the whole of H becomes T (rows and columns outside ilo..ihi
    /// are updated too), otherwise only what the eigenvalues need; with <paramref name="wantZ"/> the rotations are
    /// accumulated into rows iloz..ihiz of Z. Eigenvalues go to wr/wi[ilo..ihi], conjugate pairs adjacent with the
    /// positive imaginary part first. Returns 0 on success, or i + 1 when the eigenvalues at ilo..i did not converge
    /// (those at i+1..ihi did). At most iterationFactor max(10, ihi - ilo + 1) iterations per deflation.
    /// </summary>
    public static int Run<T>(bool wantT, bool wantZ, int ilo, int ihi, in MatrixView<T> h, Span<T> wr, Span<T> wi,
        int iloz, int ihiz, in MatrixView<T> z, int iterationFactor = 30) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)h.Rows);
        System.Diagnostics.Debug.Assert(h.ColumnContiguous && (!wantZ || z.ColumnContiguous));
        if (n == 0 || ilo > ihi) return 0;
        if (ilo == ihi)
        {
            wr[ilo] = h[ilo, ilo];
            wi[ilo] = T.Zero;
            return 0;
        }
        // Entries below the first subdiagonal are never referenced except these, which must be zero.
        for (int j = ilo; j <= ihi - 3; j++)
        {
            h[j + 2, j] = T.Zero;
            h[j + 3, j] = T.Zero;
        }
        if (ilo <= ihi - 2) h[ihi, ihi - 2] = T.Zero;

        int nh = ihi - ilo + 1;
        T safmin = MachineConstants<T>.SafeMin, ulp = MachineConstants<T>.Ulp;
        T smlnum = safmin * (T.CreateTruncating(nh) / ulp);
        T dat1 = T.CreateTruncating(0.75), dat2 = T.CreateTruncating(-0.4375), half = T.CreateTruncating(0.5);
        int i1 = 0, i2 = n - 1;
        int itmax = iterationFactor * Math.Max(10, nh);
        int kdefl = 0;
        var v = new T[3];

        int i = ihi;
        while (i >= ilo)
        {
            int l = ilo;
            bool converged = false;
            for (int its = 0; its <= itmax; its++)
            {
                int k = FindSmallSubdiagonal(h, l, i, ilo, ihi, smlnum, ulp);
                l = k;
                if (l > ilo) h[l, l - 1] = T.Zero;
                if (l >= i - 1) { converged = true; break; }
                kdefl++;
                if (!wantT) { i1 = l; i2 = i; }

                // Shifts: rt1 and rt2 from the trailing 2 x 2 block, or exceptional ones.
                T h11, h12, h21, h22;
                if (kdefl % (2 * ExceptionalShiftPeriod) == 0)
                {
                    T s = T.Abs(h[i, i - 1]) + T.Abs(h[i - 1, i - 2]);
                    h11 = dat1 * s + h[i, i];
                    h12 = dat2 * s; h21 = s; h22 = h11;
                }
                else if (kdefl % ExceptionalShiftPeriod == 0)
                {
                    T s = T.Abs(h[l + 1, l]) + T.Abs(h[l + 2, l + 1]);
                    h11 = dat1 * s + h[l, l];
                    h12 = dat2 * s; h21 = s; h22 = h11;
                }
                else
                {
                    h11 = h[i - 1, i - 1]; h21 = h[i, i - 1];
                    h12 = h[i - 1, i]; h22 = h[i, i];
                }
                T rt1r, rt1i, rt2r, rt2i;
                {
                    T s = T.Abs(h11) + T.Abs(h12) + T.Abs(h21) + T.Abs(h22);
                    if (s == T.Zero)
                    {
                        rt1r = rt1i = rt2r = rt2i = T.Zero;
                    }
                    else
                    {
                        h11 /= s; h21 /= s; h12 /= s; h22 /= s;
                        T tr = (h11 + h22) * half;
                        T det = (h11 - tr) * (h22 - tr) - h12 * h21;
                        T rtdisc = T.Sqrt(T.Abs(det));
                        if (det >= T.Zero)
                        {
                            // A complex conjugate pair.
                            rt1r = tr * s; rt2r = rt1r;
                            rt1i = rtdisc * s; rt2i = -rt1i;
                        }
                        else
                        {
                            // Real shifts: use the one nearer h22 twice.
                            rt1r = tr + rtdisc;
                            rt2r = tr - rtdisc;
                            if (T.Abs(rt1r - h22) <= T.Abs(rt2r - h22)) { rt1r *= s; rt2r = rt1r; }
                            else { rt2r *= s; rt1r = rt2r; }
                            rt1i = rt2i = T.Zero;
                        }
                    }
                }

                // The first column of (H - rt1)(H - rt2), started where two consecutive subdiagonals are small.
                int m;
                for (m = i - 2; ; m--)
                {
                    T h21s = h[m + 1, m];
                    T s = T.Abs(h[m, m] - rt2r) + T.Abs(rt2i) + T.Abs(h21s);
                    h21s = h[m + 1, m] / s;
                    v[0] = h21s * h[m, m + 1] + (h[m, m] - rt1r) * ((h[m, m] - rt2r) / s) - rt1i * (rt2i / s);
                    v[1] = h21s * (h[m, m] + h[m + 1, m + 1] - rt1r - rt2r);
                    v[2] = h21s * h[m + 2, m + 1];
                    s = T.Abs(v[0]) + T.Abs(v[1]) + T.Abs(v[2]);
                    v[0] /= s; v[1] /= s; v[2] /= s;
                    if (m == l) break;
                    T h00 = T.Abs(h[m, m - 1]) * (T.Abs(v[1]) + T.Abs(v[2]));
                    T h11b = T.Abs(v[0]) * (T.Abs(h[m - 1, m - 1]) + T.Abs(h[m, m]) + T.Abs(h[m + 1, m + 1]));
                    if (h00 <= ulp * h11b) break;
                }

                // The double-shift sweep: chase the bulge from m down to i.
                for (int k2 = m; k2 <= i - 1; k2++)
                {
                    int nr = Math.Min(3, i - k2 + 1);
                    if (k2 > m)
                        for (int r = 0; r < nr; r++) v[r] = h[k2 + r, k2 - 1];
                    T alpha = v[0];
                    T t1 = Householder.Generate(nr, ref alpha, v.AsSpan(1));
                    v[0] = alpha;
                    if (k2 > m)
                    {
                        h[k2, k2 - 1] = v[0];
                        h[k2 + 1, k2 - 1] = T.Zero;
                        if (k2 < i - 1) h[k2 + 2, k2 - 1] = T.Zero;
                    }
                    else if (m > l)
                    {
                        // Not H(k,k-1) = -H(k,k-1): that fails when v[1] and v[2] underflow.
                        h[k2, k2 - 1] *= T.One - t1;
                    }
                    T v2 = v[1], t2 = t1 * v2;
                    if (nr == 3)
                    {
                        T v3 = v[2], t3 = t1 * v3;
                        ApplyLeft(3, h, k2, k2, i2, v2, v3, t1, t2, t3);
                        int top = Math.Min(k2 + 3, i);
                        ApplyRight3(h, i1, top, k2, v2, v3, t1, t2, t3);
                        if (wantZ) ApplyRight3(z, iloz, ihiz, k2, v2, v3, t1, t2, t3);
                    }
                    else if (nr == 2)
                    {
                        ApplyLeft(2, h, k2, k2, i2, v2, T.Zero, t1, t2, T.Zero);
                        ApplyRight2(h, i1, i, k2, v2, t1, t2);
                        if (wantZ) ApplyRight2(z, iloz, ihiz, k2, v2, t1, t2);
                    }
                }
            }
            if (!converged) return i + 1;

            if (l == i)
            {
                wr[i] = h[i, i];
                wi[i] = T.Zero;
            }
            else if (l == i - 1)
            {
                ref T a = ref h[i - 1, i - 1];
                ref T b = ref h[i - 1, i];
                ref T c = ref h[i, i - 1];
                ref T d = ref h[i, i];
                Lanv2.Standardize(ref a, ref b, ref c, ref d, out wr[i - 1], out wi[i - 1], out wr[i], out wi[i], out T cs, out T sn);
                if (wantT)
                {
                    for (int j = i + 1; j <= i2; j++)
                    {
                        ref T hx = ref h[i - 1, j];
                        ref T hy = ref Unsafe.Add(ref hx, 1);
                        T x = hx, y = hy;
                        hx = cs * x + sn * y;
                        hy = cs * y - sn * x;
                    }
                    if (i - 1 > i1) Givens.Rotate(h.Column(i - 1, i1, i - 1 - i1), h.Column(i, i1, i - 1 - i1), cs, sn);
                }
                if (wantZ) Givens.Rotate(z.Column(i - 1, iloz, ihiz - iloz + 1), z.Column(i, iloz, ihiz - iloz + 1), cs, sn);
            }
            kdefl = 0;
            i = l - 1;
        }
        return 0;
    }

    /// <summary>
    /// The largest k in l+1..i whose subdiagonal H(k, k-1) is negligible (below smlnum, or small by Ahues and Tisseur's
    /// test), or l when there is none.
    /// </summary>
    internal static int FindSmallSubdiagonal<T>(in MatrixView<T> h, int l, int i, int ilo, int ihi, T smlnum, T ulp) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k;
        for (k = i; k > l; k--)
        {
            T sub = T.Abs(h[k, k - 1]);
            if (sub <= smlnum) break;
            T tst = T.Abs(h[k - 1, k - 1]) + T.Abs(h[k, k]);
            if (tst == T.Zero)
            {
                if (k - 2 >= ilo) tst += T.Abs(h[k - 1, k - 2]);
                if (k + 1 <= ihi) tst += T.Abs(h[k + 1, k]);
            }
            if (sub <= ulp * tst)
            {
                T sup = T.Abs(h[k - 1, k]);
                T ab = T.Max(sub, sup), ba = T.Min(sub, sup);
                T diff = T.Abs(h[k - 1, k - 1] - h[k, k]), hkk = T.Abs(h[k, k]);
                T aa = T.Max(hkk, diff), bb = T.Min(hkk, diff);
                T s = aa + ab;
                if (ba * (ab / s) <= T.Max(smlnum, ulp * (bb * (aa / s)))) break;
            }
        }
        return k;
    }

    /// <summary>
    /// Columns k..k+2 of rows r0..r1 of the column-contiguous view a times I - t v v^T, v = (1, v2, v3). The rows are
    /// contiguous: SIMD registers (Vector512, else Vector256) with separate multiplies and adds in the scalar order,
    /// so every entry is rounded exactly as by the scalar loop.
    /// </summary>
    private static void ApplyRight3<T>(in MatrixView<T> a, int r0, int r1, int k, T v2, T v3, T t1, T t2, T t3) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = r1 - r0 + 1;
        if (n <= 0) return;
        var c0 = a.Column(k, r0, n);
        var c1 = a.Column(k + 1, r0, n);
        var c2 = a.Column(k + 2, r0, n);
        int j = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count) j = Right3Simd<Ops512<T>, Vector512<T>, T>(c0, c1, c2, v2, v3, t1, t2, t3);
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count) j = Right3Simd<Ops256<T>, Vector256<T>, T>(c0, c1, c2, v2, v3, t1, t2, t3);
        for (; j < n; j++)
        {
            T sum = c0[j] + v2 * c1[j] + v3 * c2[j];
            c0[j] -= sum * t1;
            c1[j] -= sum * t2;
            c2[j] -= sum * t3;
        }
    }

    /// <summary>
    /// Rows k..k+2 (k..k+1 when <paramref name="nr"/> is 2) of columns j0..j1 of H times I - t v v^T from the left,
    /// v = (1, v2, v3): a few entries per column, columns a column stride apart; one bounds check for the range, none per entry.
    /// </summary>
    private static void ApplyLeft<T>(int nr, in MatrixView<T> h, int k, int j0, int j1, T v2, T v3, T t1, T t2, T t3) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (j1 < j0) return;
        if (k < 0 || j0 < 0 || k + nr > h.Rows || j1 >= h.Cols) throw new InvalidOperationException($"internal: lahqr reflector outside H ({k}, {j0}..{j1})");
        nint ldh = (nint)h.ColStride;
        ref T col = ref h[k, j0];
        int count = j1 - j0 + 1;
        if (nr == 3)
        {
            for (int j = 0; j < count; j++, col = ref Unsafe.Add(ref col, ldh))
            {
                ref T x1 = ref Unsafe.Add(ref col, 1);
                ref T x2 = ref Unsafe.Add(ref col, 2);
                T sum = col + v2 * x1 + v3 * x2;
                col -= sum * t1;
                x1 -= sum * t2;
                x2 -= sum * t3;
            }
            return;
        }
        for (int j = 0; j < count; j++, col = ref Unsafe.Add(ref col, ldh))
        {
            ref T x1 = ref Unsafe.Add(ref col, 1);
            T sum = col + v2 * x1;
            col -= sum * t1;
            x1 -= sum * t2;
        }
    }

    private static int Right3Simd<TOps, TVec, T>(Span<T> c0, Span<T> c1, Span<T> c2, T v2, T v3, T t1, T t2, T t3)
        where TOps : struct, ISimdOps<TVec, T> where TVec : struct where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = TOps.Count, n = c0.Length, j = 0;
        TVec vv2 = TOps.Splat(v2), vv3 = TOps.Splat(v3), vt1 = TOps.Splat(t1), vt2 = TOps.Splat(t2), vt3 = TOps.Splat(t3);
        ref T p0 = ref MemoryMarshal.GetReference(c0);
        ref T p1 = ref MemoryMarshal.GetReference(c1);
        ref T p2 = ref MemoryMarshal.GetReference(c2);
        for (; j + w <= n; j += w)
        {
            ref T x0 = ref Unsafe.Add(ref p0, j);
            ref T x1 = ref Unsafe.Add(ref p1, j);
            ref T x2 = ref Unsafe.Add(ref p2, j);
            TVec a0 = TOps.Load(ref x0), a1 = TOps.Load(ref x1), a2 = TOps.Load(ref x2);
            TVec sum = TOps.Add(TOps.Add(a0, TOps.Multiply(vv2, a1)), TOps.Multiply(vv3, a2));
            TOps.Store(TOps.Subtract(a0, TOps.Multiply(sum, vt1)), ref x0);
            TOps.Store(TOps.Subtract(a1, TOps.Multiply(sum, vt2)), ref x1);
            TOps.Store(TOps.Subtract(a2, TOps.Multiply(sum, vt3)), ref x2);
        }
        return j;
    }

    /// <summary>Columns k..k+1 of rows r0..r1 of the column-contiguous view a times I - t v v^T, v = (1, v2); SIMD as <see cref="ApplyRight3{T}"/>.</summary>
    private static void ApplyRight2<T>(in MatrixView<T> a, int r0, int r1, int k, T v2, T t1, T t2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = r1 - r0 + 1;
        if (n <= 0) return;
        var c0 = a.Column(k, r0, n);
        var c1 = a.Column(k + 1, r0, n);
        int j = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count) j = Right2Simd<Ops512<T>, Vector512<T>, T>(c0, c1, v2, t1, t2);
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count) j = Right2Simd<Ops256<T>, Vector256<T>, T>(c0, c1, v2, t1, t2);
        for (; j < n; j++)
        {
            T sum = c0[j] + v2 * c1[j];
            c0[j] -= sum * t1;
            c1[j] -= sum * t2;
        }
    }

    private static int Right2Simd<TOps, TVec, T>(Span<T> c0, Span<T> c1, T v2, T t1, T t2)
        where TOps : struct, ISimdOps<TVec, T> where TVec : struct where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = TOps.Count, n = c0.Length, j = 0;
        TVec vv2 = TOps.Splat(v2), vt1 = TOps.Splat(t1), vt2 = TOps.Splat(t2);
        ref T p0 = ref MemoryMarshal.GetReference(c0);
        ref T p1 = ref MemoryMarshal.GetReference(c1);
        for (; j + w <= n; j += w)
        {
            ref T x0 = ref Unsafe.Add(ref p0, j);
            ref T x1 = ref Unsafe.Add(ref p1, j);
            TVec a0 = TOps.Load(ref x0), a1 = TOps.Load(ref x1);
            TVec sum = TOps.Add(a0, TOps.Multiply(vv2, a1));
            TOps.Store(TOps.Subtract(a0, TOps.Multiply(sum, vt1)), ref x0);
            TOps.Store(TOps.Subtract(a1, TOps.Multiply(sum, vt2)), ref x1);
        }
        return j;
    }
}
