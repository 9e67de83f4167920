using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Singular values and, optionally, vectors of an n x n upper bidiagonal matrix B (d on the diagonal, e above it) by
/// the implicit QR iteration of Demmel and Kahan (LAPACK's bdsqr): zero-shift sweeps when the shift would spoil the
/// relative accuracy of the small singular values, shifted sweeps (shift from the trailing or leading 2 x 2) otherwise,
/// chasing the bulge towards the larger end; off-diagonals are zeroed by the relative convergence tests of the paper,
/// so every singular value, however small, is computed to high relative accuracy (about n eps relative).
/// Left rotations are applied to the columns of U (rows x n), right ones to the columns of V (n x n, so Vh = V^T).
/// Negative values are made positive by flipping the matching column of V. O(n^2) for values, about 6 n^2 (rows + n)
/// flops per sweep set with vectors (level 1 rotations on contiguous columns).
/// </summary>
internal static class Bdsqr
{
    /// <summary>LAPACK's maxitr: at most 6 n^2 inner steps in all.</summary>
    public const int MaxIterationsFactor = 6;

    /// <summary>
    /// Diagonalises B in place: d receives the singular values, unsorted but non-negative; e is destroyed. The n
    /// columns of U and V (views with row stride 1, any number of rows and any column stride: whole matrices or blocks
    /// of larger ones), unless empty (<c>default</c>: values only), are multiplied on the right by the left and right
    /// rotations; each is pinned while the rotations are applied in batches.
    /// </summary>
    /// <returns>true on convergence, false when 6 n^2 steps did not suffice (the caller throws).</returns>
    public static unsafe bool Solve<T>(int n, Span<T> d, Span<T> e, in MatrixView<T> u, in MatrixView<T> v, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool hasU = u.Cols != 0, hasV = v.Cols != 0;
        System.Diagnostics.Debug.Assert(!hasU || (u.Cols == n && (u.RowStride == 1 || u.Rows <= 1)));
        System.Diagnostics.Debug.Assert(!hasV || (v.Cols == n && (v.RowStride == 1 || v.Rows <= 1)));
        fixed (T* pu = &u.Origin)
        fixed (T* pv = &v.Origin)
            return Iterate(n, d, e, hasU ? u.At(pu) : default, hasU, hasV ? v.At(pv) : default, hasV, parallelism);
    }

