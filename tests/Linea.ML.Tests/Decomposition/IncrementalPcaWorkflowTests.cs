namespace Linea.ML.Tests.Decomposition;

/// <summary>IncrementalPca as a transformer: parameters, unfitted clones and a pipeline step.</summary>
public class IncrementalPcaWorkflowTests
{
    [Fact]
    public void CloneKeepsOrOverridesTheParametersAndIsUnfitted()
    {
        ITransformer<double> ipca = new IncrementalPca<double>(nComponents: 2, whiten: true, batchSize: 7);
        Assert.Equal(2, ipca.GetParams()["nComponents"]);
        var clone = (IncrementalPca<double>)ipca.Clone(new Dictionary<string, object?> { ["nComponents"] = 1 });
        Assert.False(clone.IsFitted);
        Assert.Equal(1, clone.NComponentsRequested);
        Assert.True(clone.Whiten);
        Assert.Equal(7, clone.BatchSize);
        Assert.Throws<ArgumentException>(() => ipca.Clone(new Dictionary<string, object?> { ["components"] = 1 }));
    }

    [Fact]
    public void FitTransformEqualsFitThenTransformAndWorksInAPipeline()
    {
        var rng = new Random(3);
        var x = NDArray.FromArray(Enumerable.Range(0, 40 * 3).Select(_ => rng.NextDouble()).ToArray()).Reshape(40, 3);
        var z = new IncrementalPca<double>(2, batchSize: 10).FitTransform(x);
        var fitted = new IncrementalPca<double>(2, batchSize: 10).Fit(x);
        NumAssert.Equal(fitted.Transform(x), z);
        // Centred projections onto orthonormal components: the scores keep the spread they capture.
        var pipe = new Pipeline<double>([("scale", new StandardScaler<double>()), ("ipca", new IncrementalPca<double>(2, batchSize: 10))]);
        var scores = pipe.FitTransform(x);
        Assert.Equal(new Shape(40, 2), scores.Shape);
        var means = scores.Mean(0);
        for (int j = 0; j < 2; j++) Assert.True(Math.Abs(means[j]) < 1e-12, $"column {j} of the scores has mean {means[j]}");
    }
}
