using Linea.ML.Clustering;
using Linea.ML.Tests.Workflow;

namespace Linea.ML.Tests.ModelSelection;

public class ModelSelectionTests
{
    [Fact]
    public void KFold_without_shuffle_matches_scikit_learn()
    {
        var expected = WorkflowFixture.Get("kfold_13_5").EnumerateArray().Select(WorkflowFixture.Ints).ToArray();
        var folds = new KFold(5).Split(13);
        Assert.Equal(expected, folds.Select(static f => f.Test).ToArray());
        foreach (var (train, test) in folds) Assert.Equal(Enumerable.Range(0, 13), train.Concat(test).Order());
    }

    [Fact]
    public void StratifiedKFold_without_shuffle_matches_scikit_learn()
    {
        var (x, y) = WorkflowFixture.Iris();
        var expected = WorkflowFixture.Get("stratified_iris_5").EnumerateArray().Select(WorkflowFixture.Ints).ToArray();
        Assert.Equal(expected, new StratifiedKFold(5).Split(x, y).Select(static f => f.Test).ToArray());
        var u = WorkflowFixture.Get("stratified_unbalanced_3");
        var yu = NDArray.FromArray(WorkflowFixture.Vector(u.GetProperty("y")));
        var expectedU = u.GetProperty("tests").EnumerateArray().Select(WorkflowFixture.Ints).ToArray();
        Assert.Equal(expectedU, new StratifiedKFold(3).Split(yu).Select(static f => f.Test).ToArray());
    }

    [Fact]
    public void Shuffled_splitters_are_seeded_partitions_that_keep_class_shares()
    {
        var (x, y) = WorkflowFixture.Iris();
        var a = new StratifiedKFold(5, shuffle: true, seed: 3).Split(x, y);
        var b = new StratifiedKFold(5, shuffle: true, seed: 3).Split(x, y);
        var c = new StratifiedKFold(5, shuffle: true, seed: 4).Split(x, y);
        Assert.Equal(a.Select(f => f.Test), b.Select(f => f.Test));
        Assert.NotEqual(a.Select(f => f.Test), c.Select(f => f.Test));
        Assert.Equal(Enumerable.Range(0, 150), a.SelectMany(f => f.Test).Order());
        foreach (var (_, test) in a)
            for (int cls = 0; cls < 3; cls++) Assert.Equal(10, test.Count(i => y[i] == cls));
        var k = new KFold(4, shuffle: true, seed: 1).Split(10);
        Assert.Equal(Enumerable.Range(0, 10), k.SelectMany(f => f.Test).Order());
        Assert.Equal(new[] { 3, 3, 2, 2 }, k.Select(f => f.Test.Length));
        Assert.Throws<ArgumentException>(() => new StratifiedKFold(4).Split(NDArray.FromArray(new double[] { 0, 0, 1, 1, 2, 2 })));
        Assert.Throws<ArgumentException>(() => new KFold(5).Split(4));
    }

    [Fact]
    public void TrainTestSplit_is_seeded_and_stratified()
    {
        var (x, y) = WorkflowFixture.Iris();
        var (xtr, xte, ytr, yte) = Linea.ML.ModelSelection.TrainTestSplit(x, y, testSize: 0.2, seed: 7, stratify: y);
        Assert.Equal(new long[] { 120, 4 }, xtr.Shape.ToArray());
        Assert.Equal(30, yte.Shape[0]);
        for (int cls = 0; cls < 3; cls++) Assert.Equal(10, yte.ToArray().Count(v => v == cls));
        // Rows travel with their labels: every test row is an iris row of the same species.
        var rows = Enumerable.Range(0, 150).Select(i => string.Join(',', x[i, ..].ToArray()) + ":" + y[i]).ToHashSet();
        for (int i = 0; i < 30; i++) Assert.Contains(string.Join(',', xte[i, ..].ToArray()) + ":" + yte[i], rows);
        var again = Linea.ML.ModelSelection.TrainTestSplit(x, y, testSize: 0.2, seed: 7, stratify: y);
        Assert.Equal(xte.ToArray(), again.XTest.ToArray());
        // Unshuffled: the last ceil(0.25 n) rows are the test part, as scikit-learn.
        var plain = Linea.ML.ModelSelection.TrainTestSplit(x, y, shuffle: false);
        Assert.Equal(38, plain.XTest.Shape[0]);
        Assert.Equal(x[112.., ..].ToArray(), plain.XTest.ToArray());
        Assert.Throws<ArgumentException>(() => Linea.ML.ModelSelection.TrainTestSplit(x, y, shuffle: false, stratify: y));
        Assert.Throws<ArgumentOutOfRangeException>(() => Linea.ML.ModelSelection.TrainTestSplit(x, y, testSize: 1.5));
        Assert.Throws<ShapeMismatchException>(() => Linea.ML.ModelSelection.TrainTestSplit(x, y[..10]));
    }

    [Fact]
    public void CrossValScore_matches_scikit_learn_on_iris()
    {
        var (x, y) = WorkflowFixture.Iris();
        var expected = WorkflowFixture.Vector(WorkflowFixture.Get("cross_val_score_iris"));
        var template = new LogisticRegression<double>(tol: 1e-10);
        var scores = Linea.ML.ModelSelection.CrossValScore(template, x, y, cv: 5);
        Assert.Equal(expected, scores);
        Assert.False(template.IsFitted);
        // A regressor gets plain KFold: Ridge on iris petal width from the other columns, R^2 per fold.
        var r2 = Linea.ML.ModelSelection.CrossValScore(new Ridge<double>(), x[.., ..3].Contiguous(), x[.., 3].Contiguous(), cv: 3, Scoring.Get<double>("r2"));
        Assert.Equal(3, r2.Length);
    }

