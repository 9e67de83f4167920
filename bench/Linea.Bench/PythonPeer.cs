namespace Linea.Bench;

/// <summary>
/// What every runner that drives a Python peer script (NumPy, SciPy, scikit-learn) needs: the script, found under a
/// <c>bench/</c> folder above the working directory or the binary, and the interpreter.
/// </summary>
internal static class PythonPeer
{
    /// <summary>The path of bench/<paramref name="name"/>, or null when no such file is found.</summary>
    public static string? FindScript(string name)
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "bench", name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    /// <summary>The interpreter: <paramref name="given"/> (a --python option), else $LINEA_PYTHON, else /usr/bin/python3
    /// when it exists (Debian's numpy, scipy and sklearn live there, not in a pyenv shim), else python3.</summary>
    public static string Interpreter(string? given = null) =>
        given ?? Environment.GetEnvironmentVariable("LINEA_PYTHON") ?? (File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
}
