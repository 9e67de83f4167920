using System.Text;
using Linea.Ops.Einsum;

namespace Linea;

/// <summary>
/// The contraction order that <see cref="NDArray.Einsum{T}"/> follows for given subscripts and shapes, and its cost, as
/// <c>numpy.einsum_path(..., optimize='greedy')</c> reports them. Returned by <see cref="NDArray.EinsumPath{T}"/>.
/// </summary>
/// <remarks>
/// Flop counts follow NumPy's model: a step over the labels U costs prod(sizes of U) × (terms − 1, at least 1), plus
/// prod(sizes of U) more when it sums a label. The naive count is that formula for one step over all operands at once.
/// </remarks>
public sealed class EinsumPathInfo
{
    internal EinsumPathInfo(string subscripts, List<(int First, int Second)> path, List<string> steps,
        double naiveFlops, double optimizedFlops, double largestIntermediate, Shape outputShape)
    {
        Subscripts = subscripts;
        Path = path;
        Steps = steps;
        NaiveFlops = naiveFlops;
        OptimizedFlops = optimizedFlops;
        LargestIntermediate = largestIntermediate;
        OutputShape = outputShape;
    }

    /// <summary>The subscripts as given.</summary>
    public string Subscripts { get; }

    /// <summary>
    /// The pairwise contractions in NumPy's path format: each step names two positions in the current list of operands
    /// (initially the operands in order); both are removed and their product is appended at the end. Empty for one operand.
    /// </summary>
    public IReadOnlyList<(int First, int Second)> Path { get; }

    /// <summary>Each step as subscripts (<c>"ij,jk->ik"</c>; the axes of an ellipsis read as digits).</summary>
    public IReadOnlyList<string> Steps { get; }

    /// <summary>Estimated flops of evaluating all operands in one nested loop (NumPy's "Naive FLOP count").</summary>
    public double NaiveFlops { get; }

    /// <summary>Estimated flops along <see cref="Path"/> (NumPy's "Optimized FLOP count").</summary>
    public double OptimizedFlops { get; }

    /// <summary>The number of elements of the largest intermediate result along the path.</summary>
    public double LargestIntermediate { get; }

    /// <summary>The shape of the result.</summary>
    public Shape OutputShape { get; }

    /// <summary>A report in the manner of <c>numpy.einsum_path</c>: the counts, then one line per step.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("  Complete contraction:  ").AppendLine(Subscripts);
        sb.Append("      Naive FLOP count:  ").AppendLine(EinsumPlan.FormatFlops(NaiveFlops));
        sb.Append("  Optimized FLOP count:  ").AppendLine(EinsumPlan.FormatFlops(OptimizedFlops));
        sb.Append("   Theoretical speedup:  ").AppendLine((NaiveFlops / Math.Max(OptimizedFlops, 1)).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture));
        sb.Append("  Largest intermediate:  ").Append(EinsumPlan.FormatFlops(LargestIntermediate)).AppendLine(" elements");
        for (int i = 0; i < Path.Count; i++)
            sb.Append("  ").Append(Path[i].ToString()).Append("  ").AppendLine(Steps[i]);
        return sb.ToString();
    }
}