    [Fact]
    public void GridSearch_over_a_pipeline_matches_scikit_learn()
    {
        var (x, y) = WorkflowFixture.Iris();
        var f = WorkflowFixture.Get("grid_search_iris");
        var pipe = new Pipeline<double>(("scale", new StandardScaler<double>()), ("clf", new LogisticRegression<double>(tol: 1e-10)));
        var search = new GridSearchCV<double>(pipe, new Dictionary<string, object?[]> { ["clf__c"] = [0.01, 0.1, 1.0, 10.0] }).Fit(x, y);
        var expectedSplits = f.GetProperty("split_scores").EnumerateArray().Select(WorkflowFixture.Vector).ToArray();
        for (int i = 0; i < 4; i++) Assert.Equal(expectedSplits[i], search.CvResults[i].SplitScores);
        var means = WorkflowFixture.Vector(f.GetProperty("mean_test_score"));
        for (int i = 0; i < 4; i++) Assert.Equal(means[i], search.CvResults[i].MeanTestScore, 1e-15);
        Assert.Equal(f.GetProperty("best_C").GetDouble(), search.BestParams["clf__c"]);
        Assert.Equal(f.GetProperty("best_score").GetDouble(), search.BestScore, 1e-15);
        Assert.Equal(1, search.CvResults[search.BestIndex].Rank);
        // The refitted best model is the pipeline with C = 10 fitted on all the data.
        var direct = new Pipeline<double>(("scale", new StandardScaler<double>()), ("clf", new LogisticRegression<double>(10.0, tol: 1e-10))).Fit(x, y);
        Assert.Equal(direct.PredictProba(x).ToArray(), search.PredictProba(x).ToArray());
        Assert.False(pipe.IsFitted);
        Assert.Throws<ArgumentException>(() => new GridSearchCV<double>(pipe, new Dictionary<string, object?[]> { ["clf__nope"] = [1.0] }).Fit(x, y));
        Assert.Throws<ArgumentException>(() => new GridSearchCV<double>(pipe, new Dictionary<string, object?[]> { ["clf__c"] = [] }));
    }

    [Fact]
    public void GridSearch_enumerates_the_grid_in_scikit_learn_order_with_a_custom_scorer()
    {
        var x = NDArray.FromArray(new double[,] { { 0 }, { 1 }, { 2 }, { 3 }, { 4 }, { 5 }, { 6 }, { 7 } });
        var y = x[.., 0] * 2.0 + 1.0;
        var search = new GridSearchCV<double>(new Ridge<double>(), new Dictionary<string, object?[]>
        {
            ["fitIntercept"] = [false, true],
            ["alpha"] = [0.0, 10.0],
        }, new KFold(4), Scoring.Get<double>("neg_mean_squared_error")).Fit(x, y);
        // Keys sorted (alpha, fitIntercept), the last varying fastest.
        Assert.Equal(new object?[] { 0.0, false }, new[] { search.CvResults[0].Params["alpha"], search.CvResults[0].Params["fitIntercept"] });
        Assert.Equal(new object?[] { 0.0, true }, new[] { search.CvResults[1].Params["alpha"], search.CvResults[1].Params["fitIntercept"] });
        // alpha 0 with intercept fits y = 2x + 1 exactly.
        Assert.Equal(1, search.BestIndex);
        Assert.True(Math.Abs(search.BestScore) <= 1e-24);
        var noRefit = new GridSearchCV<double>(new Ridge<double>(), new Dictionary<string, object?[]> { ["alpha"] = [0.0, 1.0] }, new KFold(4), refit: false).Fit(x, y);
        Assert.Equal(0.0, noRefit.BestParams["alpha"]);
        Assert.Throws<NotFittedException>(() => noRefit.Predict(x));
    }

    [Fact]
    public void Clone_applies_parameters_and_copies_nothing_fitted()
    {
        var (x, y) = WorkflowFixture.Iris();
        IModel<double> lr = new LogisticRegression<double>(c: 3).Fit(x, y);
        var copy = (LogisticRegression<double>)lr.Clone(new Dictionary<string, object?> { ["c"] = "0.5", ["maxIter"] = 7 });
        Assert.False(copy.IsFitted);
        Assert.Equal(0.5, copy.C);
        Assert.Equal(7, copy.MaxIter);
        Assert.Throws<ArgumentException>(() => lr.Clone(new Dictionary<string, object?> { ["alpha"] = 1.0 }));
        Assert.Throws<ArgumentException>(() => lr.Clone(new Dictionary<string, object?> { ["c"] = "lots" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => lr.Clone(new Dictionary<string, object?> { ["c"] = -1.0 }));
        IModel<double> km = new KMeans<double>(3, seed: 5);
        Assert.Equal(3, km.GetParams()["nClusters"]);
        Assert.Equal(4, ((KMeans<double>)km.Clone(new Dictionary<string, object?> { ["nClusters"] = 4 })).NClusters);
        IModel<double> pca = new Pca<double>(2);
        Assert.Equal(0.9, ((Pca<double>)pca.Clone(new Dictionary<string, object?> { ["nComponents"] = 0.9 })).NComponentsRequested.Fraction);
    }
}
