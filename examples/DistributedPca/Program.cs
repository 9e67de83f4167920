using System.Globalization;
using Linea.Distributed;
using Linea.Examples.DistributedPca;

// mpirun --allow-run-as-root --oversubscribe -np 2 dotnet run --project examples/DistributedPca [-- --rows N --cols D
//   --components K --path FILE --seed S --repeat R --no-single]; also at -np 1 and without mpirun (a job of one rank).
DistributedPcaOptions options;
try
{
    options = Parse(args);
}
catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or IndexOutOfRangeException)
{
    Console.Error.WriteLine($"DistributedPca: {e.Message}");
    Console.Error.WriteLine("usage: DistributedPca [--rows N] [--cols D] [--components K] [--path FILE.npy] [--seed S] [--repeat R] [--no-single]");
    return 2;
}
if (!MpiEnvironment.IsAvailable)
{
    Console.Error.WriteLine($"DistributedPca: Open MPI is not available: {MpiEnvironment.UnavailableReason}");
    return 1;
}
return MpiEnvironment.Run(world =>
{
    DistributedPcaExample.Run(world, options, Console.Out);
    return 0;
});

static DistributedPcaOptions Parse(string[] args)
{
    var o = new DistributedPcaOptions();
    for (int i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        o = args[i] switch
        {
            "--rows" => o with { Rows = long.Parse(Value(), CultureInfo.InvariantCulture) },
            "--cols" => o with { Cols = int.Parse(Value(), CultureInfo.InvariantCulture) },
            "--components" => o with { Components = int.Parse(Value(), CultureInfo.InvariantCulture) },
            "--path" => o with { Path = Value() },
            "--seed" => o with { Seed = ulong.Parse(Value(), CultureInfo.InvariantCulture) },
            "--repeat" => o with { Repeats = int.Parse(Value(), CultureInfo.InvariantCulture) },
            "--no-single" => o with { CompareWithSingle = false },
            _ => throw new ArgumentException($"unknown option '{args[i]}'"),
        };
    }
    if (o.Rows < 2) throw new ArgumentException($"--rows must be at least 2 (got {o.Rows})");
    if (o.Cols < 1) throw new ArgumentException($"--cols must be at least 1 (got {o.Cols})");
    if (o.Components < 1 || o.Components > Math.Min(o.Rows, o.Cols))
        throw new ArgumentException($"--components must be in 1..min(rows, cols) = {Math.Min(o.Rows, o.Cols)} (got {o.Components})");
    if (o.Repeats < 1) throw new ArgumentException($"--repeat must be at least 1 (got {o.Repeats})");
    return o;
}
