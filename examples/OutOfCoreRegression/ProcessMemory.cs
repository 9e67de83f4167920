namespace Linea.Examples.OutOfCoreRegression;

/// <summary>Linux process memory from /proc: the peak resident set (VmHWM), its reset, and MemAvailable.</summary>
internal static class ProcessMemory
{
    /// <summary>VmHWM of this process in MiB (-1 where /proc is absent).</summary>
    public static long PeakResidentMegabytes() => ReadKilobytes("/proc/self/status", "VmHWM:") / 1024;

    /// <summary>MemAvailable in bytes (long.MaxValue where unknown).</summary>
    public static long AvailableBytes()
    {
        long kb = ReadKilobytes("/proc/meminfo", "MemAvailable:");
        return kb < 0 ? long.MaxValue : kb * 1024;
    }

    /// <summary>Resets VmHWM to the current resident set (writing 5 to /proc/self/clear_refs, Linux 4.0 and later).</summary>
    public static void ResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static long ReadKilobytes(string file, string key)
    {
        if (!File.Exists(file)) return -1;
        foreach (var line in File.ReadLines(file))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return -1;
    }
}
