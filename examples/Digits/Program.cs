using System.Globalization;
using Linea.Examples.Digits;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string path = args.Length > 0 ? args[0] : DigitsTraining.DefaultDataPath;
string outputDir = args.Length > 1 ? args[1] : Path.Combine(AppContext.BaseDirectory, "output");
Console.WriteLine("digits: 8x8 images, 64 features scaled to [0, 1], 10 classes; network 64-128-10 (ReLU, softmax cross-entropy, Adam 1e-3), 20 epochs, batch 32, seed 42");
var result = DigitsTraining.Run(path, onEpoch: Console.WriteLine);
Console.WriteLine($"train_samples: {result.TrainSamples}");
Console.WriteLine($"test_samples: {result.TestSamples}");
Console.WriteLine($"train_accuracy: {result.TrainAccuracy:F4}");
Console.WriteLine($"test_accuracy: {result.TestAccuracy:F4}");
Console.WriteLine($"test_loss: {result.TestLoss:F4}");
Console.WriteLine($"train_seconds: {result.Seconds:F2}");
Console.WriteLine("confusion matrix (rows: true digit, columns: predicted digit):");
Console.WriteLine("     " + string.Concat(Enumerable.Range(0, 10).Select(j => $"{j,4}")));
for (int i = 0; i < 10; i++)
    Console.WriteLine($"{i,4} " + string.Concat(Enumerable.Range(0, 10).Select(j => $"{result.Confusion[i, j],4}")));
var (lossPlot, confusionPlot) = DigitsFigures.Write(result, outputDir);
Console.WriteLine($"loss_plot: {lossPlot}");
Console.WriteLine($"confusion_plot: {confusionPlot}");
