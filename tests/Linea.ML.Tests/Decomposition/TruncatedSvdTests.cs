using Xunit.Abstractions;

namespace Linea.ML.Tests.Decomposition;

public class TruncatedSvdTests(ITestOutputHelper output)
{
    private static readonly NDArray<double> Cached = Build();

    /// <summary>Rank 5 plus noise: a 300 x 120 matrix U diag(sigma) V^T with singular values 100, 50, 20, 10, 5 and then
    /// a noise floor of 0.01 .. 0.005; U and V are the orthonormal Q factors of Gaussian matrices.</summary>
    private static NDArray<double> LowRankPlusNoise(out double[] sigma)
    {
        sigma = Sigma();
        return Cached;
    }

    private static double[] Sigma()
    {
        var sigma = new double[120];
        double[] top = [100, 50, 20, 10, 5];
        for (int i = 0; i < 120; i++) sigma[i] = i < 5 ? top[i] : 0.01 - 0.005 * (i - 5) / 114.0;
        return sigma;
    }

    private static NDArray<double> Build()
    {
        var u = Linalg.Qr(NDArray.Normal([300, 120], 0.0, 1.0, seed: 11)).Q;
        var v = Linalg.Qr(NDArray.Normal([120, 120], 0.0, 1.0, seed: 12)).Q;
        return (u * NDArray.FromArray(Sigma())).MatMul(v.T);
    }

    [Fact]
    public void Top_singular_values_match_the_full_svd()
    {
        var a = LowRankPlusNoise(out _);
        var exact = Linalg.Svdvals(a).ToArray();
        var model = new TruncatedSvd<double>(5, seed: 0).Fit(a);
        var s = model.SingularValues.ToArray();
        // With q = 5 power iterations the range error decays like (sigma_{k+l+1} / sigma_k)^(2q+1) = (0.01 / 5)^11: nil.
        // What is left is rounding in the products and QRs: a few m eps sigma_1.
        double bound = 10 * 300 * Fixtures.Eps * exact[0];
        for (int j = 0; j < 5; j++)
        {
            output.WriteLine($"sigma_{j}: randomized {s[j]:R}, full {exact[j]:R}, diff {Math.Abs(s[j] - exact[j]):E2}");
            Assert.True(Math.Abs(s[j] - exact[j]) <= bound, $"sigma_{j}: {s[j]:R} vs {exact[j]:R}");
        }
        // The components span the top right singular vectors: |<v_j, v_hat_j>| = 1 up to the Wedin bound eps sigma_1 / gap.
        var (_, _, vh) = Linalg.Svd(a, fullMatrices: false);
        for (int j = 0; j < 5; j++)
        {
            double cos = Math.Abs(NDArray.Dot(vh[j, ..], model.Components[j, ..]));
            Assert.True(1 - cos <= 1e-12, $"component {j}: |cos| = {cos:R}");
        }
        var c = model.Components;
        Assert.True(Fixtures.MaxDiff(NDArray.Eye<double>(5), c.MatMul(c.T)) <= 100 * 120 * Fixtures.Eps);
    }

    /// <summary>
    /// The power iterations run A^T A Q in one pass only while the Gram of A Q shows every sampled direction above
    /// sqrt(eps / 1e-6) sigma_1 (RandomizedSvd's check). Here A has rank 8 and the sketch 15 columns, so A Q has seven
    /// zero directions: the check fails and the fit takes the two-pass form, and on a graded spectrum down to 1e-3
    /// sigma_1 (15 sampled directions all above the bound) it keeps the one-pass form. Both give the top singular values
    /// and vectors to rounding, a few m eps sigma_1, as the full SVD does.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void One_pass_power_iterations_keep_the_singular_values_exact(bool rankDeficient)
    {
        const int m = 2000, n = 40, k = 5;
        var sigma = Enumerable.Range(0, n).Select(i => rankDeficient ? (i < 8 ? 10.0 / (1 << i) : 0) : 10.0 * Math.Pow(1e-3, i / (n - 1.0))).ToArray();
        var u0 = Linalg.Qr(NDArray.Normal([m, n], 0.0, 1.0, seed: 31)).Q;
        var v0 = Linalg.Qr(NDArray.Normal([n, n], 0.0, 1.0, seed: 32)).Q;
        var a = (u0 * NDArray.FromArray(sigma)).MatMul(v0.T);
        var exact = Linalg.Svdvals(a).ToArray();
        var model = new TruncatedSvd<double>(k, seed: 0).Fit(a);
        var s = model.SingularValues.ToArray();
        double bound = 10 * m * Fixtures.Eps * exact[0];
        for (int j = 0; j < k; j++)
            Assert.True(Math.Abs(s[j] - exact[j]) <= bound, $"sigma_{j}: {s[j]:R} vs {exact[j]:R}");
        // Components against the full SVD's right singular vectors (Wedin: eps sigma_1 / gap, gaps here >= 0.17 sigma_1 / 10).
        var (_, _, vh) = Linalg.Svd(a, fullMatrices: false);
        for (int j = 0; j < k; j++)
        {
            double cos = Math.Abs(NDArray.Dot(vh[j, ..], model.Components[j, ..]));
            Assert.True(1 - cos <= 1e-12, $"component {j}: |cos| = {cos:R}");
        }
    }

