using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// Eigenvalues and eigenvectors of a symmetric tridiagonal matrix by divide and conquer (Cuppen's method as LAPACK's
/// stedc/laed0-laed4 does it, with Gu and Eisenstat's recomputed weights for orthogonal eigenvectors).
/// <para>T is torn at its middle into two tridiagonal halves and a rank-one term, T = T1 (+) T2 + |e| v v^T; the halves
/// are solved recursively (QL iteration below <see cref="LeafSize"/>), and the eigenproblem of D + rho z z^T (D the
/// halves' eigenvalues, z the last row of Q1 and the first row of Q2) is solved through the secular equation
/// 1 + rho sum z_j^2 / (d_j - lambda) = 0. Components of z below the noise level, and pairs of nearly equal d_j, are
/// deflated first (their eigenpairs are known), which is where most of the method's speed comes from on clustered
/// spectra. Each root is found relative to its nearer pole, so every difference d_j - lambda_i is accurate to a few
/// ulps of itself; the weights z are then recomputed from the roots (Loewner's formula), which makes the eigenvectors
/// numerically orthogonal. Merging multiplies the block diagonal eigenvector matrix by the small one through two
/// GEMMs, about 4 n^3 / 3 flops in all, at GEMM speed; the rest is O(n^2) per level.</para>
/// </summary>
internal static class Stedc
{
    /// <summary>Subproblems of at most this order are solved by the QL iteration (LAPACK's smlsiz is 25).</summary>
    public const int LeafSize = 32;

    /// <summary>
    /// Diagonalises the tridiagonal (d, e) (n and n - 1 entries): on return d holds the eigenvalues (unordered) and z
    /// (n x n, column-major, leading dimension n) the matching orthonormal eigenvectors. e is destroyed.
    /// </summary>
    /// <returns>false when a QL leaf or a secular equation did not converge (the caller throws).</returns>
    public static bool Solve<T>(int n, Span<T> d, Span<T> e, T[] z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        z.AsSpan(0, n * n).Clear();
        if (n == 0) return true;
        var dArr = d.Slice(0, n).ToArray();
        var eArr = e.Slice(0, Math.Max(n - 1, 0)).ToArray();
        bool ok = Recurse(0, n, dArr, eArr, z, n);
        dArr.CopyTo(d);
        return ok;
    }

