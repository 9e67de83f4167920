using System.Text;

namespace Linea.Ops.Einsum;

/// <summary>
/// A parsed einsum specification: one label per axis of every operand (repeats allowed: a diagonal), the output
/// labels, and the size of every label after NumPy broadcasting (a length-1 axis stretches to the other operands').
/// Letters are labelled by their character code, so sorting labels sorts letters as NumPy's implicit output does
/// (upper case before lower case); the axes covered by <c>...</c> get labels from <see cref="EllipsisBase"/> up,
/// right-aligned across operands as broadcasting aligns them.
/// </summary>
internal sealed class EinsumSubscripts
{
    /// <summary>The first label used for the axes covered by an ellipsis (above every letter's code).</summary>
    public const int EllipsisBase = 256;

    public required int[][] Inputs { get; init; }
    public required int[] Output { get; init; }
    public required Dictionary<int, long> Sizes { get; init; }

    /// <summary>How a label reads in messages: <c>'j'</c>, or <c>ellipsis axis 0</c>.</summary>
    public static string Name(int label) =>
        label >= EllipsisBase ? $"ellipsis axis {label - EllipsisBase}" : $"'{(char)label}'";

    /// <summary>Parses <paramref name="subscripts"/> for operands of the given shapes and checks every size.</summary>
    /// <exception cref="ArgumentException">Malformed subscripts, or an operand count that differs from the subscripts'.</exception>
    /// <exception cref="ShapeMismatchException">An operand's rank does not fit its subscripts, or one label has two sizes.</exception>
    public static EinsumSubscripts Parse(string op, string subscripts, IReadOnlyList<long[]> shapes)
    {
        ArgumentNullException.ThrowIfNull(subscripts);
        string s = StripSpaces(subscripts);
        CheckCharacters(op, subscripts);
        int arrow = s.IndexOf("->", StringComparison.Ordinal);
        if (arrow >= 0 && s.IndexOf("->", arrow + 2, StringComparison.Ordinal) >= 0)
            Malformed(op, subscripts, "'->' appears more than once");
        string lhs = arrow >= 0 ? s[..arrow] : s;
        string? rhs = arrow >= 0 ? s[(arrow + 2)..] : null;
        if (lhs.Contains('-') || lhs.Contains('>') || (rhs is not null && (rhs.Contains('-') || rhs.Contains('>'))))
            Malformed(op, subscripts, "'-' and '>' may only appear together, as the arrow '->'");
        if (rhs is not null && rhs.Contains(','))
            Malformed(op, subscripts, "the output (after '->') names one result and cannot contain ','");
        string[] terms = lhs.Split(',');
        if (shapes.Count == 0)
            ThrowHelper.Argument(op, "operands", $"subscripts '{subscripts}' need at least one operand, but none was given");
        if (terms.Length != shapes.Count)
            ThrowHelper.Argument(op, "operands",
                $"subscripts '{subscripts}' name {terms.Length} operand{(terms.Length == 1 ? "" : "s")} (separated by ','), but {shapes.Count} {(shapes.Count == 1 ? "was" : "were")} given");

        var letters = new List<int>[terms.Length];
        var ellipsisAt = new int[terms.Length];
        int ellipsisRank = 0;
        for (int p = 0; p < terms.Length; p++)
        {
            (letters[p], ellipsisAt[p]) = ParseTerm(op, subscripts, terms[p], $"operand {p}");
            int rank = shapes[p].Length;
            if (ellipsisAt[p] < 0 && letters[p].Count != rank)
                ThrowHelper.ShapeMismatch(op,
                    $"operand {p} has {rank} ax{(rank == 1 ? "is" : "es")} (shape {Shape.Format(shapes[p])}) but its subscripts '{terms[p]}' name {letters[p].Count}{(letters[p].Count > rank ? " (too many indices)" : "")}; use '...' to stand for leading or trailing axes",
                    new Shape(shapes[p]));
            if (ellipsisAt[p] >= 0 && letters[p].Count > rank)
                ThrowHelper.ShapeMismatch(op,
                    $"operand {p} has {rank} ax{(rank == 1 ? "is" : "es")} (shape {Shape.Format(shapes[p])}) but its subscripts '{terms[p]}' name {letters[p].Count} besides '...' (too many indices)",
                    new Shape(shapes[p]));
            if (ellipsisAt[p] >= 0) ellipsisRank = Math.Max(ellipsisRank, rank - letters[p].Count);
        }

        var inputs = new int[terms.Length][];
        for (int p = 0; p < terms.Length; p++)
        {
            var labels = new List<int>(letters[p]);
            if (ellipsisAt[p] >= 0)
            {
                int count = shapes[p].Length - letters[p].Count;
                labels.InsertRange(ellipsisAt[p], Enumerable.Range(EllipsisBase + ellipsisRank - count, count));
            }
            inputs[p] = [.. labels];
        }

        var sizes = ResolveSizes(op, inputs, shapes);
        int[] output = rhs is null ? ImplicitOutput(inputs, ellipsisRank) : ExplicitOutput(op, subscripts, rhs, sizes, ellipsisRank);
        return new EinsumSubscripts { Inputs = inputs, Output = output, Sizes = sizes };
    }