    /// <summary>The QR iteration of <see cref="Solve{T}"/> with U and V pinned (each ignored unless its flag is set).</summary>
    private static bool Iterate<T>(int n, Span<T> d, Span<T> e, MatrixAddress<T> u, bool hasU, MatrixAddress<T> v, bool hasV, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0) return true;
        if (n > 1)
        {
            T eps = MachineConstants<T>.UnitRoundoff;
            T unfl = MachineConstants<T>.SafeMin;
            T tolmul = T.Max(T.CreateTruncating(10), T.Min(T.CreateTruncating(100), T.Pow(eps, T.CreateTruncating(-0.125))));
            T tol = tolmul * eps;
            T nT = T.CreateTruncating(n);
            // Threshold from an estimate of the smallest singular value (LAPACK's sminoa).
            T mu0 = T.Abs(d[0]), sminoa = mu0;
            for (int i = 1; i < n && sminoa != T.Zero; i++)
            {
                mu0 = T.Abs(d[i]) * (mu0 / (mu0 + T.Abs(e[i - 1])));
                sminoa = T.Min(sminoa, mu0);
            }
            sminoa /= T.Sqrt(nT);
            T thresh = T.Max(tol * sminoa, T.CreateTruncating(MaxIterationsFactor) * nT * nT * unfl);
            long maxIter = (long)MaxIterationsFactor * n * n, iter = 0;
            using var ru = hasU ? new DeferredRotations<T>(u, parallelism) : null;
            using var rv = hasV ? new DeferredRotations<T>(v, parallelism) : null;
            int oldll = -1, oldm = -1, idir = 0;
            int m = n - 1;
            while (m > 0)
            {
                parallelism.ThrowIfCancelled();
                if (iter > maxIter) { ru?.Flush(); rv?.Flush(); return false; }
                // Find the unreduced block ll..m at the bottom.
                T smax = T.Abs(d[m]);
                int ll = -1;
                for (int k = m - 1; k >= 0; k--)
                {
                    T abse = T.Abs(e[k]);
                    if (abse <= thresh) { e[k] = T.Zero; ll = k; break; }
                    smax = T.Max(smax, T.Max(T.Abs(d[k]), abse));
                }
                if (ll == m - 1) { m--; continue; }
                ll++;
                if (ll > oldm || m < oldll) idir = T.Abs(d[ll]) >= T.Abs(d[m]) ? 1 : 2;
                // Convergence tests.
                T sminl;
                bool split = false;
                if (idir == 1)
                {
                    if (T.Abs(e[m - 1]) <= tol * T.Abs(d[m])) { e[m - 1] = T.Zero; continue; }
                    T mu = T.Abs(d[ll]);
                    sminl = mu;
                    for (int k = ll; k < m; k++)
                    {
                        if (T.Abs(e[k]) <= tol * mu) { e[k] = T.Zero; split = true; break; }
                        mu = T.Abs(d[k + 1]) * (mu / (mu + T.Abs(e[k])));
                        sminl = T.Min(sminl, mu);
                    }
                }
                else
                {
                    if (T.Abs(e[ll]) <= tol * T.Abs(d[ll])) { e[ll] = T.Zero; continue; }
                    T mu = T.Abs(d[m]);
                    sminl = mu;
                    for (int k = m - 1; k >= ll; k--)
                    {
                        if (T.Abs(e[k]) <= tol * mu) { e[k] = T.Zero; split = true; break; }
                        mu = T.Abs(d[k]) * (mu / (mu + T.Abs(e[k])));
                        sminl = T.Min(sminl, mu);
                    }
                }
                if (split) continue;
                oldll = ll;
                oldm = m;
                // Shift: zero when it would cost relative accuracy, else the smaller singular value of the end 2 x 2.
                T shift = T.Zero;
                if (!(nT * tol * (sminl / smax) <= T.Max(eps, T.CreateTruncating(0.01) * tol)))
                {
                    T sll;
                    if (idir == 1) { sll = T.Abs(d[ll]); shift = Las2(d[m - 1], e[m - 1], d[m]); }
                    else { sll = T.Abs(d[m]); shift = Las2(d[ll], e[ll], d[ll + 1]); }
                    if (sll > T.Zero && (shift / sll) * (shift / sll) < eps) shift = T.Zero;
                }
                iter += m - ll;
                if (shift == T.Zero) ZeroShiftSweep(idir, ll, m, d, e, ru, rv);
                else ShiftedSweep(idir, ll, m, shift, d, e, ru, rv);
                if (idir == 1) { if (T.Abs(e[m - 1]) <= thresh) e[m - 1] = T.Zero; }
                else if (T.Abs(e[ll]) <= thresh) e[ll] = T.Zero;
            }
            ru?.Flush();
            rv?.Flush();
        }
        for (int i = 0; i < n; i++)
        {
            if (d[i] >= T.Zero) continue;
            d[i] = -d[i];
            if (hasV) { var col = v.View.Column(i); for (int r = 0; r < col.Length; r++) col[r] = -col[r]; }
        }
        return true;
    }

    private static void ZeroShiftSweep<T>(int idir, int ll, int m, Span<T> d, Span<T> e, DeferredRotations<T>? ru, DeferredRotations<T>? rv)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T cs = T.One, oldcs = T.One, oldsn = T.Zero, sn, r;
        if (idir == 1)
        {
            for (int i = ll; i < m; i++)
            {
                Givens.Generate(d[i] * cs, e[i], out cs, out sn, out r);
                if (i > ll) e[i - 1] = oldsn * r;
                Givens.Generate(oldcs * r, d[i + 1] * sn, out oldcs, out oldsn, out T di);
                d[i] = di;
                rv?.Rotate(i, cs, sn);
                ru?.Rotate(i, oldcs, oldsn);
            }
            T h = d[m] * cs;
            d[m] = h * oldcs;
            e[m - 1] = h * oldsn;
        }
        else
        {
            for (int i = m; i > ll; i--)
            {
                Givens.Generate(d[i] * cs, e[i - 1], out cs, out sn, out r);
                if (i < m) e[i] = oldsn * r;
                Givens.Generate(oldcs * r, d[i - 1] * sn, out oldcs, out oldsn, out T di);
                d[i] = di;
                rv?.Rotate(i - 1, oldcs, -oldsn);
                ru?.Rotate(i - 1, cs, -sn);
            }
            T h = d[ll] * cs;
            d[ll] = h * oldcs;
            e[ll] = h * oldsn;
        }
    }

    private static void ShiftedSweep<T>(int idir, int ll, int m, T shift, Span<T> d, Span<T> e, DeferredRotations<T>? ru, DeferredRotations<T>? rv)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (idir == 1)
        {
            T f = (T.Abs(d[ll]) - shift) * (T.CopySign(T.One, d[ll]) + shift / d[ll]);
            T g = e[ll];
            for (int i = ll; i < m; i++)
            {
                Givens.Generate(f, g, out T cosr, out T sinr, out T r);
                if (i > ll) e[i - 1] = r;
                f = cosr * d[i] + sinr * e[i];
                e[i] = cosr * e[i] - sinr * d[i];
                g = sinr * d[i + 1];
                d[i + 1] = cosr * d[i + 1];
                Givens.Generate(f, g, out T cosl, out T sinl, out r);
                d[i] = r;
                f = cosl * e[i] + sinl * d[i + 1];
                d[i + 1] = cosl * d[i + 1] - sinl * e[i];
                if (i < m - 1)
                {
                    g = sinl * e[i + 1];
                    e[i + 1] = cosl * e[i + 1];
                }
                rv?.Rotate(i, cosr, sinr);
                ru?.Rotate(i, cosl, sinl);
            }
            e[m - 1] = f;
        }
        else
        {
            T f = (T.Abs(d[m]) - shift) * (T.CopySign(T.One, d[m]) + shift / d[m]);
            T g = e[m - 1];
            for (int i = m; i > ll; i--)
            {
                Givens.Generate(f, g, out T cosr, out T sinr, out T r);
                if (i < m) e[i] = r;
                f = cosr * d[i] + sinr * e[i - 1];
                e[i - 1] = cosr * e[i - 1] - sinr * d[i];
                g = sinr * d[i - 1];
                d[i - 1] = cosr * d[i - 1];
                Givens.Generate(f, g, out T cosl, out T sinl, out r);
                d[i] = r;
                f = cosl * e[i - 1] + sinl * d[i - 1];
                d[i - 1] = cosl * d[i - 1] - sinl * e[i - 1];
                if (i > ll + 1)
                {
                    g = sinl * e[i - 2];
                    e[i - 2] = cosl * e[i - 2];
                }
                rv?.Rotate(i - 1, cosl, -sinl);
                ru?.Rotate(i - 1, cosr, -sinr);
            }
            e[ll] = f;
        }
    }

    /// <summary>
    /// The smaller singular value of the 2 x 2 upper triangular [f g; 0 h] (LAPACK's las2), accurate to a few ulps
    /// and free of overflow. O(1).
    /// </summary>
    internal static T Las2<T>(T f, T g, T h) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T fa = T.Abs(f), ga = T.Abs(g), ha = T.Abs(h);
        T fhmn = T.Min(fa, ha), fhmx = T.Max(fa, ha);
        T one = T.One, two = T.CreateTruncating(2);
        if (fhmn == T.Zero) return T.Zero;
        if (ga < fhmx)
        {
            T as_ = one + fhmn / fhmx, at = (fhmx - fhmn) / fhmx, au = (ga / fhmx) * (ga / fhmx);
            T c = two / (T.Sqrt(as_ * as_ + au) + T.Sqrt(at * at + au));
            return fhmn * c;
        }
        T au2 = fhmx / ga;
        if (au2 == T.Zero) return fhmn * fhmx / ga;
        T as2 = one + fhmn / fhmx, at2 = (fhmx - fhmn) / fhmx;
        T c2 = one / (T.Sqrt(one + (as2 * au2) * (as2 * au2)) + T.Sqrt(one + (at2 * au2) * (at2 * au2)));
        T ssmin = fhmn * c2 * au2;
        return ssmin + ssmin;
    }
}
