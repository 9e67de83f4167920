using System.Text;

namespace Linea;

// NumPy's _formatArray: nested brackets, rows wrapped at linewidth, blank lines between blocks.
internal static partial class ArrayPrinter
{
    /// <summary>Characters per line before a row wraps (NumPy's <c>linewidth</c>).</summary>
    internal const int LineWidth = 75;

    /// <summary>
    /// NumPy's <c>_formatArray</c>: brackets the sub-array at <paramref name="axis"/>; the last axis is one row of
    /// words wrapped at <paramref name="width"/>, outer axes put each sub-array on its own line(s) with
    /// (rank - axis - 1) newlines between them. Words are consumed from <paramref name="words"/> in order.
    /// </summary>
    private static string Layout(long[] dims, int axis, string[] words, ref int next, bool summarize, string hangingIndent, int width)
    {
        int axesLeft = dims.Length - axis;
        if (axesLeft == 0) return words[next++];

        string nextIndent = hangingIndent + " ";
        int nextWidth = width - 1; // room for the closing ']'
        int n = (int)Math.Min(dims[axis], int.MaxValue);
        bool showSummary = Summarised(n, summarize);
        int leading = showSummary ? EdgeItems : 0;
        int trailing = showSummary ? EdgeItems : n;

        var s = new StringBuilder();
        if (axesLeft == 1)
        {
            int elemWidth = width - 1;
            var line = new StringBuilder(hangingIndent);
            for (int i = 0; i < leading; i++)
            {
                ExtendLine(s, line, Layout(dims, axis + 1, words, ref next, summarize, nextIndent, nextWidth), elemWidth, hangingIndent);
                line.Append(' ');
            }
            if (showSummary)
            {
                ExtendLine(s, line, SummaryInsert, elemWidth, hangingIndent);
                line.Append(' ');
            }
            for (int i = trailing; i > 1; i--)
            {
                ExtendLine(s, line, Layout(dims, axis + 1, words, ref next, summarize, nextIndent, nextWidth), elemWidth, hangingIndent);
                line.Append(' ');
            }
            ExtendLine(s, line, Layout(dims, axis + 1, words, ref next, summarize, nextIndent, nextWidth), elemWidth, hangingIndent);
            s.Append(line);
        }
        else
        {
            string lineSep = new('\n', axesLeft - 1);
            for (int i = 0; i < leading; i++)
                s.Append(hangingIndent).Append(Layout(dims, axis + 1, words, ref next, summarize, nextIndent, nextWidth)).Append(lineSep);
            if (showSummary)
                s.Append(hangingIndent).Append(SummaryInsert).Append(lineSep);
            for (int i = trailing; i > 1; i--)
                s.Append(hangingIndent).Append(Layout(dims, axis + 1, words, ref next, summarize, nextIndent, nextWidth)).Append(lineSep);
            s.Append(hangingIndent).Append(Layout(dims, axis + 1, words, ref next, summarize, nextIndent, nextWidth));
        }
        return "[" + s.ToString(hangingIndent.Length, s.Length - hangingIndent.Length) + "]";
    }

    /// <summary>Appends a word to the line, first moving to a new line when it would pass the width (unless that cannot help).</summary>
    private static void ExtendLine(StringBuilder s, StringBuilder line, string word, int width, string nextLinePrefix)
    {
        if (line.Length + word.Length > width && line.Length > nextLinePrefix.Length)
        {
            int end = line.Length;
            while (end > 0 && line[end - 1] == ' ') end--;
            s.Append(line.ToString(0, end)).Append('\n');
            line.Clear().Append(nextLinePrefix);
        }
        line.Append(word);
    }
}
