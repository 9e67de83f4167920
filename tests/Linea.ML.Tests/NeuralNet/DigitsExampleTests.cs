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

        // The figures (Linea.Plot): the loss curves and the annotated confusion matrix, as PNGs of the stated sizes.
        string dir = Path.Combine(Path.GetTempPath(), "linea-digits-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (loss, confusion) = DigitsFigures.Write(result, dir);
            Assert.Equal((800, 600), PngSize(loss));
            Assert.Equal((700, 600), PngSize(confusion));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static (int Width, int Height) PngSize(string path)
    {
        var png = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
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
