using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Linea.Bench;

/// <summary>
/// Runs bench/scipy_sparse.py on a matrix this process wrote: raw little-endian CSR arrays (indptr.bin int64,
/// indices.bin int32, data.bin float64) in a temporary folder, so that both sides time the same matrix. The script
/// prints one line of key=value fields starting with peer_s; a run past the timeout is killed and reported as such.
/// </summary>
internal sealed class SciPyPeer : IDisposable
{
    private readonly string _python;
    private readonly string _script;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "linea-sparse-bench-" + Environment.ProcessId);
    private SparseMatrix<double>? _written;

    private SciPyPeer(string python, string script)
    {
        _python = python;
        _script = script;
    }

    /// <summary>
    /// The peer, or null (with the reason on stderr) when the script is missing. The interpreter is --python, else
    /// $LINEA_PYTHON, else /usr/bin/python3 when it exists (Debian's python3-scipy lives there, not in a pyenv shim), else python3.
    /// </summary>
    public static SciPyPeer? Create(string? python)
    {
        string? script = PythonPeer.FindScript("scipy_sparse.py");
        if (script is null)
        {
            Console.Error.WriteLine("sparse: bench/scipy_sparse.py not found above the working directory or the binary; running with --peer none");
            return null;
        }
        python = PythonPeer.Interpreter(python);
        return new SciPyPeer(python, script);
    }

    /// <summary>
    /// Times <paramref name="op"/> on <paramref name="a"/> in SciPy: the fields the script printed (peer_s first), or
    /// peer_s=timeout with peer_timeout_s, or peer_s=error with the script's last stderr line.
    /// </summary>
    public IReadOnlyDictionary<string, string> Run(string op, SparseMatrix<double> a, int samples, double timeoutSeconds, string extra = "")
    {
        Write(a);
        var psi = new ProcessStartInfo(_python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { _script, "--op", op, "--dir", _dir, "--rows", a.Rows.ToString(CultureInfo.InvariantCulture),
                     "--cols", a.Columns.ToString(CultureInfo.InvariantCulture), "--samples", samples.ToString(CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(arg);
        foreach (string arg in extra.Split(' ', StringSplitOptions.RemoveEmptyEntries)) psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"sparse: could not start {_python}");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new Dictionary<string, string>
            {
                ["peer_s"] = "timeout",
                ["peer_timeout_s"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture),
            };
        }
        process.WaitForExit();
        string? line;
        lock (stdout) line = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith("peer_s=", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            string last;
            lock (stderr) last = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? $"exit code {process.ExitCode}";
            return new Dictionary<string, string> { ["peer_s"] = "error", ["peer_error"] = "\"" + last.Trim().Replace("\"", "'", StringComparison.Ordinal) + "\"" };
        }
        return line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('=', 2))
            .ToDictionary(f => f[0], f => f.Length > 1 ? f[1] : "");
    }

    /// <summary>Writes the CSR arrays of <paramref name="a"/> unless they are the ones written last.</summary>
    private void Write(SparseMatrix<double> a)
    {
        if (ReferenceEquals(a, _written)) return;
        var csr = a.ToCsr();
        Directory.CreateDirectory(_dir);
        using (var f = File.Create(Path.Combine(_dir, "indptr.bin"))) f.Write(MemoryMarshal.AsBytes(csr.IndPtr));
        using (var f = File.Create(Path.Combine(_dir, "indices.bin"))) f.Write(MemoryMarshal.AsBytes(csr.Indices));
        using (var f = File.Create(Path.Combine(_dir, "data.bin"))) f.Write(MemoryMarshal.AsBytes((ReadOnlySpan<double>)csr.Data));
        _written = a;
    }

    /// <summary>Deletes the temporary folder.</summary>
    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