    /// <summary>
    /// For a dense double A the last product pair is one pass, as the power iterations are, and the basis Q_m = Y R^-1 of Y = A Q_n
    /// comes from Cholesky QR twice, whose loss of orthogonality is at most 6 (m l + l (l + 1)) eps (Yamamoto et al.
    /// 2015) while eps kappa(Y)^2 is small; when the Gram of Y is too ill-conditioned (rank-deficient A here) Y is
    /// orthonormalised by Householder QR instead. On both paths U is orthonormal to that bound and A^T U = V S to a few
    /// m eps sigma_1. The graded spectrum (1 .. 1e-4 over the 15 sampled directions) puts kappa(Y) near 1e4: one round
    /// of Cholesky QR alone leaves 1.1e-8 (measured; about eps kappa^2), far outside the bound.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void U_is_orthonormal_after_either_final_basis(bool rankDeficient)
    {
        const int m = 2000, n = 40, k = 15, l = k;
        var sigma = Enumerable.Range(0, n).Select(i => rankDeficient ? (i < 8 ? 10.0 / (1 << i) : 0) : i < l ? 10.0 * Math.Pow(1e-4, i / (l - 1.0)) : 1e-6).ToArray();
        var u0 = Linalg.Qr(NDArray.Normal([m, n], 0.0, 1.0, seed: 41)).Q;
        var v0 = Linalg.Qr(NDArray.Normal([n, n], 0.0, 1.0, seed: 42)).Q;
        var a = (u0 * NDArray.FromArray(sigma)).MatMul(v0.T);
        // No oversampling, so that U is the whole basis, and no power iteration, so that every column of Y = A Omega
        // mixes all singular directions (after power iterations Y's columns are nearly orthogonal and graded, and
        // Cholesky QR loses nothing even once).
        var (u, s, vt) = RandomizedSvd.Compute(a, k, new Rng(0UL), nOversamples: 0, nIter: 0);
        double orthogonality = Fixtures.MaxDiff(NDArray.Eye<double>(k), u.T.MatMul(u));
        output.WriteLine($"|U^T U - I| = {orthogonality:E2}");
        Assert.True(orthogonality <= 6 * (m * l + l * (l + 1)) * Fixtures.Eps, $"|U^T U - I| = {orthogonality:E2}");
        double residual = Fixtures.MaxDiff(a.T.MatMul(u), vt.T * s);
        Assert.True(residual <= 10 * m * Fixtures.Eps * sigma[0], $"|A^T U - V S| = {residual:E2}");
    }

    /// <summary>Fit keeps U S in a rented block and FitTransform returns it: the fitted attributes are the same bits.</summary>
    [Fact]
    public void Fit_and_FitTransform_fit_the_same_model()
    {
        var a = LowRankPlusNoise(out _);
        var fit = new TruncatedSvd<double>(5, seed: 3).Fit(a);
        var other = new TruncatedSvd<double>(5, seed: 3);
        var z = other.FitTransform(a);
        Assert.Equal(other.Components.ToArray(), fit.Components.ToArray());
        Assert.Equal(other.SingularValues.ToArray(), fit.SingularValues.ToArray());
        Assert.Equal(other.ExplainedVariance.ToArray(), fit.ExplainedVariance.ToArray());
        Assert.Equal(other.ExplainedVarianceRatio.ToArray(), fit.ExplainedVarianceRatio.ToArray());
        // And U S = A V to rounding, a few m eps sigma_1 (sigma_1 = 100).
        Assert.True(Fixtures.MaxDiff(fit.Transform(a), z) <= 10 * 300 * Fixtures.Eps * 100);
    }

