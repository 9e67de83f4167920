using System.Numerics;

namespace Linea;

/// <summary>
/// Chooses between plain thick-restart Lanczos on A and Lanczos on a Chebyshev filter p(A) for
/// <see cref="SparseLinalg.Eigsh{T}"/> without shift. For a sparse matrix of order at least <see cref="FilterMinOrder"/>
/// whose wanted eigenvalues lie at one end of the spectrum (LA, SA, or LM of a spectrum that the first cycle shows to be
/// one-sided enough), a first Lanczos cycle on A (which may already converge) estimates the spectrum, and the iteration
/// continues on p(A), which damps the rest of the spectrum and spreads the wanted end apart, so one reorthogonalization
/// serves d products with A. The degree comes from a memory-traffic model, not from timings, so results stay
/// deterministic: a step reads the basis twice (the Gram-Schmidt projection and update, about 1.5 ncv n elements
/// each) while a product reads the matrix once (nnz values and indices, plus two vectors); with ratio = basis traffic /
/// product traffic the time N(d) (t_mv + t_orth / d) is least near d = 4 sqrt(ratio), because the number of products
/// N(d) grows slowly with d (measured on 2-D Poisson: N(d) ~ N0 (1 + 0.06 d)). The k converged vectors then get a
/// Rayleigh-Ritz step with A itself, which gives the eigenvalues of A.
/// <para>Measured, 10 largest of the 2-D Poisson matrix (5-point, 500 x 500 grid, n = 250,000) on a loaded 2-core
/// machine: ncv = 40: plain 308 s (18,560 products), filtered (model degree 10) 44.6 s (12,650 products); ncv = 80
/// (the default there): filtered 26.6 s (8,448 products); SciPy's ARPACK about 430 s. On the 200 x 200 grid, ncv = 40:
/// plain 6.0 s, filtered (d = 9) 2.1 s, ARPACK 7.2 s.</para>
/// </summary>
internal static class EigshDriver
{
    /// <summary>Below this order the filter is never tried: the basis is short and steps are cheap either way.</summary>
    public const int FilterMinOrder = 20_000;

    /// <summary>
    /// The default basis size: min(n, max(2k + 1, 20, 4k)), or with 8k in place of 4k when the filter may run (a sparse
    /// matrix of order at least <see cref="FilterMinOrder"/>, a one-ended Which, no shift) and the basis stays under
    /// 2^27 elements.
    /// </summary>
    public static int DefaultNcv<T>(ILinearOperator<T> a, int n, int k, Which which, bool filterAllowed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int plain = Math.Min(n, Math.Max(Math.Max(2 * k + 1, 20), 4 * k));
        bool candidate = filterAllowed && a is SparseMatrix<T> && n >= FilterMinOrder
            && which is Which.LargestAlgebraic or Which.SmallestAlgebraic or Which.LargestMagnitude;
        if (!candidate) return plain;
        int wide = Math.Min(n, Math.Max(plain, 8 * k));
        return (long)wide * n <= 1L << 27 ? wide : plain;
    }

    /// <summary>Smallest degree worth filtering with.</summary>
    public const int FilterMinDegree = 4;

    /// <summary>Runs Lanczos on A, or (see the class) first one cycle on A and then on a Chebyshev filter of A. The
    /// filter is tried for sparse matrices from order <paramref name="filterMinOrder"/> on, with degree
    /// <paramref name="filterDegree"/> or, when null, the degree from the traffic model.</summary>
    public static (T[] Values, T[]? Vectors, int Converged, int Restarts, long Matvecs) Run<T>(string op, ILinearOperator<T> a, int k,
        Which which, int ncv, int block, T tol, ulong seed, Parallelism par, ReadOnlySpan<T> start, int maxRestarts, bool wantVectors,
        int filterMinOrder = FilterMinOrder, int? filterDegree = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var plain = new ThickRestartLanczos<T>(op, a, k, which, ncv, block, tol, seed, par);
        bool oneEnd = which is Which.LargestAlgebraic or Which.SmallestAlgebraic or Which.LargestMagnitude;
        if (a.Rows < filterMinOrder || block != 1 || !oneEnd || a is not SparseMatrix<T>)
        {
            var r = plain.Run(start, maxRestarts, wantVectors);
            return (r.Values, r.Vectors, r.Converged, plain.Restarts, plain.Matvecs);
        }
        var probe = plain.Run(start, 0, wantVectors);
        if (probe.Converged == k) return (probe.Values, probe.Vectors, probe.Converged, 0, plain.Matvecs);
        var filter = ChooseFilter((SparseMatrix<T>)a, k, which, ncv, plain, filterDegree);
        if (filter is null)
        {
            var again = new ThickRestartLanczos<T>(op, a, k, which, ncv, block, tol, seed, par);
            var r = again.Run(start, maxRestarts, wantVectors);
            return (r.Values, r.Vectors, r.Converged, again.Restarts + 1, again.Matvecs + plain.Matvecs);
        }
        var lz = new ThickRestartLanczos<T>(op, filter, k, Which.LargestAlgebraic, ncv, block, tol, seed, par);
        var f = lz.Run(start, maxRestarts - 1, wantVectors: true);
        long matvecs = plain.Matvecs + lz.Matvecs * filter.Degree;
        if (f.Converged < k) return (f.Values, null, f.Converged, lz.Restarts + 1, matvecs);
        var (values, vectors) = RayleighRitz(a, f.Vectors!, k, par);
        return (values, wantVectors ? vectors : null, k, lz.Restarts + 1, matvecs + k);
    }

