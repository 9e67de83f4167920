using System.Diagnostics;

namespace Linea.Bench;

/// <summary>
/// `storage`: the big-tensor checks of the storage issue, one line each.
/// mmap: a (50000, 50000) float32 .npy (10 GB, created sparse) opens read-only; reports the open time and the
/// process's resident memory after opening and after summing one row (only that row's pages are read).
/// native: a 3,000,000,000-element float32 tensor in native memory (12 GB) is created, filled, sliced and reduced.
/// Options: --skip-native, --dir PATH (where the sparse file goes; default the temp folder).
/// </summary>
internal static class StorageRunner
{
    public static int Run(string[] args)
    {
        string dir = Arg(args, "--dir") ?? Path.GetTempPath();
        Mapped(dir);
        if (!args.Contains("--skip-native")) Native();
        return 0;
    }

    private static void Mapped(string dir)
    {
        const long n = 50_000;
        string path = Path.Combine(dir, $"linea-storage-bench-{Environment.ProcessId}.npy");
        try
        {
            var sw = Stopwatch.StartNew();
            using (var created = Npy.OpenMemmap<float>(path, MmapMode.ReadWrite, n, n))
                created[n / 2, ..] = NDArray.Full([n], 1f);
            double createS = sw.Elapsed.TotalSeconds;
            GC.Collect();
            long rssBefore = ResidentBytes();
            sw.Restart();
            using var a = Npy.Load<float>(path, MmapMode.ReadOnly);
            double openS = sw.Elapsed.TotalSeconds;
            long rssOpen = ResidentBytes();
            sw.Restart();
            float rowSum = a[n / 2, ..].Sum();
            double sumS = sw.Elapsed.TotalSeconds;
            long rssRow = ResidentBytes();
            Console.WriteLine($"storage mmap shape=({n}, {n}) dtype=float32 file_gb={new FileInfo(path).Length / 1e9:F1} create_s={createS:F3} open_s={openS:F4} " +
                              $"rss_before_mb={rssBefore / 1e6:F0} rss_open_mb={rssOpen / 1e6:F0} row_sum={rowSum} row_sum_s={sumS:F4} rss_after_row_mb={rssRow / 1e6:F0}");
        }
        finally
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            File.Delete(path);
        }
    }

    private static void Native()
    {
        const long size = 3_000_000_000;
        var sw = Stopwatch.StartNew();
        using var t = NDArray.Empty<float>(new Shape(size), StorageKind.Native);
        double allocS = sw.Elapsed.TotalSeconds;
        sw.Restart();
        t.Fill(1f);
        double fillS = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var slice = t[Slice.Range(2_500_000_000L, null, 2)];
        float sliceSum = slice.Sum();
        double sliceS = sw.Elapsed.TotalSeconds;
        sw.Restart();
        float total = t.Sum();
        double sumS = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var m = t.Reshape(3, -1).Max(1);
        double maxS = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"storage native size={size} dtype=float32 gb={size * 4 / 1e9:F0} alloc_s={allocS:F3} fill_s={fillS:F2} " +
                          $"slice_len={slice.Size} slice_sum={sliceSum} slice_sum_s={sliceS:F2} sum={total} sum_s={sumS:F2} sum_gbps={size * 4 / 1e9 / sumS:F1} rowmax={m} rowmax_s={maxS:F2}");
    }

    private static long ResidentBytes()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return Environment.WorkingSet;
    }

    private static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
