namespace Linea.Cli.Output;

/// <summary>
/// The words of a table's cells in NumPy's style, the one <c>linea -e</c> prints (through the tensor's <c>ToString</c>):
/// one float style chosen over all the values (<c>9.e+10</c>, <c>1.e-05</c>, <c>0.5</c>, <c>1.</c>), padding dropped.
/// For at most 1000 values (NumPy summarises beyond that); the REPL's tables hold at most 640.
/// </summary>
internal static class NumPyCells
{
    /// <summary>Each value as NumPy prints it within an array of these values.</summary>
    public static string[] Float(double[] values) => Words(NDArray.FromArray(values).ToString(), values.Length);

    /// <summary>
    /// Each complex value as NumPy prints it within an array: the real parts in one float style, the imaginary parts
    /// in another with their sign (<c>-</c> also for -0.0), then <c>j</c> (<c>0.+1.j</c>, <c>3.-1.25j</c>).
    /// </summary>
    public static string[] Complex(double[] re, double[] im)
    {
        var reWords = Float(re);
        var imWords = Float(im);
        var cells = new string[re.Length];
        for (int k = 0; k < cells.Length; k++)
            cells[k] = reWords[k] + (imWords[k].StartsWith('-') ? "" : "+") + imWords[k] + "j";
        return cells;
    }

    /// <summary>The space-separated words of a 1-d array's text, brackets and line breaks removed.</summary>
    private static string[] Words(string text, int count)
    {
        if (count == 0) return [];
        var words = text.Trim('[', ']').Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length != count) throw new InvalidOperationException($"NumPyCells: expected {count} words, got {words.Length} in '{text}'");
        return words;
    }
}