    private static string StripSpaces(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
            if (!char.IsWhiteSpace(c)) sb.Append(c);
        return sb.ToString();
    }

    private static void CheckCharacters(string op, string subscripts)
    {
        for (int i = 0; i < subscripts.Length; i++)
        {
            char c = subscripts[i];
            if (char.IsAsciiLetter(c) || c is ',' or '-' or '>' or '.' || char.IsWhiteSpace(c)) continue;
            ThrowHelper.Argument(op, nameof(subscripts),
                $"invalid character '{c}' at position {i} of subscripts '{subscripts}': indices are the letters a-z and A-Z, with ',' between operands, '->' before the output and '...' for broadcast axes");
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Malformed(string op, string subscripts, string why) =>
        ThrowHelper.Argument(op, nameof(subscripts), $"malformed subscripts '{subscripts}': {why}");

    /// <summary>The letters of one term and the position of its ellipsis among them (-1 when it has none).</summary>
    private static (List<int> Letters, int EllipsisAt) ParseTerm(string op, string subscripts, string term, string what)
    {
        var letters = new List<int>();
        int ellipsisAt = -1;
        for (int i = 0; i < term.Length; i++)
        {
            char c = term[i];
            if (c == '.')
            {
                if (i + 2 >= term.Length || term[i + 1] != '.' || term[i + 2] != '.')
                    Malformed(op, subscripts, $"'.' in {what} ('{term}') is not part of an ellipsis '...'");
                if (ellipsisAt >= 0) Malformed(op, subscripts, $"{what} ('{term}') has more than one ellipsis '...'");
                ellipsisAt = letters.Count;
                i += 2;
            }
            else letters.Add(c);
        }
        return (letters, ellipsisAt);
    }

    /// <summary>The size of every label: axes sharing a label must agree, except that length 1 broadcasts (NumPy).</summary>
    private static Dictionary<int, long> ResolveSizes(string op, int[][] inputs, IReadOnlyList<long[]> shapes)
    {
        var sizes = new Dictionary<int, long>();
        var from = new Dictionary<int, int>();
        for (int p = 0; p < inputs.Length; p++)
            for (int a = 0; a < inputs[p].Length; a++)
            {
                int label = inputs[p][a];
                long d = shapes[p][a];
                for (int b = 0; b < a; b++)
                    if (inputs[p][b] == label && shapes[p][b] != d)
                        ThrowHelper.ShapeMismatch(op,
                            $"index {Name(label)} is repeated in operand {p} (shape {Shape.Format(shapes[p])}) over axes {b} and {a} of sizes {shapes[p][b]} and {d}; a repeated index takes a diagonal, which needs equal sizes",
                            new Shape(shapes[p]));
                if (!sizes.TryGetValue(label, out long have) || have == 1)
                {
                    if (!sizes.ContainsKey(label) || d != 1) { sizes[label] = d; from[label] = p; }
                }
                else if (d != have && d != 1)
                {
                    int q = from[label];
                    ThrowHelper.ShapeMismatch(op,
                        $"index {Name(label)} has size {have} in operand {q} (shape {Shape.Format(shapes[q])}) but size {d} in operand {p} (shape {Shape.Format(shapes[p])}); sizes of one index must be equal (or 1, which broadcasts)",
                        new Shape(shapes[q]), new Shape(shapes[p]));
                }
            }
        return sizes;
    }

    /// <summary>NumPy's implicit output: the ellipsis axes, then the letters that appear exactly once, in alphabetical (code) order.</summary>
    private static int[] ImplicitOutput(int[][] inputs, int ellipsisRank)
    {
        var counts = new SortedDictionary<int, int>();
        foreach (var term in inputs)
            foreach (int label in term)
                if (label < EllipsisBase) counts[label] = counts.GetValueOrDefault(label) + 1;
        var output = Enumerable.Range(EllipsisBase, ellipsisRank).ToList();
        foreach (var (label, count) in counts)
            if (count == 1) output.Add(label);
        return [.. output];
    }

    private static int[] ExplicitOutput(string op, string subscripts, string rhs, Dictionary<int, long> sizes, int ellipsisRank)
    {
        var (letters, ellipsisAt) = ParseTerm(op, subscripts, rhs, "the output");
        for (int i = 0; i < letters.Count; i++)
        {
            if (!sizes.ContainsKey(letters[i]))
                Malformed(op, subscripts, $"output index {Name(letters[i])} does not appear in any operand");
            if (letters.IndexOf(letters[i]) != i)
                Malformed(op, subscripts, $"output index {Name(letters[i])} appears more than once");
        }
        if (ellipsisAt < 0)
        {
            if (ellipsisRank > 0)
                Malformed(op, subscripts,
                    $"the operands' '...' covers {ellipsisRank} axes, but the output has no '...' to keep them (NumPy's rule); write '...' in the output, or sum them afterwards");
            return [.. letters];
        }
        var output = new List<int>(letters);
        output.InsertRange(ellipsisAt, Enumerable.Range(EllipsisBase, ellipsisRank));
        return [.. output];
    }
}
