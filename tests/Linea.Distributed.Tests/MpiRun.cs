using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Linea.Distributed.Tests;

/// <summary>What one mpirun job printed and how it ended.</summary>
public sealed record MpiRunResult(int ExitCode, string StdOut, string StdErr, TimeSpan Elapsed)
{
    /// <summary>The output lines that start with "[rank R] PASS ".</summary>
    public IReadOnlyList<string> Passed => Lines("PASS");

    /// <summary>The output lines that start with "[rank R] FAIL ".</summary>
    public IReadOnlyList<string> Failed => Lines("FAIL");

    private List<string> Lines(string word) =>
        StdOut.Split('\n').Select(l => Regex.Match(l, @"\[rank \d+\] " + word + " .*")).Where(m => m.Success).Select(m => m.Value.Trim()).ToList();

    /// <summary>Everything, for assertion messages.</summary>
    public override string ToString() => $"exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

/// <summary>
/// Starts <c>mpirun --allow-run-as-root --oversubscribe -np N dotnet Linea.Distributed.Worker.dll SCENARIO</c> and
/// waits for it with a timeout; on timeout the whole process tree is killed and the test fails (nothing hangs).
/// </summary>
public static class MpiRun
{
    /// <summary>Full path of mpirun on PATH, or null.</summary>
    public static string? Path { get; } = FindOnPath("mpirun");

    /// <summary>The worker program, copied next to this test assembly by the project reference.</summary>
    public static string WorkerDll => System.IO.Path.Combine(AppContext.BaseDirectory, "Linea.Distributed.Worker.dll");

    /// <summary>Runs a scenario on <paramref name="ranks"/> ranks.</summary>
    /// <exception cref="InvalidOperationException">mpirun is missing (in CI) or the job timed out (killed).</exception>
    public static MpiRunResult Scenario(int ranks, string scenario, TimeSpan? timeout = null, params string[] args) =>
        Program(ranks, WorkerDll, timeout, [scenario, .. args]);

    /// <summary>Runs <c>dotnet DLL ARGS</c> on <paramref name="ranks"/> ranks (e.g. an example copied next to the tests).</summary>
    /// <exception cref="InvalidOperationException">mpirun is missing (in CI) or the job timed out (killed).</exception>
    public static MpiRunResult Program(int ranks, string dll, TimeSpan? timeout, params string[] args)
    {
        string mpirun = Path ?? throw new InvalidOperationException("mpirun is not on PATH; CI must install Open MPI (.ci/run does)");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var psi = new ProcessStartInfo(mpirun)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "--allow-run-as-root", "--oversubscribe", "-np", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture), dotnet, dll })
            psi.ArgumentList.Add(a);
        foreach (string a in args) psi.ArgumentList.Add(a);
        // Quiet the runtime and keep each rank to one core's worth of threads (the machine runs several jobs).
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_gcServer"] = "0";
        psi.Environment["TERM"] = "dumb";

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var sw = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(90);
        if (!process.WaitForExit(limit))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit(5000);
            throw new InvalidOperationException($"mpirun -np {ranks} {System.IO.Path.GetFileName(dll)} {string.Join(' ', args)} did not finish within {limit.TotalSeconds} s and was killed\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}");
        }
        process.WaitForExit(); // drains the asynchronous readers
        sw.Stop();
        lock (stdout) lock (stderr) return new MpiRunResult(process.ExitCode, stdout.ToString(), stderr.ToString(), sw.Elapsed);
    }

    /// <summary>Asserts exit code 0, no FAIL line, and at least <paramref name="minPassed"/> PASS lines.</summary>
    public static MpiRunResult AssertPasses(int ranks, string scenario, int minPassed, params string[] args)
    {
        MpiRunResult result = Scenario(ranks, scenario, null, args);
        Assert.True(result.ExitCode == 0 && result.Failed.Count == 0 && result.Passed.Count >= minPassed,
            $"expected exit 0, no FAIL and at least {minPassed} PASS lines (got {result.Passed.Count} PASS, {result.Failed.Count} FAIL); {result}");
        return result;
    }

    private static string? FindOnPath(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = System.IO.Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
