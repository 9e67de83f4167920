using System.Globalization;

namespace Linea;

/// <summary>
/// One entry of a NumPy-style index: a single position (drops the axis), a range with an optional
/// step (<c>1:</c>, <c>::2</c>, <c>::-1</c>), <see cref="NewAxis"/> or <see cref="Ellipsis"/>.
/// Converts implicitly from <c>int</c> and from C# ranges (<c>1..</c>, <c>..^1</c>), so
/// <c>A[1.., ..]</c> is NumPy's <c>A[1:, :]</c>; use <see cref="Step(long)"/> or <see cref="Range(long?, long?, long)"/>
/// for steps, or write the NumPy text: <c>A["1:, ::2"]</c>.
/// </summary>
public readonly record struct Slice
{
    internal enum SliceKind : byte { Index, Range, NewAxis, Ellipsis }

    internal SliceKind Kind { get; }
    internal long? Start { get; }
    internal long? Stop { get; }
    internal long StepValue { get; }

    private Slice(SliceKind kind, long? start, long? stop, long step)
    {
        Kind = kind; Start = start; Stop = stop; StepValue = step;
    }

    /// <summary>The whole axis, NumPy's <c>:</c>.</summary>
    public static Slice All { get; } = new(SliceKind.Range, null, null, 1);

    /// <summary>Inserts an axis of length 1, NumPy's <c>np.newaxis</c> / <c>None</c>.</summary>
    public static Slice NewAxis { get; } = new(SliceKind.NewAxis, null, null, 1);

    /// <summary>As many whole axes as needed, NumPy's <c>...</c>.</summary>
    public static Slice Ellipsis { get; } = new(SliceKind.Ellipsis, null, null, 1);

    /// <summary>A single position; negative counts from the end. The axis is dropped.</summary>
    public static Slice At(long index) => new(SliceKind.Index, index, null, 1);

    /// <summary>NumPy's <c>start:stop:step</c>; null bounds mean "from the edge", negative ones count from the end.</summary>
    /// <exception cref="ArgumentException">step is 0.</exception>
    public static Slice Range(long? start, long? stop, long step = 1)
    {
        if (step == 0) throw new ArgumentException("slice: step cannot be zero", nameof(step));
        return new(SliceKind.Range, start, stop, step);
    }

    /// <summary>NumPy's <c>::step</c>, e.g. <c>Slice.Step(-1)</c> reverses an axis.</summary>
    public static Slice Step(long step) => Range(null, null, step);

    /// <summary>A single position.</summary>
    public static implicit operator Slice(int index) => At(index);

    /// <summary>A single position on a long axis.</summary>
    public static implicit operator Slice(long index) => At(index);

    /// <summary>A C# index: <c>^1</c> is NumPy's <c>-1</c> (the last position). The axis is dropped.</summary>
    public static implicit operator Slice(System.Index index) =>
        index.IsFromEnd && index.Value == 0
            ? throw new TensorIndexOutOfRangeException("index: ^0 points past the end of the axis; the last position is ^1")
            : At(index.IsFromEnd ? -index.Value : index.Value);

    /// <summary>A C# range: <c>a..b</c> is NumPy's <c>a:b</c>, <c>^k</c> is <c>-k</c>.</summary>
    public static implicit operator Slice(System.Range r)
    {
        long? start = r.Start.IsFromEnd ? (r.Start.Value == 0 ? null : -r.Start.Value) : r.Start.Value;
        long? stop = r.End.IsFromEnd ? (r.End.Value == 0 ? null : -r.End.Value) : r.End.Value;
        return new(SliceKind.Range, start, stop, 1);
    }

    /// <summary>
    /// Parses NumPy index text: comma-separated entries, each an integer, <c>start:stop[:step]</c> with any part
    /// omitted, <c>...</c>, or <c>None</c>/<c>newaxis</c>. Example: <c>"1:, ::2"</c>, <c>"..., -1"</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not an index.</exception>
    public static Slice[] Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.Length == 0) return [];
        var parts = t.Split(',');
        var result = new List<Slice>(parts.Length);
        foreach (var raw in parts)
        {
            string p = raw.Trim();
            if (p.Length == 0)
            {
                if (parts.Length > 1 && raw == parts[^1]) continue; // trailing comma, as in "1,"
                throw new FormatException($"index \"{text}\": empty entry");
            }
            if (p == "...") { result.Add(Ellipsis); continue; }
            if (p is "None" or "newaxis" or "np.newaxis") { result.Add(NewAxis); continue; }
            if (!p.Contains(':')) { result.Add(At(ParseInt(text, p))); continue; }
            var bits = p.Split(':');
            if (bits.Length > 3) throw new FormatException($"index \"{text}\": \"{p}\" has more than two colons");
            long? start = bits[0].Trim().Length == 0 ? null : ParseInt(text, bits[0]);
            long? stop = bits[1].Trim().Length == 0 ? null : ParseInt(text, bits[1]);
            long step = bits.Length == 3 && bits[2].Trim().Length > 0 ? ParseInt(text, bits[2]) : 1;
            if (step == 0) throw new FormatException($"index \"{text}\": slice step cannot be zero");
            result.Add(new(SliceKind.Range, start, stop, step));
        }
        return result.ToArray();
    }

    private static long ParseInt(string text, string s) =>
        long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
            ? v : throw new FormatException($"index \"{text}\": \"{s.Trim()}\" is not an integer");

    /// <summary>Python's <c>slice.indices</c>: resolves bounds against an axis of length <paramref name="n"/>.</summary>
    internal (long start, long length) Resolve(long n)
    {
        long step = StepValue;
        long start, stop;
        if (step > 0)
        {
            start = Start is long s ? (s < 0 ? Math.Max(s + n, 0) : Math.Min(s, n)) : 0;
            stop = Stop is long e ? (e < 0 ? Math.Max(e + n, 0) : Math.Min(e, n)) : n;
            return (start, stop > start ? (stop - start - 1) / step + 1 : 0);
        }
        start = Start is long s2 ? (s2 < 0 ? Math.Max(s2 + n, -1) : Math.Min(s2, n - 1)) : n - 1;
        stop = Stop is long e2 ? (e2 < 0 ? Math.Max(e2 + n, -1) : Math.Min(e2, n - 1)) : -1;
        return (start, start > stop ? (start - stop - 1) / -step + 1 : 0);
    }

    /// <summary>The NumPy text of this entry.</summary>
    public override string ToString() => Kind switch
    {
        SliceKind.Index => Start!.Value.ToString(CultureInfo.InvariantCulture),
        SliceKind.NewAxis => "None",
        SliceKind.Ellipsis => "...",
        _ => $"{Start}:{Stop}" + (StepValue != 1 ? $":{StepValue}" : ""),
    };
}
