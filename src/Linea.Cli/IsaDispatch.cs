using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Linea.Cli;

/// <summary>
/// Picks the fastest Native AOT build of <c>linea</c> that this CPU runs. An AOT binary is compiled for one instruction
/// set and stops at start-up on a CPU without it ("The required instruction sets are not supported by the current
/// CPU"), and inside it <c>Vector512.IsHardwareAccelerated</c> is a constant, so the linux-x64 tool package carries the
/// portable build (the entry point, x86-64-v1 to SSE4.2) and, beside it, <c>Linea.Cli.x86-64-v3</c> (AVX2, FMA) and
/// <c>Linea.Cli.x86-64-v4</c> (AVX-512). The entry point reads the CPU's flags from <c>/proc/cpuinfo</c> (the kernel
/// lists AVX-512 only where it saves the registers) and replaces itself with the best sibling through <c>execv</c>,
/// before it touches the console: a few milliseconds. <c>LINEA_ISA=portable</c> (or <c>x86-64-v3</c>) caps the choice.
/// Under the JIT, or where no sibling exists, nothing happens.
/// </summary>
internal static partial class IsaDispatch
{
    /// <summary>The suffixes of the sibling builds, best first, with the <c>/proc/cpuinfo</c> flags each needs.</summary>
    internal static readonly (string Level, string[] Flags)[] Levels =
    [
        ("x86-64-v4", ["avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl",
            "avx", "avx2", "bmi1", "bmi2", "fma", "f16c", "movbe", "abm"]),
        ("x86-64-v3", ["avx", "avx2", "bmi1", "bmi2", "fma", "f16c", "movbe", "abm"]),
    ];

    /// <summary>The environment variable that caps the choice: <c>portable</c>, <c>x86-64-v3</c> or <c>x86-64-v4</c>.</summary>
    internal const string CapVariable = "LINEA_ISA";

    /// <summary>
    /// In the portable AOT build on Linux x64, execs the best sibling build with <paramref name="args"/>; returns (and
    /// the caller goes on) under the JIT, in a sibling, on other platforms, or when no better sibling exists or exec fails.
    /// </summary>
    public static void ExecBestBuild(string[] args)
    {
        if (RuntimeFeature.IsDynamicCodeSupported || !OperatingSystem.IsLinux()
            || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            return;
        string? self = Environment.ProcessPath;
        if (self is null || Levels.Any(l => self.EndsWith("." + l.Level, StringComparison.Ordinal))) return;
        string? level = Choose(ReadCpuFlags(), Environment.GetEnvironmentVariable(CapVariable));
        if (level is null) return;
        string sibling = self + "." + level;
        if (!File.Exists(sibling)) return;
        var argv = new string?[args.Length + 2];
        argv[0] = sibling;
        args.CopyTo(argv, 1);
        _ = Execv(sibling, argv); // returns only on failure: then this portable build runs the command
    }

    /// <summary>
    /// The best level whose flags are all in <paramref name="cpuFlags"/>, not above <paramref name="cap"/>
    /// (null or empty: no cap; <c>portable</c> or an unknown name: none); null when none qualifies.
    /// </summary>
    internal static string? Choose(IReadOnlySet<string> cpuFlags, string? cap)
    {
        int first = 0;
        if (!string.IsNullOrEmpty(cap))
        {
            first = Array.FindIndex(Levels, l => l.Level == cap);
            if (first < 0) return null;
        }
        for (int i = first; i < Levels.Length; i++)
            if (Levels[i].Flags.All(cpuFlags.Contains)) return Levels[i].Level;
        return null;
    }

    /// <summary>The first <c>flags</c> line of <c>/proc/cpuinfo</c> as a set; empty when it cannot be read.</summary>
    internal static HashSet<string> ReadCpuFlags()
    {
        try
        {
            using var reader = new StreamReader("/proc/cpuinfo");
            while (reader.ReadLine() is { } line)
                if (line.StartsWith("flags", StringComparison.Ordinal))
                    return ParseFlagsLine(line);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return [];
    }

    /// <summary>The flags of one <c>flags : fpu vme ...</c> line.</summary>
    internal static HashSet<string> ParseFlagsLine(string line)
    {
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        return [.. line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    [LibraryImport("libc", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Execv(string path, string?[] argv);
}
