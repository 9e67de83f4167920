using System.Diagnostics;
using System.Globalization;
using Linea;
using Linea.Distributed;
using Linea.ML.NeuralNet;

// Data-parallel training of a 64-64-10 MLP on the digits: every rank keeps a balanced row block of the training
// set, gradients are allreduced each step, and rank 0 then trains the same network in one process to show that the
// weights agree to rounding.
//   mpirun --allow-run-as-root --oversubscribe -np 2 dotnet run --project examples/DistributedTraining [-- epochs]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int epochs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
const int BatchSize = 64;
const ulong Seed = 42;

MpiEnvironment.Run(world =>
{
    // Every rank reads the small file; a large data set would be read as row blocks (each rank its own rows).
    var data = Csv.Read<double>(Path.Combine(AppContext.BaseDirectory, "digits.csv"));
    int n = (int)data.Shape[0], trainRows = n * 4 / 5;
    var pixels = (data[.., ..64] / 16.0).Contiguous();
    var labels = data[.., 64].Contiguous();
    var part = RowPartition.Balanced(trainRows, world.Size);
    int start = (int)part.Offset(world.Rank), stop = start + (int)part.Count(world.Rank);
    var xMine = pixels[start..stop].Contiguous();
    var yMine = labels[start..stop].Contiguous();

    Sequential<double> Network() => new(
        [new Dense<double>(64, 64, WeightInit.HeNormal), new ReLU<double>(), new Dense<double>(64, 10)],
        new SoftmaxCrossEntropy<double>(), Seed);

    var net = Network();
    world.Barrier();
    var clock = Stopwatch.StartNew();
    var history = net.FitDataParallel(world, xMine, yMine, epochs, BatchSize, new Adam(3e-3));
    world.Barrier();
    double seconds = clock.Elapsed.TotalSeconds;

    if (world.IsRoot)
    {
        var xTest = pixels[trainRows..].Contiguous();
        var yTest = labels[trainRows..].Contiguous();
        var eval = net.Evaluate(xTest, yTest);

        var single = Network();
        single.Fit(pixels[..trainRows].Contiguous(), labels[..trainRows].Contiguous(), epochs, BatchSize, new Adam(3e-3));
        var wDist = new double[net.ParameterCount];
        var wSingle = new double[single.ParameterCount];
        net.CopyParametersTo(wDist);
        single.CopyParametersTo(wSingle);
        double maxDiff = wDist.Zip(wSingle, (a, b) => Math.Abs(a - b)).Max();

        Console.WriteLine($"ranks: {world.Size}");
        Console.WriteLine($"rows_per_rank: {string.Join(",", Enumerable.Range(0, world.Size).Select(part.Count))}");
        Console.WriteLine($"train_samples: {trainRows}");
        Console.WriteLine($"test_samples: {n - trainRows}");
        Console.WriteLine($"parameters: {net.ParameterCount}");
        Console.WriteLine($"epochs: {epochs}");
        Console.WriteLine($"batch_size: {BatchSize}");
        Console.WriteLine($"seconds: {seconds:F3}");
        Console.WriteLine($"samples_per_second: {(double)epochs * trainRows / seconds:F0}");
        Console.WriteLine($"train_loss: {history[^1].Loss:F4}");
        Console.WriteLine($"accuracy: {eval.Accuracy:F4}");
        Console.WriteLine($"max_diff_vs_single: {maxDiff:E3}");
    }
});
