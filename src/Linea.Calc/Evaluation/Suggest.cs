namespace Linea.Calc.Evaluation;

/// <summary>"Did you mean ...?": the known name nearest to a misspelt one by edit distance.</summary>
public static class Suggest
{
    /// <summary>
    /// The candidate with the smallest Damerau-Levenshtein distance (adjacent swaps count 1) to
    /// <paramref name="name"/>, ignoring case, when that distance is at most a third of the name's length (at least
    /// 1, at most 3); null when none is that close.
    /// </summary>
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        int limit = Math.Clamp(name.Length / 3, 1, 3);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var c in candidates.Order(StringComparer.Ordinal))
        {
            if (c == name) continue;
            int d = Distance(name.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) { best = c; bestDistance = d; }
        }
        return bestDistance <= limit ? best : null;
    }

    /// <summary>Optimal string alignment distance (insertions, deletions, substitutions, adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 8) return Math.Abs(a.Length - b.Length);
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