    private static bool Recurse<T>(int lo, int n, T[] d, T[] e, T[] z, int ldz) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n <= LeafSize) return Leaf(lo, n, d, e, z, ldz);
        int n1 = n / 2, n2 = n - n1;
        T coupling = e[lo + n1 - 1];
        T beta = T.Abs(coupling);
        d[lo + n1 - 1] -= beta;
        d[lo + n1] -= beta;
        if (!Recurse(lo, n1, d, e, z, ldz)) return false;
        if (!Recurse(lo + n1, n2, d, e, z, ldz)) return false;
        if (beta == T.Zero) return true;
        return Merge(lo, n1, n2, beta, T.Sign(coupling) < 0, d, z, ldz);
    }

    private static bool Leaf<T>(int lo, int n, T[] d, T[] e, T[] z, int ldz) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var q = new T[n * n];
        for (int i = 0; i < n; i++) q[i + i * n] = T.One;
        var ds = d.AsSpan(lo, n);
        var es = n > 1 ? e.AsSpan(lo, n - 1).ToArray() : [];
        if (!Steqr.Solve(n, ds, es, q, n)) return false;
        for (int j = 0; j < n; j++) q.AsSpan(j * n, n).CopyTo(z.AsSpan(lo + (lo + j) * ldz, n));
        return true;
    }

    /// <summary>
    /// Merges the solved halves (eigenvalues in d[lo..lo+n), eigenvectors in the diagonal blocks of z) of the torn
    /// matrix with coupling beta (negative when <paramref name="negative"/>): the eigenproblem of D + beta z z^T.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Merge<T>(int lo, int n1, int n2, T beta, bool negative, T[] d, T[] z, int ldz) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = n1 + n2;
        T eps = MachineConstants<T>.UnitRoundoff;
        // The rank-one vector: last row of Q1, then (sign) first row of Q2.
        var w = new T[n];
        for (int j = 0; j < n1; j++) w[j] = z[(lo + n1 - 1) + (lo + j) * ldz];
        for (int j = 0; j < n2; j++) w[n1 + j] = negative ? -z[(lo + n1) + (lo + n1 + j) * ldz] : z[(lo + n1) + (lo + n1 + j) * ldz];

        // Sort the poles ascending (each half is unordered after its own merge).
        var idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        var dv = d.AsSpan(lo, n).ToArray();
        Array.Sort(dv, idx);
        var zs = new T[n];
        for (int i = 0; i < n; i++) zs[i] = w[idx[i]];

        // Deflation (LAPACK's laed2): negligible weights, and pairs of close poles rotated so one weight vanishes.
        T dmax = T.Max(T.Abs(dv[0]), T.Abs(dv[n - 1]));
        T znorm2 = T.Zero;
        for (int i = 0; i < n; i++) znorm2 += zs[i] * zs[i];
        T znorm = T.Sqrt(znorm2);
        T tol = T.CreateTruncating(8) * eps * T.Max(dmax, beta * znorm2);
        var kept = new List<int>(n);
        var deflated = new List<int>(n);
        var rotations = new DeflationRotations<T>();
        rotations.Deflate(Enumerable.Range(0, n), zs, j => beta * T.Abs(zs[j]) * znorm <= tol, (p, j, c, s) =>
        {
            if (T.Abs(c * s * (dv[j] - dv[p])) > tol) return false;
            // New basis c e_p - s e_j (deflated, weight 0) and s e_p + c e_j (weight tau), with Rayleigh-quotient poles.
            T dp = c * c * dv[p] + s * s * dv[j];
            dv[j] = s * s * dv[p] + c * c * dv[j];
            dv[p] = dp;
            return true;
        }, kept, deflated);

        int k = kept.Count;
        // Deflated coordinates that no rotation touched keep a unit eigenvector: their columns of the new Q are columns
        // of diag(Q1, Q2) as they are, so they are copied instead of multiplied. The rotated ones go first, with the
        // secular columns, into the GEMMs.
        deflated = rotations.TouchedFirst(deflated, n, out int touched);
        int dense = k + touched;
        var lambda = new T[k];
        // y (n x n, column-major, sorted coordinates): columns 0..k-1 the eigenvectors of the kept secular problem,
        // then the deflated unit vectors; the recorded rotations are applied to its rows afterwards.
        var y = ArrayPool<T>.Shared.Rent(n * n);
        Array.Clear(y, 0, n * n);
        if (k > 0)
        {
            var delta = new T[k];
            var zeta = new T[k];
            for (int i = 0; i < k; i++) { delta[i] = dv[kept[i]]; zeta[i] = zs[kept[i]]; }
            var diff = ArrayPool<T>.Shared.Rent(k * k); // diff[j + i k] = delta_j - lambda_i, accurate relative to itself
            bool converged = true;
            var zz = new T[k];          // the squared weights, shared by every root
            TensorPrimitives.Multiply<T>(zeta, zeta, zz);
            SecularEquation.ForRanges(k, (i0, i1) =>
            {
                for (int i = i0; i < i1; i++)
                    if (!SecularEquation.Root(i, k, delta, zz, beta, eps, diff.AsSpan(i * k, k), squared: false, out lambda[i])) converged = false;
            });
            if (!converged)
            {
                ArrayPool<T>.Shared.Return(diff);
                ArrayPool<T>.Shared.Return(y);
                return false;
            }
            // Gu-Eisenstat: recompute the weights from the computed roots.
            // zhat_j^2 = -prod_i (delta_j - lambda_i) / (beta prod_(i != j) (delta_j - delta_i)), accumulated root by root over all j.
            var zhat = new T[k];
            var ratio = new T[k];
            for (int j = 0; j < k; j++) zhat[j] = -diff[j + j * k] / beta;
            for (int i = 0; i < k; i++)
            {
                TensorPrimitives.Subtract(delta, delta[i], ratio);
                TensorPrimitives.Divide(diff.AsSpan(i * k, k), ratio, ratio);
                ratio[i] = T.One;
                TensorPrimitives.Multiply(zhat, ratio, zhat);
            }
            for (int j = 0; j < k; j++) zhat[j] = T.CopySign(T.Sqrt(T.Abs(zhat[j])), zeta[j]);
            SecularEquation.ForRanges(k, (i0, i1) =>
            {
                var vt = new T[k];
                for (int i = i0; i < i1; i++)
                {
                    // v_j = zhat_j / (delta_j - lambda_i), normalised with its largest entry divided out first (a root
                    // within a few ulps of a pole makes v_j overflow when squared).
                    TensorPrimitives.Divide(zhat, diff.AsSpan(i * k, k), vt);
                    T vmax = T.Abs(TensorPrimitives.MaxMagnitude<T>(vt));
                    TensorPrimitives.Divide(vt, vmax, vt);
                    T norm = TensorPrimitives.Norm<T>(vt);
                    for (int j = 0; j < k; j++) y[kept[j] + i * n] = vt[j] / norm;
                }
            });
            ArrayPool<T>.Shared.Return(diff);
        }
        for (int t = 0; t < deflated.Count; t++) y[deflated[t] + (k + t) * n] = T.One;
        // Undo the deflation rotations (in reverse order) on the rows: sorted coordinates p, j.
        rotations.UndoOnRows(y, n, n);
        // M (original coordinates): row idx[r] of M is row r of y; only its dense columns are needed.
        var m = ArrayPool<T>.Shared.Rent(n * dense);
        for (int col = 0; col < dense; col++)
            for (int r = 0; r < n; r++) m[idx[r] + col * n] = y[r + col * n];
        ArrayPool<T>.Shared.Return(y);

        // New eigenvalues: the roots, then the deflated poles.
        for (int i = 0; i < k; i++) d[lo + i] = lambda[i];
        for (int t = 0; t < deflated.Count; t++) d[lo + k + t] = dv[deflated[t]];

        // Q_new = diag(Q1, Q2) M: two GEMMs on the diagonal blocks for the dense columns, copies for the unit ones.
        var outBuf = ArrayPool<T>.Shared.Rent(n * n);
        int zOff = lo + lo * ldz;
        Gemm.Multiply(n1, dense, n1, T.One, z, zOff, 1, ldz, m, 0, 1, n, T.Zero, outBuf, 0, 1, n);
        Gemm.Multiply(n2, dense, n2, T.One, z, zOff + n1 + n1 * ldz, 1, ldz, m, n1, 1, n, T.Zero, outBuf, n1, 1, n);
        for (int col = dense; col < n; col++)
            z.AsSpan(zOff + idx[deflated[col - k]] * ldz, n).CopyTo(outBuf.AsSpan(col * n, n));
        for (int col = 0; col < n; col++) outBuf.AsSpan(col * n, n).CopyTo(z.AsSpan(zOff + col * ldz, n));
        ArrayPool<T>.Shared.Return(m);
        ArrayPool<T>.Shared.Return(outBuf);
        return true;
    }
}
