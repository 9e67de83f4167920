using System.Numerics;
using Linea.Kernels;
using Linea.Kernels.Blas3;
using Linea.Kernels.Gemm;

namespace Linea.ML;

/// <summary>
/// The randomized truncated SVD of Halko, Martinsson and Tropp (2011, Algorithms 4.3/4.4 and 5.1): a Gaussian test
/// matrix samples the range of A, power iterations (re-orthonormalised by QR every half step) sharpen the sample
/// towards the top singular directions, and an exact SVD of the small projected matrix B = Q^T A finishes.
/// For an m x n matrix and rank k with l = k + oversamples columns: O(m n l (2 q + 2)) flops for q power iterations,
/// far below a full SVD when l is much smaller than min(m, n).
/// For a dense A each power iteration reads A once: A^T A Q in one pass over row blocks (<see cref="GramPass{T}"/>), with
/// only the n-side QR, while the pass's Gram shows that this loses no accuracy that matters (see Core); so does the
/// final pair, which keeps A Q and orthonormalises it by Cholesky QR twice from the same Gram. Otherwise, and for sparse
/// or out-of-core A, two products and two QRs as Algorithm 4.4 writes them. 20,000 x 300, k = 20, two threads: 83-97 ms
/// with the packed GEMM's one-pass iterations and a two-pass final pair, 42-57 ms now (2026-12-08).
/// Memory: two blocks, allocated once per call and reused by every product and QR: the n x l test matrix (then each
/// A^T Y and its Q) and one m x l (each A X and its Q, rented from the shared pool); every QR orthonormalises its block
/// in place (tall-skinny QR, its reflectors pooled); B (l x n) and its thin SVD, and the result U (m x k, its signs fixed
/// in place). A is never copied. The one-pass iterations add an n x l result and an l x l Gram per call, and a padded
/// copy of Q (n x lp, l rounded up to whole vectors) and per thread an n x lp and lp x lp partial and a row block of
/// A Q (about 256 KiB of A's rows times lp).
/// </summary>
public static partial class RandomizedSvd
{
    /// <summary>The top <paramref name="nComponents"/> singular triplets of <paramref name="a"/> (m x n):
    /// U (m x k), S (k,) descending, Vt (k x n), signs fixed by <paramref name="signs"/>.</summary>
    /// <param name="a">The matrix; it is not centred.</param>
    /// <param name="nComponents">k, 1 &lt;= k &lt;= min(m, n).</param>
    /// <param name="nOversamples">Extra sample columns beyond k (default 10, as scikit-learn); the sketch has
    /// min(k + nOversamples, min(m, n)) columns.</param>
    /// <param name="nIter">Power iterations (default 5); each multiplies by A^T A once and makes the result exact
    /// faster when the singular values decay slowly.</param>
    /// <param name="rng">Source of the Gaussian test matrix.</param>
    /// <param name="signs">Sign convention of the singular pairs.</param>
    /// <exception cref="ShapeMismatchException">a is not 2-D.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k is outside 1..min(m, n), or nOversamples or nIter is negative.</exception>
    /// <exception cref="NonFiniteException">a contains NaN or infinity.</exception>
    public static (NDArray<T> U, NDArray<T> S, NDArray<T> Vt) Compute<T>(NDArray<T> a, int nComponents, Rng rng,
        int nOversamples = 10, int nIter = 5, SignConvention signs = SignConvention.ComponentBased)
        where T : unmanaged, IFloatingPointIeee754<T> => Compute(a, nComponents, rng, nOversamples, nIter, signs, null);

