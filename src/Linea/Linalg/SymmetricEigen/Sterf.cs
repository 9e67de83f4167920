using System.Numerics;
using System.Runtime.CompilerServices;

namespace Linea;

/// <summary>
/// Eigenvalues alone of a symmetric tridiagonal matrix by the root-free QL iteration of Pal, Walker and Kahan
/// (LAPACK's sterf; Reinsch's tqlrat): the iteration runs on the squares of the off-diagonals, so a step needs no
/// square root, only one division per rotation, and is about twice as fast as the QL iteration with rotations
/// (<see cref="Steqr"/>) for the same convergence (Wilkinson shift, the same relative deflation test). A matrix whose
/// diagonal shrinks from top to bottom is reversed first, so QL chases towards its large end. O(n^2).
/// <para>Range: the squares of the entries must not overflow or underflow, which the callers' scaling
/// (<see cref="SpectralScaling.Factor{T}"/>, entries in [sqrt(safmin / eps), sqrt(safmax eps)]) guarantees.</para>
/// </summary>
internal static class Sterf
{
    /// <summary>
    /// Replaces d (n) by the eigenvalues of the tridiagonal (d, e), unordered; e (n - 1) is read, not modified.
    /// </summary>
    /// <returns>true on convergence; false when 30 n iterations did not suffice (the caller throws).</returns>
    [MethodImpl(HotCode.Options)]
    public static bool Solve<T>(int n, Span<T> d, ReadOnlySpan<T> e) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n <= 1) return true;
        T eps = MachineConstants<T>.UnitRoundoff;
        T eps2 = eps * eps;
        T safmin = MachineConstants<T>.SafeMin;
        T two = T.CreateTruncating(2);
        // e2[i] = e[i]^2, with e2[n - 1] = 0 as a sentinel.
        var e2 = new T[n];
        for (int i = 0; i < n - 1; i++) e2[i] = e[i] * e[i];
        if (T.Abs(d[n - 1]) < T.Abs(d[0]))
        {
            d.Slice(0, n).Reverse();
            e2.AsSpan(0, n - 1).Reverse();
        }
        int maxIter = Steqr.MaxIterationsPerValue * n, iter = 0;
        for (int l = 0; l < n; l++)
        {
            while (true)
            {
                int m = l;
                for (; m < n - 1; m++)
                    if (e2[m] <= eps2 * T.Abs(d[m] * d[m + 1]) + safmin) { e2[m] = T.Zero; break; }
                if (m == l) break;
                if (m == l + 1)
                {
                    // A 2 x 2 block: its eigenvalues directly.
                    Eigenvalues2x2(d[l], T.Sqrt(e2[l]), d[l + 1], out T rt1, out T rt2);
                    d[l] = rt1;
                    d[l + 1] = rt2;
                    e2[l] = T.Zero;
                    break;
                }
                if (++iter > maxIter) return false;
                // Wilkinson shift from the leading 2 x 2 of the block l..m.
                T rte = T.Sqrt(e2[l]);
                T sigma = (d[l + 1] - d[l]) / (two * rte);
                T r = Givens.Hypot(sigma, T.One);
                sigma = d[l] - rte / (sigma + T.CopySign(r, sigma));
                // One root-free QL sweep from the bottom of the block: gamma and p = gamma^2 / c carry the rotation.
                T c = T.One, s = T.Zero, gamma = d[m] - sigma, p = gamma * gamma;
                for (int i = m - 1; i >= l; i--)
                {
                    T bb = e2[i];
                    r = p + bb;
                    if (i != m - 1) e2[i + 1] = s * r;
                    T oldc = c;
                    c = p / r;
                    s = bb / r;
                    T oldgam = gamma;
                    T alpha = d[i];
                    gamma = c * (alpha - sigma) - s * oldgam;
                    d[i + 1] = oldgam + (alpha - gamma);
                    p = c != T.Zero ? gamma * gamma / c : oldc * bb;
                }
                e2[l] = s * p;
                d[l] = sigma + gamma;
            }
        }
        return true;
    }

    /// <summary>The eigenvalues of [[a, b], [b, c]], rt1 of larger magnitude (LAPACK's lae2: the smaller from the determinant, so it keeps its accuracy).</summary>
    internal static void Eigenvalues2x2<T>(T a, T b, T c, out T rt1, out T rt2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5);
        T sm = a + c, df = a - c;
        T rt = Givens.Hypot(df, b + b);
        if (sm == T.Zero)
        {
            rt1 = half * rt;
            rt2 = -half * rt;
            return;
        }
        rt1 = sm < T.Zero ? half * (sm - rt) : half * (sm + rt);
        T acmx = T.Abs(a) > T.Abs(c) ? a : c, acmn = T.Abs(a) > T.Abs(c) ? c : a;
        rt2 = (acmx / rt1) * acmn - (b / rt1) * b;
    }
}
