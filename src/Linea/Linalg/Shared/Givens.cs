using System.Numerics;
using System.Runtime.InteropServices;

namespace Linea;

/// <summary>
/// Plane (Givens) rotations as the tridiagonal and bidiagonal QR iterations use them: generation (LAPACK's lartg)
/// and application to a pair of contiguous columns (LAPACK's rot / lasr on one pair), vectorised.
/// </summary>
internal static class Givens
{
    /// <summary>
    /// c, s and r with [c s; -s c] [f; g] = [r; 0] and c^2 + s^2 = 1 (r &gt;= 0 unless g = 0). Overflow-safe through
    /// hypot. O(1).
    /// </summary>
    public static void Generate<T>(T f, T g, out T c, out T s, out T r) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g == T.Zero) { c = T.One; s = T.Zero; r = f; return; }
        if (f == T.Zero) { c = T.Zero; s = T.One; r = g; return; }
        r = Hypot(f, g);
        c = f / r;
        s = g / r;
    }

    /// <summary>
    /// sqrt(f^2 + g^2) without overflow or harmful underflow: the plain formula when the larger magnitude lies in
    /// [sqrt(minNormal), sqrt(max / 2)] (then the sum of squares is normal and finite, and a square that underflows is
    /// below eps of the sum), else the library's careful (and several times slower) <c>T.Hypot</c>. Used in the inner
    /// loops of the QR iterations, as LAPACK's lartg (3.10) does. Error at most about 1.5 ulp. O(1).
    /// </summary>
    public static T Hypot<T>(T f, T g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T big = T.Max(T.Abs(f), T.Abs(g));
        T rtmin = MachineConstants<T>.RootMin;
        T rtmax = MachineConstants<T>.RootMax;
        if (big > rtmin && big < rtmax) return T.Sqrt(f * f + g * g);
        return T.Hypot(f, g);
    }

    /// <summary>x' = c x + s y, y' = c y - s x element-wise over the two equal-length spans. O(n), no allocation.</summary>
    public static void Rotate<T>(Span<T> x, Span<T> y, T c, T s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y.Slice(0, n));
            var vc = new Vector<T>(c);
            var vs = new Vector<T>(s);
            for (int k = 0; k < vx.Length; k++)
            {
                var a = vx[k];
                var b = vy[k];
                vx[k] = vc * a + vs * b;
                vy[k] = vc * b - vs * a;
            }
            i = vx.Length * Vector<T>.Count;
        }
        for (; i < n; i++)
        {
            T a = x[i], b = y[i];
            x[i] = c * a + s * b;
            y[i] = c * b - s * a;
        }
    }
}
