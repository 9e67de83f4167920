using System.Globalization;

namespace Linea.Bench;

/// <summary>
/// `stream [--threads 2] [--passes 10]`: the machine's memory bandwidth (<see cref="MemoryBandwidth"/>), one line
/// <c>stream threads=.. triad_gbs=.. read_gbs=.. best_gbs=..</c>, best of --passes passes of each kernel.
/// </summary>
internal static class StreamRunner
{
    public static int Run(string[] args)
    {
        string? Arg(string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        int threads = int.Parse(Arg("--threads") ?? Parallelism.Default.Threads.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int passes = int.Parse(Arg("--passes") ?? "10", CultureInfo.InvariantCulture);
        var bw = new MemoryBandwidth(threads).Measure(passes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stream threads={threads} passes={passes} triad_gbs={bw.TriadGbs:F2} read_gbs={bw.ReadGbs:F2} best_gbs={bw.BestGbs:F2}"));
        return 0;
    }
}
