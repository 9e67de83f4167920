namespace Linea.Tests.Einsum;

/// <summary>
/// The einsum definition evaluated literally, in double: one nested loop over every index, the product of the
/// operands' elements summed into the output element. Its own small parser (digits stand for the axes of '...',
/// right-aligned), independent of Linea's. Also returns the same sum of |products| and the number of products per output element, which bound rounding errors.
/// </summary>
internal static class EinsumReference
{
    public static (double[] Value, double[] Abs, long[] Shape, long Terms) Evaluate<T>(string subscripts, params NDArray<T>[] operands)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        string s = subscripts.Replace(" ", "", StringComparison.Ordinal);
        int arrow = s.IndexOf("->", StringComparison.Ordinal);
        string[] terms = (arrow >= 0 ? s[..arrow] : s).Split(',');
        int ell = 0;
        for (int p = 0; p < terms.Length; p++)
            if (terms[p].Contains("...", StringComparison.Ordinal))
                ell = Math.Max(ell, operands[p].Rank - (terms[p].Length - 3));
        string Expand(string term, int rank)
        {
            if (!term.Contains("...", StringComparison.Ordinal)) return term;
            int n = rank - (term.Length - 3);
            string digits = string.Concat(Enumerable.Range(ell - n, n).Select(d => (char)('0' + d)));
            return term.Replace("...", digits, StringComparison.Ordinal);
        }
        var inputs = terms.Select((t, p) => Expand(t, operands[p].Rank)).ToArray();
        string output;
        if (arrow >= 0) output = Expand(s[(arrow + 2)..], ell + s[(arrow + 2)..].Replace("...", "", StringComparison.Ordinal).Length);
        else
        {
            string joined = string.Concat(inputs);
            output = string.Concat(Enumerable.Range(0, ell).Select(d => (char)('0' + d)))
                   + string.Concat(joined.Where(char.IsAsciiLetter).Distinct().Where(c => joined.Count(x => x == c) == 1).Order());
        }
        var labels = string.Concat(inputs).Distinct().ToArray();
        var size = new Dictionary<char, long>();
        foreach (char c in labels) size[c] = 1;
        for (int p = 0; p < inputs.Length; p++)
            for (int a = 0; a < inputs[p].Length; a++)
                if (operands[p].Shape[a] != 1) size[inputs[p][a]] = operands[p].Shape[a];
        long[] outShape = output.Select(c => size[c]).ToArray();
        long outSize = outShape.Aggregate(1L, (x, y) => x * y);
        var value = new double[outSize];
        var abs = new double[outSize];
        long total = labels.Aggregate(1L, (x, c) => x * size[c]);
        var idx = new Dictionary<char, long>();
        for (long flat = 0; flat < total; flat++)
        {
            long rest = flat;
            for (int i = labels.Length - 1; i >= 0; i--)
            {
                idx[labels[i]] = rest % size[labels[i]];
                rest /= size[labels[i]];
            }
            double prod = 1;
            for (int p = 0; p < inputs.Length; p++)
            {
                var at = new long[inputs[p].Length];
                for (int a = 0; a < at.Length; a++)
                    at[a] = operands[p].Shape[a] == 1 ? 0 : idx[inputs[p][a]];
                prod *= double.CreateTruncating(operands[p][at]);
            }
            long o = 0;
            foreach (char c in output) o = o * size[c] + idx[c];
            value[o] += prod;
            abs[o] += Math.Abs(prod);
        }
        return (value, abs, outShape, outSize == 0 ? 0 : total / outSize);
    }
}
