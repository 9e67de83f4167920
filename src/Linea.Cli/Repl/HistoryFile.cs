using System.Text;

namespace Linea.Cli.Repl;

/// <summary>
/// The history file: one entry per line, UTF-8, oldest first. Each save takes an advisory lock on a companion
/// <c>.lock</c> file (so two REPLs take turns), reads the file, appends the entry (unless it equals the file's
/// last line), keeps the last <c>capacity</c> lines, writes them to a temporary file beside it and renames that over
/// the history, so a reader never sees a half-written file and a crash leaves the old one. The file is created
/// readable by its owner only.
/// </summary>
/// <param name="path">The file (made absolute against the current directory).</param>
internal sealed class HistoryFile(string path)
{
    /// <summary>The environment variable naming the history file; empty turns history off.</summary>
    public const string PathVariable = "LINEA_HISTORY";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(2);

    /// <summary>The file's absolute path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>
    /// Where the history lives, from the environment (<paramref name="variable"/> looks a variable up; null when
    /// unset): <c>$LINEA_HISTORY</c> when set (null, that is no history, when it is empty), else
    /// <c>$XDG_STATE_HOME/linea/history</c> when that is an absolute path, else <c>~/.local/state/linea/history</c>
    /// (<c>%LOCALAPPDATA%\linea\history</c> on Windows); null when no home directory is known.
    /// </summary>
    public static string? DefaultPath(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable(PathVariable) is { } chosen) return string.IsNullOrWhiteSpace(chosen) ? null : chosen;
        if (variable("XDG_STATE_HOME") is { Length: > 0 } state && System.IO.Path.IsPathFullyQualified(state))
            return System.IO.Path.Combine(state, "linea", "history");
        if (OperatingSystem.IsWindows() && variable("LOCALAPPDATA") is { Length: > 0 } local)
            return System.IO.Path.Combine(local, "linea", "history");
        var home = variable("HOME");
        if (string.IsNullOrEmpty(home)) home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : System.IO.Path.Combine(home, ".local", "state", "linea", "history");
    }

    /// <summary>The last <paramref name="capacity"/> non-blank lines of the file, oldest first; none when it does not exist. Cost: one read of the file.</summary>
    /// <exception cref="IOException">The file exists but cannot be read (also <see cref="UnauthorizedAccessException"/>).</exception>
    public IReadOnlyList<string> Load(int capacity)
    {
        var lines = ReadLines(Path);
        return lines.Count > capacity ? lines[^capacity..] : lines;
    }

    /// <summary>
    /// Appends <paramref name="entry"/> (one line) unless it equals the last line, keeping the last
    /// <paramref name="capacity"/> lines. Creates the directory when missing. Cost: one read and one write of at
    /// most <paramref name="capacity"/> lines.
    /// </summary>
    /// <exception cref="IOException">The directory or file cannot be created or written (also <see cref="UnauthorizedAccessException"/>).</exception>
    public void Append(string entry, int capacity)
    {
        var target = Target();
        var directory = System.IO.Path.GetDirectoryName(target);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        using var gate = TakeLock(target + ".lock");
        var lines = ReadLines(target);
        if (lines.Count > 0 && lines[^1] == entry) return;
        lines.Add(entry);
        int skip = Math.Max(0, lines.Count - capacity);
        var temp = $"{target}.{System.Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream, Utf8))
            {
                writer.NewLine = "\n";
                for (int i = skip; i < lines.Count; i++) writer.WriteLine(lines[i]);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary><paramref name="entry"/> on one line: each line break (CR, LF or CRLF) becomes a space.</summary>
    public static string OneLine(string entry) =>
        entry.Contains('\n') || entry.Contains('\r') ? entry.Replace("\r\n", " ").Replace('\r', ' ').Replace('\n', ' ') : entry;

    /// <summary>Whether <paramref name="e"/> is a failure to read or write a file (reported as a warning, not a crash).</summary>
    public static bool IsFileProblem(Exception e) =>
        e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException;

    /// <summary>The file written: the path, or where it leads when it is a symbolic link (so a linked history stays linked).</summary>
    private string Target()
    {
        var info = new FileInfo(Path);
        return info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } final ? final.FullName : Path;
    }

    private static List<string> ReadLines(string path)
    {
        if (!File.Exists(path)) return [];
        var lines = new List<string>();
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), Utf8);
        while (reader.ReadLine() is { } line)
            if (!string.IsNullOrWhiteSpace(line)) lines.Add(line);
        return lines;
    }

    /// <summary>An exclusive advisory lock on <paramref name="lockPath"/>, waiting up to two seconds; null when another process keeps it longer (the save goes ahead: the rename still keeps the file whole).</summary>
    private static FileStream? TakeLock(string lockPath)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (!File.Exists(lockPath))
            {
                throw;   // not another REPL holding it: the directory cannot be written (read-only file system, ...)
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (IsFileProblem(e))
        {
            // a leftover temporary file is harmless
        }
    }
}
