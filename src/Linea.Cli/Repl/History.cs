namespace Linea.Cli.Repl;

/// <summary>
/// The REPL's history: the lines entered, oldest first, at most <see cref="Capacity"/> of them, without blank lines
/// and without a line equal to the one before it. With a <see cref="HistoryFile"/>, the entries of earlier sessions
/// are loaded at the start and every new entry is saved at once; when the file cannot be read or written, one
/// warning goes to the warning writer and the history goes on in memory only.
/// </summary>
internal sealed class History
{
    /// <summary>The default number of entries kept (in memory and in the file).</summary>
    public const int DefaultCapacity = 1000;

    private readonly List<string> _entries = [];
    private readonly TextWriter? _warnings;
    private HistoryFile? _file;

    /// <summary>A history of at most <paramref name="capacity"/> entries, saved to <paramref name="file"/> when given.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public History(int capacity = DefaultCapacity, HistoryFile? file = null, TextWriter? warnings = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _warnings = warnings;
        _file = file;
        if (_file is null) return;
        try
        {
            foreach (var entry in _file.Load(capacity)) AddInMemory(entry);
        }
        catch (Exception e) when (HistoryFile.IsFileProblem(e))
        {
            Disable($"cannot read the history file '{_file.Path}': {e.Message}");
        }
    }

    /// <summary>The most entries kept.</summary>
    public int Capacity { get; }

    /// <summary>The entries, oldest first.</summary>
    public IReadOnlyList<string> Entries => _entries;

    /// <summary>Whether entries are saved to a file (false when there is none, or after a failure to write it).</summary>
    public bool IsPersistent => _file is not null;

    /// <summary>
    /// Adds <paramref name="entry"/> (a line break in it becomes a space), unless it is blank or equal to the last
    /// entry; drops the oldest entry beyond <see cref="Capacity"/>; saves it to the file. Cost: O(1) in memory, and
    /// one rewrite of the file (at most <see cref="Capacity"/> lines) when persistent.
    /// </summary>
    public void Add(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry = HistoryFile.OneLine(entry);
        if (!AddInMemory(entry) || _file is null) return;
        try
        {
            _file.Append(entry, Capacity);
        }
        catch (Exception e) when (HistoryFile.IsFileProblem(e))
        {
            Disable($"cannot save the history to '{_file.Path}': {e.Message}");
        }
    }

    private bool AddInMemory(string entry)
    {
        if (string.IsNullOrWhiteSpace(entry)) return false;
        if (_entries.Count > 0 && _entries[^1] == entry) return false;
        _entries.Add(entry);
        if (_entries.Count > Capacity) _entries.RemoveRange(0, _entries.Count - Capacity);
        return true;
    }

    private void Disable(string why)
    {
        _file = null;
        _warnings?.WriteLine($"linea: warning: {why}; history is kept for this session only (LINEA_HISTORY names another file, or turns history off when empty)");
        _warnings?.Flush();
    }
}