    /// <summary>
    /// A warm fit of a tall 20,000 x 40 matrix (k = 5, l = 15, 5 power iterations: 12 products and QRs) keeps one
    /// m x l block for every product with A and its QR and writes U S into U: it allocates the m x l block and U
    /// (8 m (l + k) bytes, 3.2 MB) and 256 KiB of small ones (test matrix, B and its SVD, the QRs' triangles), and the
    /// one-pass power iterations' per-thread blocks (below). The old
    /// fit made a new m x l product and a new m x l Q at each of the 12 steps (29 MB) and two more m x k copies of U.
    /// The singular values still match the exact SVD to rounding and the returned U S has column norms S.
    /// </summary>
    [Fact]
    public void Warm_fit_reuses_one_block_for_every_product_and_QR()
    {
        const int m = 20_000, n = 40, k = 5, l = k + 10;
        var sigma = Enumerable.Range(0, n).Select(i => i < k ? 100.0 / (1 << i) : 0.01 - 0.005 * (i - k) / (n - k)).ToArray();
        var u0 = Linalg.Qr(NDArray.Normal([m, n], 0.0, 1.0, seed: 21)).Q;
        var v0 = Linalg.Qr(NDArray.Normal([n, n], 0.0, 1.0, seed: 22)).Q;
        var a = (u0 * NDArray.FromArray(sigma)).MatMul(v0.T);
        new TruncatedSvd<double>(k, seed: 0).FitTransform(a);
        // The smallest of three warm fits: the QRs' reflectors (m x l) come from the shared array pool, which may miss
        // (a buffer returned on another core, or trimmed by a collection in a busy parallel test run) and allocate anew;
        // that is the pool's behaviour, not the fit's.
        var model = new TruncatedSvd<double>(k, seed: 0);
        var z = a;
        long bytes = long.MaxValue;
        for (int run = 0; run < 3; run++)
        {
            model = new TruncatedSvd<double>(k, seed: 0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            z = model.FitTransform(a);
            bytes = Math.Min(bytes, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        // The one-pass power iterations (GramPass) add per thread a row block of A Q (256 KiB of A's rows: 819 rows here,
        // times l), an n x l and an l x l partial, and per fit their n x l sum and l x l Gram, plus 16 KiB for each of
        // the five checks of the Gram's eigenvalues after a pass (its double copy, Eigh's vectors and work: 72 KB
        // measured for the five): about 0.3 MB on two threads.
        int threads = Math.Min(Parallelism.Default.Threads, 2), rows = (1 << 18) / (8 * n);
        long bound = 8L * m * (l + k) + (256 << 10) + threads * 8L * (rows * l + n * l + l * l) + 8L * (n * l + l * l) + 5 * (16 << 10);
        Assert.True(bytes <= bound, $"TruncatedSvd.FitTransform allocated {bytes} bytes > {bound}");
        // As in Top_singular_values_match_the_full_svd: the range error (0.01 / 6.25)^11 is nil; rounding is a few m eps sigma_1.
        var s = model.SingularValues.ToArray();
        double tol = 10 * m * Fixtures.Eps * sigma[0];
        for (int j = 0; j < k; j++)
        {
            Assert.True(Math.Abs(s[j] - sigma[j]) <= tol, $"sigma_{j}: {s[j]:R} vs {sigma[j]:R}");
            double norm = Math.Sqrt(NDArray.Dot(z[.., j], z[.., j]));
            Assert.True(Math.Abs(norm - s[j]) <= tol, $"|U S|_{j} = {norm:R} vs {s[j]:R}");
        }
    }

    [Fact]
    public void Without_power_iterations_the_estimates_never_exceed_the_true_values()
    {
        // B = Q^T A with orthonormal Q: sigma_j(B) <= sigma_j(A) (interlacing), whatever the sample.
        var a = NDArray.Normal([80, 60], 0.0, 1.0, seed: 5);
        var exact = Linalg.Svdvals(a).ToArray();
        for (int seed = 0; seed < 3; seed++)
        {
            var s = new TruncatedSvd<double>(4, nOversamples: 2, nIter: 0, seed: seed).Fit(a).SingularValues.ToArray();
            for (int j = 0; j < 4; j++) Assert.True(s[j] <= exact[j] * (1 + 100 * Fixtures.Eps), $"seed {seed}, sigma_{j}: {s[j]} > {exact[j]}");
        }
    }

    [Fact]
    public void Explained_variance_follows_the_definition_from_an_exact_svd()
    {
        var a = LowRankPlusNoise(out _) + 3.0;   // not centred: TruncatedSvd does not centre
        var model = new TruncatedSvd<double>(3, seed: 1);
        var z = model.FitTransform(a);
        var (u, s, _) = Linalg.Svd(a, fullMatrices: false);
        var zExact = u[.., ..3] * s[..3];
        var varExact = zExact.Var(0).ToArray();
        double total = a.Var(0).Sum();
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(varExact[j], model.ExplainedVariance[j], 1e-9 * varExact[j]);
            Assert.Equal(varExact[j] / total, model.ExplainedVarianceRatio[j], 1e-9);
        }
        Assert.True(Fixtures.MaxDiff(z, model.Transform(a)) <= 1e-10 * Fixtures.MaxAbs(z));
        // Rank-3 reconstruction error equals the discarded spectrum (Eckart-Young) when U S V^T is exact.
        var approx = model.InverseTransform(z);
        double err = Linalg.Norm(a - approx, "fro");
        double discarded = Math.Sqrt(Linalg.Svdvals(a).ToArray().Skip(3).Sum(v => v * v));
        Assert.Equal(discarded, err, 1e-8 * discarded);
    }

    [Fact]
    public void Same_seed_same_result_and_signs_are_deterministic()
    {
        var a = LowRankPlusNoise(out _);
        var c1 = new TruncatedSvd<double>(3, seed: 42).Fit(a).Components;
        var c2 = new TruncatedSvd<double>(3, seed: 42).Fit(a).Components;
        NumAssert.Equal(c1, c2);
        var c3 = new TruncatedSvd<double>(3, seed: 7).Fit(a).Components;
        Assert.True(Fixtures.MaxDiff(c1, c3) <= 1e-12, "another seed, same converged components with the same signs");
        for (int j = 0; j < 3; j++) Assert.True(c1[j, ..].ToArray().MaxBy(Math.Abs) > 0);
    }

    [Fact]
    public void Float_matches_double()
    {
        var a = LowRankPlusNoise(out _);
        var af = NDArray.FromArray(a.ToArray().Select(v => (float)v).ToArray(), 300, 120);
        var sf = new TruncatedSvd<float>(5, seed: 0).Fit(af).SingularValues.ToArray();
        var sd = Linalg.Svdvals(a).ToArray();
        for (int j = 0; j < 5; j++) Assert.True(Math.Abs(sf[j] - sd[j]) <= 10 * 300 * Math.Pow(2, -23) * sd[0], $"sigma_{j}");
    }

    [Fact]
    public void Errors()
    {
        var a = NDArray.Normal([10, 6], 0.0, 1.0, seed: 2);
        Assert.Throws<ArgumentException>(() => new TruncatedSvd<double>(7).Fit(a));
        var nan = a.Copy(); nan[0, 0] = double.NaN;
        Assert.Throws<NonFiniteException>(() => new TruncatedSvd<double>(2).Fit(nan));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TruncatedSvd<double>(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TruncatedSvd<double>(2, seed: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TruncatedSvd<double>(2, nIter: -1));
        var unfitted = new TruncatedSvd<double>(2);
        Assert.Throws<NotFittedException>(() => unfitted.Transform(a));
        Assert.Throws<NotFittedException>(() => unfitted.Components);
        var m = new TruncatedSvd<double>(2, seed: 0).Fit(a);
        Assert.Throws<ShapeMismatchException>(() => m.Transform(NDArray.Zeros<double>(3, 5)));
        Assert.Throws<ShapeMismatchException>(() => m.InverseTransform(NDArray.Zeros<double>(3, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomizedSvd.Compute(a, 0, new Rng(1)));
    }
}
