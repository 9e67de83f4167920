using Linea.ML.Clustering;

namespace Linea.ML.Tests.Clustering;

/// <summary>MiniBatchKMeans as an estimator: parameters, unfitted clones, predictions and score through the interface.</summary>
public class MiniBatchKMeansWorkflowTests
{
    [Fact]
    public void CloneOverridesParametersAndTheInterfaceAgreesWithTheClass()
    {
        // Two tight groups at 0 and 10 on a line: the centres are their means, the score minus the within-group spread.
        var x = NDArray.FromArray(new double[,] { { 0 }, { 1 }, { 10 }, { 11 } });
        IEstimator<double> est = new MiniBatchKMeans<double>(nClusters: 3, batchSize: 4, seed: 1);
        var clone = (MiniBatchKMeans<double>)est.Clone(new Dictionary<string, object?> { ["nClusters"] = 2 });
        Assert.False(clone.IsFitted);
        Assert.Equal(2, clone.NClusters);
        Assert.Equal(4, clone.BatchSize);
        var fitted = (IEstimator<double>)((IEstimator<double>)clone).Fit(x, null);
        var labels = fitted.Predict(x);
        Assert.Equal(labels[0], labels[1]);
        Assert.Equal(labels[2], labels[3]);
        Assert.NotEqual(labels[0], labels[2]);
        Assert.Equal(-1.0, fitted.Score(x, x), 12);   // four points each 0.5 from their centre: 4 * 0.25
        Assert.Throws<ArgumentException>(() => est.Clone(new Dictionary<string, object?> { ["k"] = 2 }));
    }
}