    /// <summary><see cref="Compute{T}(NDArray{T}, int, Rng, int, int, SignConvention)"/> with U written into
    /// <paramref name="uInto"/> (m x k, row-major contiguous) when given, instead of a new array.</summary>
    internal static (NDArray<T> U, NDArray<T> S, NDArray<T> Vt) Compute<T>(NDArray<T> a, int nComponents, Rng rng,
        int nOversamples, int nIter, SignConvention signs, NDArray<T>? uInto)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        Guard.Matrix(a, "randomized_svd");
        int m = (int)a.Shape[0], n = (int)a.Shape[1], r = Math.Min(m, n);
        if (nComponents < 1 || nComponents > r)
            throw new ArgumentOutOfRangeException(nameof(nComponents), nComponents,
                $"randomized_svd: nComponents must lie in 1..min(m, n) = {r} for A of shape {a.Shape}");
        ArgumentOutOfRangeException.ThrowIfNegative(nOversamples);
        ArgumentOutOfRangeException.ThrowIfNegative(nIter);
        var at = a.T;
        GramPass<T>? pass = null; // made at the first one-pass iteration, reused by the others
        return Core<T>((x, into) => NDArray.MatMulInto(a, x, into), (y, into) => NDArray.MatMulInto(at, y, into),
            m, n, nComponents, rng, nOversamples, nIter, signs,
            (q, w, gram, aq) => (pass ??= new GramPass<T>(a, (int)q.Shape[1])).Run(q, w, gram, aq), uInto);
    }

    /// <summary>The range finder and projection on any matrix A (m x n) given as its products with dense blocks:
    /// <paramref name="times"/>(X, into) writes A X into <c>into</c> (m x l) for X (n x l), and
    /// <paramref name="timesTransposed"/>(Y, into) writes A^T Y into <c>into</c> (n x l) for Y (m x l).
    /// The same rng state gives the same test matrix whatever the storage of A. The n x l test matrix's storage and one
    /// m x l block carry every product and its orthonormalisation.</summary>
    private static (NDArray<T> U, NDArray<T> S, NDArray<T> Vt) Core<T>(Action<NDArray<T>, NDArray<T>> times,
        Action<NDArray<T>, NDArray<T>> timesTransposed, int m, int n, int nComponents, Rng rng, int nOversamples, int nIter,
        SignConvention signs, Action<NDArray<T>, T[], T[], T[]?>? gramPass = null, NDArray<T>? uInto = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int l = Math.Min(nComponents + nOversamples, Math.Min(m, n));
        var yn = rng.Normal([n, l], T.Zero, T.One);       // Omega, then each A^T Y and its Q
        // The m x l block is scratch (the result U is a new m x k): rented, so that repeated fits reuse its pages
        // instead of touching fresh memory each time (about 13 ms for 4.8 MB on the 2-core VM, twice the block's GEMM).
        var ymArray = System.Buffers.ArrayPool<T>.Shared.Rent(checked(m * l));
        try
        {
            return Range(NDArray.Wrap(new Memory<T>(ymArray, 0, m * l), m, l), ymArray);
        }
        finally { System.Buffers.ArrayPool<T>.Shared.Return(ymArray); }

        (NDArray<T> U, NDArray<T> S, NDArray<T> Vt) Range(NDArray<T> ym, T[] ymArray)
        {
            // Power iteration i is A Q_n, orthonormalised into Q_m, then A^T Q_m, orthonormalised into the next Q_n (Q_n is
            // Omega at first; Algorithm 4.4: orthonormal after each product, so that small singular directions are not lost
            // in rounding as they would be in (A A^T)^q A Omega formed directly); then A Q_n and its Q_m for B.
            // With gramPass, an iteration skips Q_m (same span: A^T (A Q_n) = (A^T Q_m) R) and forms A^T A Q_n in one pass
            // over A. Rounding then enters at sigma_1^2 instead of sigma_1 times the direction's norm, so a direction of
            // A Q_n with singular value sigma_i keeps a relative error of about eps (sigma_1 / sigma_i)^2 instead of
            // eps sigma_1 / sigma_i. The same pass yields the Gram (A Q_n)^T (A Q_n), whose eigenvalues are the sigma_i^2:
            // while that error stays below FusedError for every sampled direction the fused step is kept; otherwise it is
            // discarded and this and the later iterations take the two-pass form (float data, eps 1.2e-7, keeps the
            // two-pass form throughout). The last product pair, which gives B, always takes the two-pass form.
            T[]? w = null, gram = null;
            bool fused = gramPass is not null && Epsilon<T>() / FusedError < 1e-3;
            for (int i = 0; i < nIter; i++)
            {
                if (fused)
                {
                    w ??= new T[n * l];
                    gram ??= new T[l * l];
                    gramPass!(yn, w, gram, null);
                    if (fused = WellConditioned(gram, l))
                    {
                        w.AsSpan().CopyTo(yn.Data);
                        Orthonormalise(yn);
                        continue;
                    }
                }
                times(yn, ym);
                Orthonormalise(ym);
                timesTransposed(ym, yn);
                Orthonormalise(yn);
            }
            if (fused)
            {
                // The last pair in one pass too: Y = A Q_n kept in ym, W = A^T Y and G = Y^T Y; Q_m = Y R^-1 by
                // Cholesky QR twice and B^T = A^T Q_m = W R^-1 (see CholeskyQr2). Otherwise (G too ill-conditioned)
                // Y is orthonormalised as below, without forming it again.
                w ??= new T[n * l];
                gram ??= new T[l * l];
                gramPass!(yn, w, gram, ymArray);
                if (WellConditioned(gram, l) && CholeskyQr2(ym, w, gram, n, l)) w.AsSpan().CopyTo(yn.Data);
                else
                {
                    Orthonormalise(ym);
                    timesTransposed(ym, yn);
                }
            }
            else
            {
                times(yn, ym);
                Orthonormalise(ym);
                timesTransposed(ym, yn);                       // B = Q^T A, l x n, formed as (A^T Q)^T
            }
            var (ub, s, vt) = Linalg.Svd(yn.T, fullMatrices: false);
            var u = uInto ?? NDArray.Zeros<T>(m, nComponents); // flipped in place
            NDArray.MatMulInto(ym, ub[.., ..nComponents], u);
            var v = vt[..nComponents, ..].Copy();
            SvdFlip.InPlace(u.Data, v.Data, m, nComponents, n, signs);
            return (u, s[..nComponents].Contiguous(), v);
        }
    }

    /// <summary>The largest relative error a fused power step may leave in its weakest sampled direction (about
    /// eps kappa^2 for kappa = sigma_1 / sigma_l of A Q_n): 1e-6 allows kappa up to 6.7e4 in double.</summary>
    private const double FusedError = 1e-6;

    /// <summary>T's machine epsilon (2^-52 for double, 2^-23 for float).</summary>
    private static double Epsilon<T>() where T : unmanaged, IFloatingPointIeee754<T> => double.CreateTruncating(T.BitIncrement(T.One) - T.One);

    /// <summary>Whether the Gram (A Q_n)^T (A Q_n) (l x l, row-major) has every eigenvalue finite and at least
    /// eps / FusedError times the largest. O(l^3).</summary>
    private static bool WellConditioned<T>(T[] gram, int l) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = new double[l * l];
        for (int i = 0; i < g.Length; i++) g[i] = double.CreateTruncating(gram[i]);
        if (!g.All(double.IsFinite)) return false;
        var (lambda, _) = Linalg.Eigh(NDArray.Wrap(g, l, l));
        double min = lambda[0], max = lambda[l - 1];
        return max > 0 && min >= max * Epsilon<T>() / FusedError;
    }

    /// <summary>
    /// Cholesky QR twice (Fukaya et al. 2014) on the final basis: given Y (m x l, in <paramref name="y"/>), W = A^T Y
    /// (n x l) and G = Y^T Y (l x l), overwrites y with Q = Y R^-1 and w with A^T Q = W R^-1, where R = R_2 R_1 from
    /// G = R_1^T R_1 and (Y R_1^-1)^T (Y R_1^-1) = R_2^T R_2. The first round leaves Q orthonormal to about
    /// eps kappa(Y)^2 (at most FusedError, as WellConditioned checked), the second to about eps. O(3 m l^2) flops,
    /// against the Householder QR's 4 m l^2 and the second pass over A it saves. False (y possibly changed to another
    /// basis of the same span, w undefined) when a Cholesky factorization fails.
    /// </summary>
    private static bool CholeskyQr2<T>(NDArray<T> y, T[] w, T[] gram, int n, int l) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var yv = MatrixViews.View(y);
        var wv = MatrixView<T>.RowMajor(w, n, l);
        var r = gram;
        for (int round = 0; round < 2; round++)
        {
            if (round == 1)
                Gemm.Multiply(T.One, yv.Transposed, yv, T.Zero, MatrixView<T>.RowMajor(r, l, l), Parallelism.Default);
            var rv = MatrixView<T>.RowMajor(r, l, l);
            if (CholeskyFactorization.Factor(rv, CholeskyParams.Auto.RecursionThreshold, Parallelism.Default) != -1) return false;
            // X L^T = Y with L lower: X = Y R^-1 for R = L^T.
            Trsm.Solve(Side.Right, lower: true, transpose: true, unitDiagonal: false, T.One, rv, yv, Parallelism.Default);
            Trsm.Solve(Side.Right, lower: true, transpose: true, unitDiagonal: false, T.One, rv, wv, Parallelism.Default);
        }
        return true;
    }

    /// <summary>Replaces the columns of the contiguous r x l block <paramref name="y"/> (r &gt;= l) by an orthonormal basis
    /// of their span, Q of its reduced QR, in place (tall-skinny Householder QR: reflectors pooled, nothing of size r l allocated).</summary>
    private static void Orthonormalise<T>(NDArray<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var qr = new TallSkinnyQr<T>(y, TallSkinnyQrParams.Auto, Parallelism.Default, keepReflectors: true);
        qr.FormQInto(y.Data);
    }
}
