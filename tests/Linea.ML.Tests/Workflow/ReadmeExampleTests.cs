namespace Linea.ML.Tests.Workflow;

public class ReadmeExampleTests
{
    [Fact]
    public void The_readme_scikit_learn_example_runs_and_round_trips()
    {
        var (X, y) = WorkflowFixture.Iris();
        string path = Path.Combine(Path.GetTempPath(), $"iris-{Guid.NewGuid()}.linea");
        try
        {
            // The README's "scikit-learn workflow" example, line for line.
            var (xTrain, xTest, yTrain, yTest) = ML.ModelSelection.TrainTestSplit(X, y, testSize: 0.2, seed: 0, stratify: y);
            var pipe = new Pipeline<double>(("scale", new StandardScaler<double>()), ("clf", new LogisticRegression<double>()));
            var search = new GridSearchCV<double>(pipe, new Dictionary<string, object?[]> { ["clf__c"] = [0.1, 1.0, 10.0] }, cv: 5);
            search.Fit(xTrain, yTrain);
            var best = search.BestEstimator;
            double[] cv = ML.ModelSelection.CrossValScore(best, xTrain, yTrain, cv: 5, Scoring.Get<double>("f1_macro"));
            var yPred = best.Predict(xTest);
            double accuracy = ML.Metrics.AccuracyScore(yTest, yPred);
            ModelFile.Save(path, best);
            var loaded = (Pipeline<double>)ModelFile.Load<double>(path);

            Assert.Equal(5, cv.Length);
            Assert.True(accuracy >= 0.9, $"held-out accuracy {accuracy}");
            Assert.Equal(yPred.ToArray(), loaded.Predict(xTest).ToArray());
            Assert.Equal(((Pipeline<double>)best).PredictProba(xTest).ToArray(), loaded.PredictProba(xTest).ToArray());
        }
        finally { File.Delete(path); }
    }
}
