using Linea.ML.Clustering;

namespace Linea.ML.Tests.Workflow;

public class PipelineTests
{
    [Fact]
    public void Pipeline_equals_the_steps_applied_by_hand()
    {
        var (x, y) = WorkflowFixture.Iris();
        var pipe = new Pipeline<double>(("scale", new StandardScaler<double>()), ("pca", new Pca<double>(2)), ("clf", new LogisticRegression<double>()));
        pipe.Fit(x, y);
        // Fit uses each transformer's FitTransform (PCA's is U S, not (X - mean) V), as scikit-learn's Pipeline does.
        var s = new StandardScaler<double>();
        var p = new Pca<double>(2);
        var lr = new LogisticRegression<double>().Fit(p.FitTransform(s.FitTransform(x)), y);
        var xt = p.Transform(s.Transform(x));
        Assert.Equal(lr.PredictProba(xt).ToArray(), pipe.PredictProba(x).ToArray());
        Assert.Equal(lr.Predict(xt).ToArray(), pipe.Predict(x).ToArray());
        Assert.Equal(lr.Score(xt, y), pipe.Score(x, y));
        Assert.Same(pipe["pca"], pipe.Steps[1].Step);
        Assert.Equal(2, pipe.GetParams()["pca__nComponents"]);
        Assert.True(pipe.IsFitted);
    }

    [Fact]
    public void Transformer_pipeline_and_parameter_routing()
    {
        var (x, _) = WorkflowFixture.Iris();
        var pipe = new Pipeline<double>(("scale", new MinMaxScaler<double>()), ("pca", new Pca<double>(3)));
        var z = pipe.FitTransform(x);
        Assert.Equal(new long[] { 150, 3 }, z.Shape.ToArray());
        // FitTransform gives U S, Transform (X - mean) V: equal up to rounding of order p eps |X|.
        Assert.True(Fixtures.MaxDiff(z, pipe.Transform(x)) <= 100 * Fixtures.Eps);
        var clone = pipe.Clone(new Dictionary<string, object?> { ["pca__nComponents"] = 1, ["scale__featureMax"] = 5.0 });
        Assert.False(clone.IsFitted);
        Assert.Equal(1, ((Pca<double>)clone["pca"]).NComponentsRequested.Count);
        Assert.Equal(5.0, ((MinMaxScaler<double>)clone["scale"]).FeatureMax);
        Assert.Throws<ArgumentException>(() => pipe.Clone(new Dictionary<string, object?> { ["nComponents"] = 1 }));
        Assert.Throws<InvalidOperationException>(() => pipe.Predict(x));
    }

    [Fact]
    public void Pipeline_rejects_bad_steps()
    {
        Assert.Throws<ArgumentException>(() => new Pipeline<double>());
        Assert.Throws<ArgumentException>(() => new Pipeline<double>(("a", new Ridge<double>()), ("b", new Ridge<double>())));
        Assert.Throws<ArgumentException>(() => new Pipeline<double>(("a", new StandardScaler<double>()), ("a", new Ridge<double>())));
        Assert.Throws<ArgumentException>(() => new Pipeline<double>(("a__b", new StandardScaler<double>())));
        Assert.Throws<NotFittedException>(() => new Pipeline<double>(("s", new StandardScaler<double>()), ("r", new Ridge<double>())).Predict(NDArray.Zeros<double>(1, 1)));
    }

    [Fact]
    public void KMeans_is_an_estimator_and_a_transformer()
    {
        var (x, _) = WorkflowFixture.Iris();
        var km = new KMeans<double>(3, seed: 1).Fit(x);
        IEstimator<double> e = km;
        Assert.Equal(Array.ConvertAll(km.Predict(x).ToArray(), static l => (double)l), e.Predict(x).ToArray());
        Assert.Equal(-km.Inertia, e.Score(x, NDArray.Zeros<double>(150)), 1e-12 * km.Inertia);
        var d = km.Transform(x);
        var c = km.ClusterCenters;
        Assert.Equal(Math.Sqrt(((x[0, ..] - c[1, ..]) * (x[0, ..] - c[1, ..])).Sum()), d[0, 1], 1e-14);
    }
}
