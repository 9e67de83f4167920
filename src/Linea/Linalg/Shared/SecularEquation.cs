using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Linea.Kernels.Blas2;
using Linea.Kernels.Threading;

namespace Linea;

/// <summary>
/// The secular equation of a rank-one modified diagonal eigenproblem (D + rho z z^T) and of the bidiagonal merge
/// matrix of the singular value divide and conquer, solved root by root relative to the nearer pole (as LAPACK's
/// laed4 and lasd4 do), for <see cref="Stedc"/> and <see cref="Bdsdc"/>.
/// </summary>
internal static class SecularEquation
{
    /// <summary>Iterations allowed per root; the bracket halves at least every other step, so this is never reached in practice.</summary>
    private const int MaxIterations = 120;

    /// <summary>Root count from which the roots (and the eigenvector columns built from them) are split over threads.</summary>
    public const int ParallelRoots = 256;

    /// <summary>
    /// Runs <paramref name="range"/>(i0, i1) over 0..k-1 in contiguous parts, one per thread of
    /// <paramref name="parallelism"/> when k &gt;= <see cref="ParallelRoots"/>, else once on the calling thread. The
    /// roots of a secular equation are independent, so each part writes only its own rows of the caller's arrays.
    /// </summary>
    public static void ForRanges(int k, Parallelism parallelism, Action<int, int> range)
    {
        int threads = Math.Min(parallelism.Count, k / (ParallelRoots / 2));
        if (k < ParallelRoots || threads <= 1) { range(0, k); return; }
        SplitJob.Run(threads, (tid, nt) =>
        {
            int i0 = SplitJob.Bound(tid, nt, k, 1), i1 = SplitJob.Bound(tid + 1, nt, k, 1);
            if (i1 > i0) range(i0, i1);
        });
    }

