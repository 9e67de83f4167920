using Linea.Plot;

namespace Linea.Examples.Digits;

/// <summary>The training run's figures, drawn with Linea.Plot: loss curves and the confusion matrix.</summary>
public static class DigitsFigures
{
    /// <summary>
    /// Writes <c>digits_loss.png</c> (training and held-out loss per epoch) and <c>digits_confusion.png</c> (the
    /// held-out confusion matrix, annotated) into <paramref name="outputDir"/>; returns the two paths.
    /// </summary>
    public static (string Loss, string Confusion) Write(DigitsResult result, string outputDir)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(outputDir);
        var epochs = NDArray.FromArray(result.History.Select(h => (double)h.Epoch).ToArray());
        using var loss = new Figure { Title = "digits: cross-entropy per epoch", XLabel = "epoch", YLabel = "loss" };
        loss.Line(epochs, NDArray.FromArray(result.History.Select(h => h.Loss).ToArray()), label: "train");
        if (result.History.All(h => h.ValidationLoss is not null))
            loss.Line(epochs, NDArray.FromArray(result.History.Select(h => h.ValidationLoss!.Value).ToArray()), label: "held out");
        string lossPath = loss.SavePng(Path.Combine(outputDir, "digits_loss.png"));

        var counts = new double[10, 10];
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 10; j++) counts[i, j] = result.Confusion[i, j];
        using var confusion = new Figure { Title = "digits: held-out confusion matrix", XLabel = "predicted digit", YLabel = "true digit" };
        confusion.Heatmap(NDArray.FromArray(counts), annotate: true, colorbarLabel: "images");
        string confusionPath = confusion.SavePng(Path.Combine(outputDir, "digits_confusion.png"), 700, 600);
        return (lossPath, confusionPath);
    }
}
