namespace Linea.ML.Tests.Decomposition;

/// <summary>The covariance (Gram eigendecomposition) solver against the SVD solver on the same data.</summary>
public class PcaCovarianceTests
{
    /// <summary>n x p data with singular values decaying from 100 by 0.8 per component, far from the origin.</summary>
    private static NDArray<double> Data(int n, int p, ulong seed)
    {
        var rng = new Rng(seed);
        var scales = NDArray.FromArray(Enumerable.Range(0, p).Select(i => 3.0 * Math.Pow(0.8, i)).ToArray());
        var (q, _) = Linalg.Qr(rng.Normal([p, p], 0.0, 1.0));
        return (rng.Normal([n, p], 0.0, 1.0) * scales).MatMul(q.T) + 50.0;
    }

    [Theory]
    [InlineData(SignConvention.ComponentBased)]
    [InlineData(SignConvention.SampleBased)]
    public void Agrees_with_the_svd_solver(SignConvention signs)
    {
        var x = Data(3000, 30, 1);
        var full = new Pca<double>(10, signs: signs, solver: PcaSolver.Full).Fit(x);
        var cov = new Pca<double>(10, signs: signs, solver: PcaSolver.CovarianceEigh).Fit(x);
        Assert.Equal(PcaSolver.Full, full.SolverUsed);
        Assert.Equal(PcaSolver.CovarianceEigh, cov.SolverUsed);
        double eps = Precision.Eps<double>();
        var ef = full.ExplainedVariance.ToArray();
        var ec = cov.ExplainedVariance.ToArray();
        for (int j = 0; j < 10; j++)
        {
            // Eigenvalues of the Gram matrix err by about p eps lambda_1 (absolute); with a margin of 100.
            double tol = 100 * 30 * eps * ef[0];
            Assert.True(Math.Abs(ec[j] - ef[j]) <= tol, $"variance {j}: {ec[j]} vs {ef[j]}");
        }
        // Eigenvectors err by about p eps lambda_1 / gap; the smallest relative gap here is 1 - 0.8^2 = 0.36 of lambda_j.
        var cf = full.Components.ToArray();
        var cc = cov.Components.ToArray();
        for (int j = 0; j < 10; j++)
        {
            double tol = 1000 * 30 * eps * ef[0] / (0.36 * ef[j]);
            for (int l = 0; l < 30; l++)
                Assert.True(Math.Abs(cc[j * 30 + l] - cf[j * 30 + l]) <= tol, $"component {j}, {l}: {cc[j * 30 + l]} vs {cf[j * 30 + l]} (same sign convention)");
        }
        NumAssert.Close(full.Mean.ToArray(), cov.Mean.ToArray(), 12);
        var tf = full.Transform(x[..5, ..]).ToArray();
        var tc = cov.FitTransform(x)[..5, ..].ToArray();
        for (int e = 0; e < tf.Length; e++) Assert.True(Math.Abs(tf[e] - tc[e]) <= 1e-8 * 50, $"score {e}: {tc[e]} vs {tf[e]}");
    }

    [Fact]
    public void Auto_picks_the_covariance_solver_only_for_large_tall_data()
    {
        Assert.Equal(PcaSolver.CovarianceEigh, new Pca<double>(3).Fit(Data(10_000, 100, 2)).SolverUsed);
        Assert.Equal(PcaSolver.Full, new Pca<double>(3).Fit(Data(500, 40, 3)).SolverUsed);   // n p^2 = 8e5
        Assert.Equal(PcaSolver.Full, new Pca<double>(3).Fit(Data(900, 100, 4)).SolverUsed);  // n < 10 p
    }

    [Fact]
    public void Nan_is_reported_by_the_covariance_solver()
    {
        var x = Data(200, 5, 5);
        x[150, 2] = double.NaN;
        Assert.Throws<NonFiniteException>(() => new Pca<double>(2, solver: PcaSolver.CovarianceEigh).Fit(x));
    }
}
