namespace Linea.ML.Tests.Metrics;

public class MetricsTests
{
    [Fact]
    public void Hand_values()
    {
        var y = NDArray.FromArray(new double[] { 3, -0.5, 2, 7 });
        var p = NDArray.FromArray(new double[] { 2.5, 0.0, 2, 8 });
        // Residuals 0.5, -0.5, 0, -1: SSE 1.5, MSE 0.375; mean(y) = 2.875, SST = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875.
        Assert.Equal(0.375, ML.Metrics.MeanSquaredError(y, p), 1e-15);
        Assert.Equal(Math.Sqrt(0.375), ML.Metrics.RootMeanSquaredError(y, p), 1e-15);
        Assert.Equal(1 - 1.5 / 29.1875, ML.Metrics.R2Score(y, p), 1e-15);
        var constant = NDArray.FromArray(new double[] { 2, 2, 2 });
        Assert.Equal(1.0, ML.Metrics.R2Score(constant, constant));
        Assert.Equal(0.0, ML.Metrics.R2Score(constant, NDArray.FromArray(new double[] { 2, 2, 3 })));
    }

    [Fact]
    public void Errors()
    {
        var y = NDArray.FromArray(new double[] { 1, 2, 3 });
        Assert.Throws<ShapeMismatchException>(() => ML.Metrics.R2Score(y, y[..2]));
        Assert.Throws<ShapeMismatchException>(() => ML.Metrics.MeanSquaredError(NDArray.Zeros<double>(0), NDArray.Zeros<double>(0)));
        Assert.Throws<NonFiniteException>(() => ML.Metrics.MeanSquaredError(y, NDArray.FromArray(new double[] { 1, double.NaN, 3 })));
    }
}
