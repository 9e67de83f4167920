namespace Linea.IO;

/// <summary>
/// Reads text line by line into one reusable character buffer and hands out each line as a span, so that parsing a
/// file of millions of lines allocates nothing per line (unlike <see cref="TextReader.ReadLine"/>). Lines end at
/// <c>\n</c>; a <c>\r</c> before it is dropped; the last line need not end with a newline. A line longer than the
/// buffer grows the buffer (doubling).
/// </summary>
internal sealed class TextLineScanner
{
    private const int InitialBuffer = 1 << 16;

    private readonly TextReader _reader;
    private char[] _buffer = new char[InitialBuffer];
    private int _start, _end;
    private bool _endOfInput;

    public TextLineScanner(TextReader reader) => _reader = reader;

    /// <summary>The 1-based number of the line last returned (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// The next line without its line break, or false at the end of the input. The span is valid until the next call.
    /// </summary>
    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        int searchFrom = _start;
        while (true)
        {
            int newline = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf('\n');
            if (newline >= 0)
            {
                int stop = searchFrom + newline;
                line = TrimCarriageReturn(_buffer.AsSpan(_start, stop - _start));
                _start = stop + 1;
                LineNumber++;
                return true;
            }
            if (_endOfInput)
            {
                if (_start < _end)
                {
                    line = TrimCarriageReturn(_buffer.AsSpan(_start, _end - _start));
                    _start = _end;
                    LineNumber++;
                    return true;
                }
                line = default;
                return false;
            }
            searchFrom = Fill();
        }
    }

    /// <summary>
    /// Moves the unread part to the front (growing the buffer if it is full), reads more, and returns where the
    /// search for the next newline resumes.
    /// </summary>
    private int Fill()
    {
        int pending = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _start = 0;
            _end = pending;
        }
        else if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        int read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _endOfInput = true;
        _end += read;
        return pending;
    }

    private static ReadOnlySpan<char> TrimCarriageReturn(ReadOnlySpan<char> s) => s.Length > 0 && s[^1] == '\r' ? s[..^1] : s;
}
