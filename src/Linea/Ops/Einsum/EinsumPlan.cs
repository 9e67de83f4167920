using System.Globalization;
using System.Text;

namespace Linea.Ops.Einsum;

/// <summary>A parsed einsum with its greedy pairwise path and cost estimates, computed from shapes alone.</summary>
internal sealed class EinsumPlan
{
    public required EinsumSubscripts Spec { get; init; }
    public required List<(int First, int Second)> Path { get; init; }
    public required EinsumPathInfo Info { get; init; }

    public static EinsumPlan Create(string op, string subscripts, IReadOnlyList<long[]> shapes)
    {
        var spec = EinsumSubscripts.Parse(op, subscripts, shapes);
        var terms = EinsumExecutor.AfterUnarySums(EinsumExecutor.EffectiveLabels(spec, shapes), spec.Output);
        var path = GreedyContractionPath.Find(terms, spec.Output, spec.Sizes);

        var all = new HashSet<int>(spec.Sizes.Keys);
        var outputSet = new HashSet<int>(spec.Output);
        double naive = GreedyContractionPath.PairFlops(all, outputSet, spec.Sizes, shapes.Count);
        double optimized = 0, largest = 0;
        var current = terms.Select(t => new HashSet<int>(t)).ToList();
        var steps = new List<string>();
        foreach (var (i, j) in path)
        {
            var result = GreedyContractionPath.PairResult(current, i, j, spec.Output);
            var union = new HashSet<int>(current[i]);
            union.UnionWith(current[j]);
            optimized += GreedyContractionPath.PairFlops(union, result, spec.Sizes);
            largest = Math.Max(largest, GreedyContractionPath.Size(result, spec.Sizes));
            steps.Add($"{Letters(current[i])},{Letters(current[j])}->{Letters(result)}");
            current.RemoveAt(j);
            current.RemoveAt(i);
            current.Add(result);
        }
        if (path.Count == 0) optimized = naive;
        var info = new EinsumPathInfo(subscripts, path, steps, naive, optimized, largest,
            new Shape(spec.Output.Select(l => spec.Sizes[l]).ToArray()));
        return new EinsumPlan { Spec = spec, Path = path, Info = info };
    }

    /// <summary>A term's labels as text, sorted: letters as themselves, ellipsis axes as digits 0-9 (then '*').</summary>
    private static string Letters(IEnumerable<int> labels)
    {
        var sb = new StringBuilder();
        foreach (int l in labels.Order())
            sb.Append(l >= EinsumSubscripts.EllipsisBase
                ? (l - EinsumSubscripts.EllipsisBase < 10 ? (char)('0' + l - EinsumSubscripts.EllipsisBase) : '*')
                : (char)l);
        return sb.ToString();
    }

    internal static string FormatFlops(double x) => x.ToString("0.000e+00", CultureInfo.InvariantCulture);
}