    /// <summary>The filter for the wanted end from the first cycle's Ritz values and the traffic model, or null to stay plain.</summary>
    private static ChebyshevFilter<T>? ChooseFilter<T>(SparseMatrix<T> sparse, int k, Which which, int ncv, ThickRestartLanczos<T> probe, int? forcedDegree)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double n = sparse.Rows, elementBytes = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        double productBytes = sparse.Nnz * (elementBytes + sizeof(int)) + 2 * n * elementBytes;
        double stepBytes = 2 * 0.75 * ncv * n * elementBytes;
        int degree = forcedDegree ?? (int)Math.Min(64, Math.Round(4 * Math.Sqrt(stepBytes / Math.Max(productBytes, 1))));
        if (degree < FilterMinDegree) return null;
        var theta = probe.LastRitzValues;
        var resid = probe.LastResiduals;
        int m = theta.Length;
        double lowest = double.CreateTruncating(theta[0]), highest = double.CreateTruncating(theta[m - 1]);
        double rLow = double.CreateTruncating(resid[0]), rHigh = double.CreateTruncating(resid[m - 1]);
        double range = highest - lowest;
        if (!(range > 0)) return null;
        // LM is one end when the other end's bound is smaller in magnitude than the k-th wanted Ritz value, a lower bound
        // of the k-th wanted eigenvalue by interlacing.
        double floor = lowest - rLow - 0.01 * range, ceiling = highest + rHigh + 0.01 * range;
        double kthTop = double.CreateTruncating(theta[m - k]), kthBottom = double.CreateTruncating(theta[k - 1]);
        double sign = which switch
        {
            Which.LargestAlgebraic => 1,
            Which.SmallestAlgebraic => -1,
            Which.LargestMagnitude when kthTop > 0 && Math.Max(0, -floor) < kthTop => 1,
            Which.LargestMagnitude when kthBottom < 0 && Math.Max(0, ceiling) < -kthBottom => -1,
            _ => 0,
        };
        if (sign == 0) return null;
        // In the coordinates of s A: the unwanted interval [lo, hi] and the top of the spectrum.
        double lo, hi, top;
        if (sign > 0)
        {
            lo = lowest - rLow - 0.01 * range;
            hi = double.CreateTruncating(theta[m - k]);
            top = highest + rHigh;
        }
        else
        {
            lo = -highest - rHigh - 0.01 * range;
            hi = -double.CreateTruncating(theta[k - 1]);
            top = -lowest + rLow;
        }
        if (!(hi > lo) || !(top > hi)) return null;
        double z0 = (top - (hi + lo) / 2) / ((hi - lo) / 2);
        // Keep T_d(z0) below e^30 so the recurrence cannot overflow (float included).
        degree = (int)Math.Min(degree, Math.Max(1, Math.Floor(30 / Math.Acosh(Math.Max(z0, 1 + 1e-12)))));
        if (degree < FilterMinDegree) return null;
        return new ChebyshevFilter<T>(sparse, degree, sign, lo, hi, top);
    }

    /// <summary>Eigenpairs of A in span(X) for the orthonormal n x k (column-major) X: values ascending, vectors X Z.</summary>
    private static (T[] Values, T[] Vectors) RayleighRitz<T>(ILinearOperator<T> a, T[] x, int k, Parallelism par)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        var ax = new T[(long)n * k];
        for (int j = 0; j < k; j++) a.Matvec(x.AsSpan(j * n, n), ax.AsSpan(j * n, n));
        ColumnBlock.RequireFinite<T>("eigsh", ax, "the operator's product with a Ritz vector");
        var g = new T[k * k];
        ColumnBlock.Gram(n, x, 0, k, ax, 0, k, g, par);
        for (int j = 0; j < k; j++)
            for (int i = j + 1; i < k; i++)
            {
                T avg = (g[i + j * k] + g[j + i * k]) / T.CreateTruncating(2);
                g[i + j * k] = avg; g[j + i * k] = avg;
            }
        var z = new T[k * k];
        var w = ColumnBlock.Eigh(g, k, z);
        var v = new T[(long)n * k];
        ColumnBlock.Multiply(n, T.One, x, 0, k, z, 0, k, k, T.Zero, v, 0, par);
        return (w, v);
    }
}
