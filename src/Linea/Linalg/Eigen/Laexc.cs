using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Swaps two adjacent diagonal blocks (1 x 1 or 2 x 2) of a real Schur form T by an orthogonal similarity
/// (LAPACK's laexc), updating the Schur vectors Q. Two 1 x 1 blocks swap by one rotation. Otherwise the Sylvester
/// equation T11 X - X T22 = s T12 is solved (<see cref="SolveSylvester{T}"/>), and one or two 3 x 3 reflectors built
/// from [X; s I] exchange the blocks; the swap is first tried on a copy of the 3 x 3 or 4 x 4 block and rejected (T
/// unchanged) if it would leave entries below the new blocks larger than 10 eps ||block||, which happens only when
/// the two blocks have (nearly) equal eigenvalues. Swapped 2 x 2 blocks are standardised again (<see cref="Lanv2"/>).
/// O(n) per swap.
/// </summary>
internal static class Laexc
{
    /// <summary>
    /// Swaps the n1 x n1 block at (j1, j1) with the n2 x n2 block below it in the n x n view t (column-contiguous); with
    /// <paramref name="wantQ"/> the same rotations/reflectors are applied to the columns of q (n x n). Returns false
    /// (and leaves T and Q as they were) when the swap is rejected.
    /// </summary>
    public static bool Swap<T>(bool wantQ, in MatrixView<T> t, in MatrixView<T> q, int j1, int n1, int n2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)t.Rows);
        if (n == 0 || n1 == 0 || n2 == 0 || j1 + n1 >= n) return true;
        int j2 = j1 + 1, j3 = j1 + 2, j4 = j1 + 3;
        if (n1 == 1 && n2 == 1)
        {
            T t11 = t[j1, j1], t22 = t[j2, j2];
            Rotation(t[j1, j2], t22 - t11, out T cs, out T sn);
            if (j3 < n) RotateRows(t, j1, j2, j3, n - 1, cs, sn);
            RotateColumns(t, j1, j2, 0, j1 - 1, cs, sn);
            t[j1, j1] = t22;
            t[j2, j2] = t11;
            if (wantQ) RotateColumns(q, j1, j2, 0, n - 1, cs, sn);
            return true;
        }

        int nd = n1 + n2;
        Span<T> d = stackalloc T[16]; // column-major 4 x 4, ld 4
        T dnorm = T.Zero;
        for (int c = 0; c < nd; c++)
            for (int r = 0; r < nd; r++)
            {
                d[r + 4 * c] = t[j1 + r, j1 + c];
                dnorm = T.Max(dnorm, T.Abs(d[r + 4 * c]));
            }
        T eps = MachineConstants<T>.Ulp, smlnum = MachineConstants<T>.SmallNum;
        T thresh = T.Max(T.CreateTruncating(10) * eps * dnorm, smlnum);
        Span<T> x = stackalloc T[4]; // column-major n1 x n2, ld 2
        T scale = SolveSylvester(n1, n2, d, x);
        var dv = new MatrixView<T>(ref MemoryMarshal.GetReference(d), 4, 4, 1, 4);

        Span<T> u = stackalloc T[3];
        Span<T> u2 = stackalloc T[3];
        if (n1 == 1)
        {
            // n1 = 1, n2 = 2: H with (scale, X11, X12) H = (0, 0, *); its vector is (u0, u1, 1).
            T t11 = t[j1, j1];
            u[0] = scale; u[1] = x[0]; u[2] = x[2];
            T alpha = u[2];
            T tau = Reflector(ref alpha, ref u[0], ref u[1]);
            u[2] = T.One;
            ApplyLeft3(dv, 0, 0, 3, u, tau);
            ApplyRight3(dv, 0, 3, 0, u, tau);
            if (T.Max(T.Max(T.Abs(d[2]), T.Abs(d[2 + 4])), T.Abs(d[2 + 8] - t11)) > thresh) return false;
            ApplyLeft3(t, j1, j1, n - j1, u, tau);
            ApplyRight3(t, 0, j2 + 1, j1, u, tau);
            t[j3, j1] = T.Zero;
            t[j3, j2] = T.Zero;
            t[j3, j3] = t11;
            if (wantQ) ApplyRight3(q, 0, n, j1, u, tau);
        }
        else if (n2 == 1)
        {
            // n1 = 2, n2 = 1: H with H (-X11, -X21, scale)^T = (*, 0, 0)^T; its vector is (1, u1, u2).
            T t33 = t[j3, j3];
            u[0] = -x[0]; u[1] = -x[1]; u[2] = scale;
            T alpha = u[0];
            T tau = Reflector(ref alpha, ref u[1], ref u[2]);
            u[0] = T.One;
            ApplyLeft3(dv, 0, 0, 3, u, tau);
            ApplyRight3(dv, 0, 3, 0, u, tau);
            if (T.Max(T.Max(T.Abs(d[1]), T.Abs(d[2])), T.Abs(d[0] - t33)) > thresh) return false;
            ApplyRight3(t, 0, j3 + 1, j1, u, tau);
            ApplyLeft3(t, j1, j2, n - j1 - 1, u, tau);
            t[j1, j1] = t33;
            t[j2, j1] = T.Zero;
            t[j3, j1] = T.Zero;
            if (wantQ) ApplyRight3(q, 0, n, j1, u, tau);
        }
        else
        {
            // n1 = n2 = 2: two reflectors H2 H1 with H2 H1 [-X; s I] = [*; 0].
            u[0] = -x[0]; u[1] = -x[1]; u[2] = scale;
            T alpha = u[0];
            T tau1 = Reflector(ref alpha, ref u[1], ref u[2]);
            u[0] = T.One;
            T temp = -tau1 * (x[2] + u[1] * x[3]);
            u2[0] = -temp * u[1] - x[3]; u2[1] = -temp * u[2]; u2[2] = scale;
            T alpha2 = u2[0];
            T tau2 = Reflector(ref alpha2, ref u2[1], ref u2[2]);
            u2[0] = T.One;
            ApplyLeft3(dv, 0, 0, 4, u, tau1);
            ApplyRight3(dv, 0, 4, 0, u, tau1);
            ApplyLeft3(dv, 1, 0, 4, u2, tau2);
            ApplyRight3(dv, 0, 4, 1, u2, tau2);
            T worst = T.Max(T.Max(T.Abs(d[2]), T.Abs(d[2 + 4])), T.Max(T.Abs(d[3]), T.Abs(d[3 + 4])));
            if (worst > thresh) return false;
            ApplyLeft3(t, j1, j1, n - j1, u, tau1);
            ApplyRight3(t, 0, j4 + 1, j1, u, tau1);
            ApplyLeft3(t, j2, j1, n - j1, u2, tau2);
            ApplyRight3(t, 0, j4 + 1, j2, u2, tau2);
            t[j3, j1] = T.Zero;
            t[j3, j2] = T.Zero;
            t[j4, j1] = T.Zero;
            t[j4, j2] = T.Zero;
            if (wantQ)
            {
                ApplyRight3(q, 0, n, j1, u, tau1);
                ApplyRight3(q, 0, n, j2, u2, tau2);
            }
        }

        if (n2 == 2) StandardizeBlock(wantQ, n, t, q, j1);
        if (n1 == 2) StandardizeBlock(wantQ, n, t, q, j1 + n2);
        return true;
    }

    /// <summary>Standardises the 2 x 2 block at (j, j) with <see cref="Lanv2"/> and applies its rotation to the rest of T and to Q.</summary>
    private static void StandardizeBlock<T>(bool wantQ, int n, in MatrixView<T> t, in MatrixView<T> q, int j) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = j + 1;
        Lanv2.Standardize(ref t[j, j], ref t[j, k], ref t[k, j], ref t[k, k],
            out _, out _, out _, out _, out T cs, out T sn);
        if (j + 2 < n) RotateRows(t, j, k, j + 2, n - 1, cs, sn);
        RotateColumns(t, j, k, 0, j - 1, cs, sn);
        if (wantQ) RotateColumns(q, j, k, 0, n - 1, cs, sn);
    }

    /// <summary>
    /// Solves T11 X - X T22 = scale B for the Sylvester equation of the blocks of the (n1 + n2) x (n1 + n2) column-major
    /// block d (ld 4): T11 = d(0:n1, 0:n1), T22 = d(n1:, n1:), B = d(0:n1, n1:) (the role of LAPACK's lasy2). The
    /// Kronecker form (I kron T11 - T22^T kron I) vec X = scale vec B (order at most 4) is solved by Gaussian elimination
    /// with complete pivoting; pivots below smin = max(eps max|T11, T22|, safmin / eps) are raised to smin, and
    /// 0 &lt; scale &lt;= 1 keeps X from overflowing. X goes to x (column-major, ld 2). Returns scale.
    /// </summary>
    internal static T SolveSylvester<T>(int n1, int n2, ReadOnlySpan<T> d, Span<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = n1 * n2;
        T eps = MachineConstants<T>.Ulp, smlnum = MachineConstants<T>.SmallNum;
        Span<T> k = stackalloc T[16]; // row-major m x m
        Span<T> b = stackalloc T[4];
        k.Clear();
        T tmax = T.Zero;
        for (int c = 0; c < n1; c++) for (int r = 0; r < n1; r++) tmax = T.Max(tmax, T.Abs(d[r + 4 * c]));
        for (int c = 0; c < n2; c++) for (int r = 0; r < n2; r++) tmax = T.Max(tmax, T.Abs(d[n1 + r + 4 * (n1 + c)]));
        T smin = T.Max(eps * tmax, smlnum);
        // Unknown X(i, j) has index i + n1 j. Row (i, j): sum_l T11(i, l) X(l, j) - sum_l X(i, l) T22(l, j) = B(i, j).
        for (int j = 0; j < n2; j++)
            for (int i = 0; i < n1; i++)
            {
                int row = i + n1 * j;
                for (int l = 0; l < n1; l++) k[row * m + l + n1 * j] += d[i + 4 * l];
                for (int l = 0; l < n2; l++) k[row * m + i + n1 * l] -= d[n1 + l + 4 * (n1 + j)];
                b[row] = d[i + 4 * (n1 + j)];
            }

        Span<int> colPerm = stackalloc int[4];
        for (int i = 0; i < m; i++) colPerm[i] = i;
        for (int p = 0; p < m; p++)
        {
            int pr = p, pc = p;
            T best = T.NegativeOne;
            for (int r = p; r < m; r++)
                for (int c = p; c < m; c++)
                    if (T.Abs(k[r * m + c]) > best) { best = T.Abs(k[r * m + c]); pr = r; pc = c; }
            if (pr != p)
            {
                for (int c = 0; c < m; c++) (k[p * m + c], k[pr * m + c]) = (k[pr * m + c], k[p * m + c]);
                (b[p], b[pr]) = (b[pr], b[p]);
            }
            if (pc != p)
            {
                for (int r = 0; r < m; r++) (k[r * m + p], k[r * m + pc]) = (k[r * m + pc], k[r * m + p]);
                (colPerm[p], colPerm[pc]) = (colPerm[pc], colPerm[p]);
            }
            if (T.Abs(k[p * m + p]) < smin) k[p * m + p] = smin;
            for (int r = p + 1; r < m; r++)
            {
                T f = k[r * m + p] / k[p * m + p];
                if (f == T.Zero) continue;
                for (int c = p + 1; c < m; c++) k[r * m + c] -= f * k[p * m + c];
                b[r] -= f * b[p];
            }
        }

        // Scale the right-hand side when the solution could overflow.
        T scale = T.One, bmax = T.Zero, umin = T.PositiveInfinity;
        for (int i = 0; i < m; i++) { bmax = T.Max(bmax, T.Abs(b[i])); umin = T.Min(umin, T.Abs(k[i * m + i])); }
        T eight = T.CreateTruncating(8);
        if (eight * smlnum * bmax > umin && bmax > T.Zero)
        {
            scale = T.One / eight / bmax;
            for (int i = 0; i < m; i++) b[i] *= scale;
        }
        Span<T> y = stackalloc T[4];
        for (int i = m - 1; i >= 0; i--)
        {
            T s = b[i];
            for (int c = i + 1; c < m; c++) s -= k[i * m + c] * y[c];
            y[i] = s / k[i * m + i];
        }
        for (int i = 0; i < m; i++)
        {
            int idx = colPerm[i];
            x[idx % n1 + 2 * (idx / n1)] = y[i];
        }
        return scale;
    }

    /// <summary>Householder reflector of order 3 (larfg): H (alpha, x1, x2) = (beta, 0, 0); returns tau, x1/x2 become v.</summary>
    internal static T Reflector<T>(ref T alpha, ref T x1, ref T x2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T xnorm = T.Hypot(x1, x2);
        if (xnorm == T.Zero) return T.Zero;
        T beta = -T.CopySign(T.Hypot(alpha, xnorm), alpha);
        if (T.Abs(beta) < MachineConstants<T>.SmallNum)
        {
            // Tiny entries: the general routine rescales to keep full relative accuracy.
            var v = new T[2] { x1, x2 };
            T t = Householder.Generate(3, ref alpha, v.AsSpan());
            x1 = v[0];
            x2 = v[1];
            return t;
        }
        T tau = (beta - alpha) / beta;
        T scal = T.One / (alpha - beta);
        x1 *= scal;
        x2 *= scal;
        alpha = beta;
        return tau;
    }

    /// <summary>Rows r0..r0+2 of columns c0..c0+cols-1 of the column-contiguous view a := (I - tau u u^T) times them.</summary>
    internal static void ApplyLeft3<T>(in MatrixView<T> a, int r0, int c0, int cols, ReadOnlySpan<T> u, T tau) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (tau == T.Zero || cols <= 0) return;
        System.Diagnostics.Debug.Assert(a.RowStride == 1 && r0 + 2 < a.Rows && c0 + cols <= a.Cols);
        T u0 = u[0], u1 = u[1], u2 = u[2];
        nint ld = (nint)a.ColStride;
        ref T p = ref a[r0, c0];
        for (int j = 0; j < cols; j++, p = ref Unsafe.Add(ref p, ld))
        {
            ref T a1 = ref Unsafe.Add(ref p, 1);
            ref T a2 = ref Unsafe.Add(ref p, 2);
            T s = tau * (u0 * p + u1 * a1 + u2 * a2);
            p -= s * u0;
            a1 -= s * u1;
            a2 -= s * u2;
        }
    }

    /// <summary>Columns c0..c0+2 of rows r0..r0+rows-1 of the column-contiguous view a := them times (I - tau u u^T).</summary>
    internal static void ApplyRight3<T>(in MatrixView<T> a, int r0, int rows, int c0, ReadOnlySpan<T> u, T tau) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (tau == T.Zero || rows <= 0) return;
        T u0 = u[0], u1 = u[1], u2 = u[2];
        var a0 = a.Column(c0, r0, rows);
        var a1 = a.Column(c0 + 1, r0, rows);
        var a2 = a.Column(c0 + 2, r0, rows);
        for (int i = 0; i < rows; i++)
        {
            T s = tau * (u0 * a0[i] + u1 * a1[i] + u2 * a2[i]);
            a0[i] -= s * u0;
            a1[i] -= s * u1;
            a2[i] -= s * u2;
        }
    }

    /// <summary>LAPACK's lartg: cs f + sn g = r, cs g - sn f = 0 (r with the sign of f, cs &gt;= 0).</summary>
    internal static void Rotation<T>(T f, T g, out T cs, out T sn) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g == T.Zero) { cs = T.One; sn = T.Zero; return; }
        if (f == T.Zero) { cs = T.Zero; sn = T.IsNegative(g) ? -T.One : T.One; return; }
        T dd = T.Hypot(f, g);
        cs = T.Abs(f) / dd;
        sn = g / T.CopySign(dd, f);
    }

    /// <summary>Rows i and k over columns c0..c1: (x, y) := (cs x + sn y, cs y - sn x).</summary>
    internal static void RotateRows<T>(in MatrixView<T> a, int i, int k, int c0, int c1, T cs, T sn) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (c1 < c0) return;
        nint ld = (nint)a.ColStride, gap = (nint)((k - i) * a.RowStride);
        ref T px = ref a[i, c0];
        for (int c = c0; c <= c1; c++, px = ref Unsafe.Add(ref px, ld))
        {
            ref T py = ref Unsafe.Add(ref px, gap);
            T x = px, y = py;
            px = cs * x + sn * y;
            py = cs * y - sn * x;
        }
    }

    /// <summary>Columns i and k over rows r0..r1: (x, y) := (cs x + sn y, cs y - sn x).</summary>
    internal static void RotateColumns<T>(in MatrixView<T> a, int i, int k, int r0, int r1, T cs, T sn) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (r1 < r0) return;
        Givens.Rotate(a.Column(i, r0, r1 - r0 + 1), a.Column(k, r0, r1 - r0 + 1), cs, sn);
    }
}
