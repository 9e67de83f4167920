using Linea.Examples.Digits;

namespace Linea.ML.Tests.NeuralNet;

public class DigitsExampleTests
{
    [Fact]
    public void TheDigitsNetworkReachesNinetyFivePercentOnHeldOutImages()
    {
        var result = DigitsTraining.Run(DigitsTraining.DefaultDataPath, seed: 42);
        Assert.Equal(1797, result.TrainSamples + result.TestSamples);
        Assert.InRange(result.TestSamples, 355, 365);          // about 20% of every class
        Assert.True(result.TestAccuracy >= 0.95, $"test accuracy {result.TestAccuracy}");
        Assert.Equal(20, result.History.Count);
        // The confusion matrix counts every held-out image once, and its diagonal is the accuracy.
        int total = 0, correct = 0;
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 10; j++) { total += result.Confusion[i, j]; if (i == j) correct += result.Confusion[i, j]; }
        Assert.Equal(result.TestSamples, total);
        Assert.Equal(result.TestAccuracy, (double)correct / total, 1e-15);
    }

    [Fact]
    public void TheSplitIsStratifiedAndDisjoint()
    {
        var labels = NDArray.FromArray(Enumerable.Range(0, 100).Select(i => (double)(i % 4)).ToArray());
        var (train, test) = DigitsTraining.StratifiedSplit(labels, 0.2, seed: 1);
        Assert.Equal(20, test.Length);
        Assert.Empty(train.Intersect(test));
        Assert.Equal(Enumerable.Range(0, 100), train.Concat(test).Order());
        Assert.All(Enumerable.Range(0, 4), c => Assert.Equal(5, test.Count(i => i % 4 == c)));
    }
}