    /// <summary>
    /// Root i (ascending, 0-based) of the secular equation with rho &gt; 0, k distinct ascending poles and the squared
    /// weights zz_j = zeta_j^2 (computed once by the caller for all k roots):
    /// <list type="bullet">
    /// <item>eigenvalue form (<paramref name="squared"/> false): 1 + rho sum_j zeta_j^2 / (delta_j - lambda) = 0, root
    /// lambda_i in (delta_i, delta_{i+1}) (the last in (delta_{k-1}, delta_{k-1} + rho |zeta|^2]); diff receives
    /// delta_j - lambda_i;</item>
    /// <item>singular value form (<paramref name="squared"/> true, poles d_j &gt;= 0): 1 + rho sum_j zeta_j^2 / (d_j^2 -
    /// sigma^2) = 0, root sigma_i with sigma_i^2 in (d_i^2, d_{i+1}^2); diff receives d_j^2 - sigma_i^2, and pole
    /// differences are formed as (d_j - d_o)(d_j + d_o), so they stay accurate when poles are close.</item>
    /// </list>
    /// Solved for tau = lambda - delta_o (or sigma^2 - d_o^2) relative to the nearer pole o, by a two-pole rational
    /// model of the secular function safeguarded by bisection; every diff_j = (pole_j - pole_o) - tau is then accurate
    /// to a few ulps of itself, which the eigenvector formulas need.
    /// </summary>
    /// <returns>Always true today (the safeguarded iteration ends within the bracket); kept for callers' checks.</returns>
    public static bool Root<T>(int i, int k, ReadOnlySpan<T> delta, ReadOnlySpan<T> zz, T rho, T eps, Span<T> diff, bool squared, out T lambda)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (k == 1)
        {
            T t1 = rho * zz[0];
            lambda = squared ? Finish(delta[0], t1) : delta[0] + t1;
            diff[0] = -t1;
            return true;
        }
        return Solve(i, k, delta, zz, rho, eps, diff, squared, out lambda);
    }

    [MethodImpl(HotCode.Options)]
    private static bool Solve<T>(int i, int k, ReadOnlySpan<T> delta, ReadOnlySpan<T> zz, T rho, T eps, Span<T> diff, bool squared, out T lambda)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T two = T.CreateTruncating(2);
        bool last = i == k - 1;
        int origin;
        T lo, hi, start;
        if (last)
        {
            T znorm2 = T.Zero;
            for (int j = 0; j < k; j++) znorm2 += zz[j];
            origin = i;
            lo = T.Zero;
            hi = rho * znorm2;
            start = hi / two;
        }
        else
        {
            ShiftAll(delta, k, i, squared, diff);
            T gap = diff[i + 1];
            T mid = gap / two;
            // g at the midpoint, relative to pole i, decides which pole is nearer the root; the two-pole model there
            // gives the first iterate (as LAPACK's laed4 starts): 3.67 iterations per root at n = 1000 instead of 4.67.
            Terms(diff.Slice(0, i + 1), zz.Slice(0, i + 1), mid, out T psiMid, out T dpsiMid, out _);
            Terms(diff.Slice(i + 1, k - i - 1), zz.Slice(i + 1, k - i - 1), mid, out T phiMid, out T dphiMid, out _);
            T g = T.One + rho * (psiMid + phiMid);
            if (g >= T.Zero) { origin = i; lo = T.Zero; hi = mid; }
            else { origin = i + 1; lo = -mid; hi = T.Zero; }
            T guess = TwoPoleStep(psiMid, dpsiMid, phiMid, dphiMid, mid, T.Zero, gap, rho, last: false);
            if (origin != i) guess -= gap;
            start = guess > lo && guess < hi ? guess : (lo + hi) / two;
        }
        T dOrigin = delta[origin];
        if (last || origin != i) ShiftAll(delta, k, origin, squared, diff); // shifted poles
        T poleLeft = diff[i];                       // the pole at the left of the root
        T poleRight = last ? T.Zero : diff[i + 1];  // the one at its right (unused for the last root)
        T tau = start;
        T prevAbsG = T.PositiveInfinity;
        for (int iter = 0; iter < MaxIterations; iter++)
        {
            // g(tau) = 1 + rho (psi + phi), psi over the poles left of the root, phi over those right of it.
            Terms(diff.Slice(0, i + 1), zz.Slice(0, i + 1), tau, out T psi, out T dpsi, out T absLeft);
            Terms(diff.Slice(i + 1, k - i - 1), zz.Slice(i + 1, k - i - 1), tau, out T phi, out T dphi, out T absRight);
            T absSum = absLeft + absRight;
            T gval = T.One + rho * (psi + phi);
            if (gval == T.Zero) break;
            if (gval < T.Zero) lo = T.Max(lo, tau); else hi = T.Min(hi, tau);
            T errBound = T.CreateTruncating(8) * eps * (T.One + rho * absSum) * T.CreateTruncating(k);
            if (T.Abs(gval) <= errBound) break;
            if (hi - lo <= two * eps * T.Max(T.Abs(lo), T.Abs(hi))) { tau = (lo + hi) / two; break; }
            T next = TwoPoleStep(psi, dpsi, phi, dphi, tau, poleLeft, poleRight, rho, last);
            bool slow = T.Abs(gval) > prevAbsG / two;
            prevAbsG = T.Abs(gval);
            if (!(next > lo && next < hi) || (slow && iter > 2)) next = (lo + hi) / two;
            if (next == tau) break;
            tau = next;
        }
        for (int j = 0; j < k; j++) diff[j] -= tau;
        lambda = squared ? Finish(dOrigin, tau) : dOrigin + tau;
        return true;
    }

    /// <summary>
    /// The root of the two-pole model of g at <paramref name="tau"/>: psi ~ A + B / (poleLeft - x) and
    /// phi ~ C + D / (poleRight - x), each matching its sum's value and slope there (for the last root phi is kept as
    /// the constant it is near: x = poleLeft + rho B / (1 + rho (A + phi))). NaN when the model has no root; the caller
    /// keeps the iterate inside its bracket.
    /// </summary>
    private static T TwoPoleStep<T>(T psi, T dpsi, T phi, T dphi, T tau, T poleLeft, T poleRight, T rho, bool last)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T two = T.CreateTruncating(2);
        T bl = dpsi * (poleLeft - tau) * (poleLeft - tau);
        T al = psi - bl / (poleLeft - tau);
        if (last)
        {
            T c = T.One + rho * (al + phi);
            return c > T.Zero ? poleLeft + rho * bl / c : T.NaN;
        }
        T br = dphi * (poleRight - tau) * (poleRight - tau);
        T ar = phi - br / (poleRight - tau);
        T c0 = T.One + rho * (al + ar);
        T p = rho * bl, q = rho * br, a1 = poleLeft, b1 = poleRight;
        // c0 (a1 - x)(b1 - x) + p (b1 - x) + q (a1 - x) = 0, a root in (a1, b1).
        T qa = c0, qb = c0 * (a1 + b1) + p + q, qc = c0 * a1 * b1 + p * b1 + q * a1;
        if (qa == T.Zero) return qc / qb;
        T disc = qb * qb - T.CreateTruncating(4) * qa * qc;
        if (disc < T.Zero) disc = T.Zero;
        T sq = T.Sqrt(disc);
        T s = qb >= T.Zero ? qb + sq : qb - sq;
        T r1 = s / (two * qa), r2 = s == T.Zero ? T.NaN : two * qc / s;
        return r1 > T.Min(a1, b1) && r1 < T.Max(a1, b1) ? r1 : r2;
    }

    /// <summary>
    /// sum = sum_j zz_j / (diff_j - tau), dsum = sum_j zz_j / (diff_j - tau)^2 and abs = sum_j |zz_j / (diff_j - tau)|:
    /// the secular function's terms and derivative over a range of poles, one division per pole, in SIMD lanes.
    /// </summary>
    internal static void Terms<T>(ReadOnlySpan<T> diff, ReadOnlySpan<T> zz, T tau, out T sum, out T dsum, out T abs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated && diff.Length >= Vector512<T>.Count) TermsCore<Ops512<T>, Vector512<T>, T>(diff, zz, tau, out sum, out dsum, out abs);
        else if (Vector256.IsHardwareAccelerated && diff.Length >= Vector256<T>.Count) TermsCore<Ops256<T>, Vector256<T>, T>(diff, zz, tau, out sum, out dsum, out abs);
        else
        {
            sum = dsum = abs = T.Zero;
            for (int j = 0; j < diff.Length; j++)
            {
                T t = T.One / (diff[j] - tau);
                T term = zz[j] * t;
                sum += term; dsum += term * t; abs += T.Abs(term);
            }
        }
    }

    [MethodImpl(HotCode.Options)]
    internal static void TermsCore<TOps, TVec, T>(ReadOnlySpan<T> diff, ReadOnlySpan<T> zz, T tau, out T sum, out T dsum, out T abs)
        where TOps : struct, ISimdOps<TVec, T> where TVec : struct where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = TOps.Count, j = 0, len = diff.Length;
        ref T d0 = ref MemoryMarshal.GetReference(diff);
        ref T z0 = ref MemoryMarshal.GetReference(zz);
        TVec tv = TOps.Splat(tau), one = TOps.Splat(T.One), s = TOps.Zero, ds = TOps.Zero, ab = TOps.Zero;
        for (; j + w <= len; j += w)
        {
            TVec r = TOps.Divide(one, TOps.Subtract(TOps.Load(ref Unsafe.Add(ref d0, j)), tv));
            TVec term = TOps.Multiply(TOps.Load(ref Unsafe.Add(ref z0, j)), r);
            s = TOps.Add(s, term);
            ds = TOps.Fma(term, r, ds);
            ab = TOps.Add(ab, TOps.Abs(term));
        }
        sum = TOps.Sum(s); dsum = TOps.Sum(ds); abs = TOps.Sum(ab);
        for (; j < len; j++)
        {
            T t = T.One / (diff[j] - tau);
            T term = zz[j] * t;
            sum += term; dsum += term * t; abs += T.Abs(term);
        }
    }

    /// <summary>
    /// diff[j] = the pole j relative to pole o, for j &lt; k: delta_j - delta_o, or d_j^2 - d_o^2 formed as
    /// (d_j - d_o)(d_j + d_o) so it stays accurate for close poles. One SIMD pass.
    /// </summary>
    internal static void ShiftAll<T>(ReadOnlySpan<T> delta, int k, int o, bool squared, Span<T> diff) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T origin = delta[o];
        var src = delta.Slice(0, k);
        var dst = diff.Slice(0, k);
        if (!squared) { TensorPrimitives.Subtract(src, origin, dst); return; }
        if (Vector512.IsHardwareAccelerated && k >= Vector512<T>.Count) ShiftSquaredCore<Ops512<T>, Vector512<T>, T>(src, origin, dst);
        else if (Vector256.IsHardwareAccelerated && k >= Vector256<T>.Count) ShiftSquaredCore<Ops256<T>, Vector256<T>, T>(src, origin, dst);
        else for (int j = 0; j < k; j++) dst[j] = (src[j] - origin) * (src[j] + origin);
    }

    private static void ShiftSquaredCore<TOps, TVec, T>(ReadOnlySpan<T> d, T origin, Span<T> diff)
        where TOps : struct, ISimdOps<TVec, T> where TVec : struct where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = TOps.Count, j = 0, len = d.Length;
        ref T d0 = ref MemoryMarshal.GetReference(d);
        ref T r0 = ref MemoryMarshal.GetReference(diff);
        TVec o = TOps.Splat(origin);
        for (; j + w <= len; j += w)
        {
            TVec x = TOps.Load(ref Unsafe.Add(ref d0, j));
            TOps.Store(TOps.Multiply(TOps.Subtract(x, o), TOps.Add(x, o)), ref Unsafe.Add(ref r0, j));
        }
        for (; j < len; j++) diff[j] = (d[j] - origin) * (d[j] + origin);
    }

    /// <summary>sigma = sqrt(d^2 + tau) as d + tau / (d + sqrt(d^2 + tau)), accurate when tau is small against d^2.</summary>
    private static T Finish<T>(T d, T tau) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T s = T.Sqrt(d * d + tau);
        T denom = d + s;
        return denom == T.Zero ? T.Zero : d + tau / denom;
    }
}
