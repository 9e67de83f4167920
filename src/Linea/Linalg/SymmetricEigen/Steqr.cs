using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Eigenvalues and, optionally, eigenvectors of a symmetric tridiagonal matrix by the implicit QL iteration with
/// Wilkinson shifts (LAPACK's steqr; Wilkinson and Reinsch's tql2). Off-diagonals are set to zero when
/// |e_i|^2 &lt;= eps^2 |d_i| |d_{i+1}| + safmin (LAPACK's test, relative to the neighbouring diagonal entries); a matrix
/// whose diagonal shrinks from top to bottom is reversed first, so QL chases towards its large end as LAPACK's choice
/// between QL and QR does. Each rotation is applied to two contiguous columns of Z, so the eigenvectors cost about
/// 3 n^3 flops in all (level 1); eigenvalues alone O(n^2). Converges in about 1.3 to 2 sweeps per eigenvalue.
/// </summary>
internal static class Steqr
{
    /// <summary>Iterations allowed per eigenvalue on average (LAPACK's maxit).</summary>
    public const int MaxIterationsPerValue = 30;

    /// <summary>
    /// Diagonalises the tridiagonal (d, e), e[i] coupling i and i + 1: on return d holds the eigenvalues (unordered)
    /// and, unless <paramref name="z"/> is empty (<c>default</c>: eigenvalues only), its n columns (a view with row
    /// stride 1, any number of rows and any column stride: a whole matrix or a block of one) have been multiplied on
    /// the right by the accumulated rotations, so starting from the identity gives the eigenvectors of T and starting
    /// from Q those of Q T Q^T. e is destroyed. z is pinned while the rotations are applied in batches.
    /// </summary>
    /// <returns>true on convergence; false when 30 n iterations did not suffice (the caller throws).</returns>
    public static unsafe bool Solve<T>(int n, Span<T> d, Span<T> e, in MatrixView<T> z, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n <= 1) return true;
        bool vectors = z.Cols != 0;
        System.Diagnostics.Debug.Assert(!vectors || (z.Cols == n && (z.RowStride == 1 || z.Rows <= 1)));
        fixed (T* pz = &z.Origin)
            return Iterate(n, d, e, vectors ? z.At(pz) : default, vectors, parallelism);
    }

    /// <summary>The QL iteration of <see cref="Solve{T}"/> with z pinned (ignored unless <paramref name="vectors"/>).</summary>
    private static bool Iterate<T>(int n, Span<T> d, Span<T> e, MatrixAddress<T> z, bool vectors, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T eps = MachineConstants<T>.UnitRoundoff;
        T eps2 = eps * eps;
        T safmin = MachineConstants<T>.SafeMin;
        // e has n - 1 entries in the caller's layout; work on a copy of length n with e[n-1] = 0.
        var ew = new T[n];
        e.Slice(0, n - 1).CopyTo(ew);
        bool flip = T.Abs(d[n - 1]) < T.Abs(d[0]);
        if (flip) Reverse(n, d, ew, z, vectors);
        using var rotations = vectors ? new DeferredRotations<T>(z, parallelism) : null;
        int maxIter = MaxIterationsPerValue * n, iter = 0;
        for (int l = 0; l < n; l++)
        {
            while (true)
            {
                parallelism.ThrowIfCancelled();
                int m = l;
                for (; m < n - 1; m++)
                {
                    T em = ew[m];
                    if (em * em <= eps2 * T.Abs(d[m]) * T.Abs(d[m + 1]) + safmin) { ew[m] = T.Zero; break; }
                }
                if (m == l) break;
                if (++iter > maxIter)
                {
                    rotations?.Flush();
                    if (flip) Reverse(n, d, ew, z, vectors);
                    return false;
                }
                // Wilkinson shift from the leading 2 x 2 of the block l..m.
                T g = (d[l + 1] - d[l]) / (T.CreateTruncating(2) * ew[l]);
                T r = Givens.Hypot(g, T.One);
                g = d[m] - d[l] + ew[l] / (g + T.CopySign(r, g));
                T s = T.One, c = T.One, p = T.Zero;
                int i = m - 1;
                bool underflow = false;
                for (; i >= l; i--)
                {
                    T f = s * ew[i], b = c * ew[i];
                    r = Givens.Hypot(f, g);
                    ew[i + 1] = r;
                    if (r == T.Zero)
                    {
                        // Recover from underflow: the block splits here.
                        d[i + 1] -= p;
                        ew[m] = T.Zero;
                        underflow = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + T.CreateTruncating(2) * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                    rotations?.Rotate(i, c, -s);
                }
                if (underflow) continue;
                d[l] -= p;
                ew[l] = g;
                ew[m] = T.Zero;
            }
        }
        rotations?.Flush();
        return true;
    }

    /// <summary>The permutation similarity P T P (P the reversal), with Z := Z P so the eigenvectors stay consistent.</summary>
    private static void Reverse<T>(int n, Span<T> d, T[] e, MatrixAddress<T> z, bool vectors) where T : unmanaged, IFloatingPointIeee754<T>
    {
        d.Slice(0, n).Reverse();
        Array.Reverse(e, 0, n - 1);
        if (!vectors) return;
        var zv = z.View;
        for (int j = 0, k = n - 1; j < k; j++, k--)
        {
            var a = zv.Column(j);
            var b = zv.Column(k);
            for (int i = 0; i < a.Length; i++) (a[i], b[i]) = (b[i], a[i]);
        }
    }
}
