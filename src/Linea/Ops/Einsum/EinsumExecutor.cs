using System.Numerics;

namespace Linea.Ops.Einsum;

/// <summary>
/// Evaluates a parsed einsum. Every operand first becomes a strided view with one axis per distinct label (a repeated
/// label is a diagonal: its axes merge into one whose stride is their sum; a length-1 axis that broadcasts is dropped,
/// since the operand is constant along it); labels that no other operand and not the output use are summed away.
/// Then the terms are contracted pairwise in the greedy order of <see cref="GreedyContractionPath"/>. A pair with a
/// summed label runs as one batched GEMM through <see cref="NDArray.MatMul{T}"/>: both operands are arranged as
/// (batch…, M, K) and (batch…, K, N) views by permuting strides (the shared kept labels are the batch axes; the other
/// kept labels of each side merge into M or N; the summed ones into K), and only a merge that the strides cannot
/// express copies. A pair with nothing to sum (an outer or Hadamard product), or whose matrices are 1 x 1 (batched dot
/// products), is a broadcast multiply, followed by a sum over the summed axes.
/// </summary>
internal static class EinsumExecutor
{
    /// <summary>A term of the contraction: a tensor with one axis per (distinct) label.</summary>
    private readonly record struct Term<T>(NDArray<T> NDArray, int[] Labels, bool Owned) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The distinct, non-broadcast labels of each operand after the diagonal and broadcast steps.</summary>
    public static List<int[]> EffectiveLabels(EinsumSubscripts spec, IReadOnlyList<long[]> shapes)
    {
        var result = new List<int[]>(spec.Inputs.Length);
        for (int p = 0; p < spec.Inputs.Length; p++)
        {
            var labels = new List<int>();
            for (int a = 0; a < spec.Inputs[p].Length; a++)
            {
                int l = spec.Inputs[p][a];
                if (labels.Contains(l)) continue;
                if (shapes[p][a] == 1 && spec.Sizes[l] != 1) continue; // broadcast: constant along l
                labels.Add(l);
            }
            result.Add([.. labels]);
        }
        return result;
    }

    /// <summary>
    /// Labels that each term can sum away on its own (used by no other term and not by the output), and the terms
    /// that remain for the pairwise path.
    /// </summary>
    public static List<int[]> AfterUnarySums(List<int[]> terms, int[] output)
    {
        var result = new List<int[]>(terms.Count);
        for (int p = 0; p < terms.Count; p++)
            result.Add(terms[p].Where(l => output.Contains(l) || terms.Where((_, q) => q != p).Any(t => t.Contains(l))).ToArray());
        return result;
    }

    public static NDArray<T> Run<T>(EinsumSubscripts spec, IReadOnlyList<NDArray<T>> operands, List<(int First, int Second)> path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shapes = operands.Select(o => o.Dims).ToList();
        var effective = EffectiveLabels(spec, shapes);
        var terms = new List<Term<T>>(operands.Count);
        for (int p = 0; p < operands.Count; p++)
            terms.Add(new Term<T>(Diagonalize(operands[p], spec.Inputs[p], effective[p]), effective[p], false));
        var kept = AfterUnarySums(effective, spec.Output);
        for (int p = 0; p < terms.Count; p++)
            terms[p] = SumAway(terms[p], kept[p]);

        foreach (var (first, second) in path)
        {
            var keep = new HashSet<int>(spec.Output);
            for (int k = 0; k < terms.Count; k++)
                if (k != first && k != second) keep.UnionWith(terms[k].Labels);
            var merged = Contract(terms[first], terms[second], keep, spec.Sizes, spec.Output);
            terms.RemoveAt(Math.Max(first, second));
            terms.RemoveAt(Math.Min(first, second));
            terms.Add(merged);
        }
        System.Diagnostics.Debug.Assert(terms.Count == 1);
        var last = SumAway(terms[0], terms[0].Labels.Where(spec.Output.Contains).ToArray());
        var result = Arrange(last, spec.Output);
        bool inPlace = last.Owned && last.Labels.AsSpan().SequenceEqual(spec.Output);
        return inPlace ? last.NDArray : result.Copy();
    }

    /// <summary>
    /// A view of <paramref name="t"/> with one axis per label of <paramref name="labels"/>: repeated labels of
    /// <paramref name="axisLabels"/> merge into a diagonal axis (strides add), broadcast length-1 axes are dropped.
    /// </summary>
    private static NDArray<T> Diagonalize<T>(NDArray<T> t, int[] axisLabels, int[] labels) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dims = new long[labels.Length];
        var strides = new long[labels.Length];
        for (int i = 0; i < labels.Length; i++)
            for (int a = 0; a < axisLabels.Length; a++)
                if (axisLabels[a] == labels[i])
                {
                    dims[i] = t.Dims[a];
                    strides[i] += t.StrideArray[a];
                }
        return new NDArray<T>(t.Store, t.Offset, dims, strides, readOnly: true);
    }

    /// <summary>Sums the axes of <paramref name="term"/> whose labels are not in <paramref name="keep"/> (kept in order).</summary>
    private static Term<T> SumAway<T>(Term<T> term, int[] keep) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (keep.Length == term.Labels.Length) return term;
        var axes = Enumerable.Range(0, term.Labels.Length).Where(a => !keep.Contains(term.Labels[a])).ToArray();
        return new Term<T>(term.NDArray.Sum(axes), term.Labels.Where(keep.Contains).ToArray(), true);
    }

    /// <summary>
    /// A view of the term with axes in the order of <paramref name="order"/>; a label the term lacks becomes a
    /// length-1 axis with stride 0 (its size is then 1, or the other factor of a product broadcasts it).
    /// </summary>
    private static NDArray<T> Arrange<T>(Term<T> term, IReadOnlyList<int> order) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dims = new long[order.Count];
        var strides = new long[order.Count];
        for (int i = 0; i < order.Count; i++)
        {
            int a = Array.IndexOf(term.Labels, order[i]);
            if (a >= 0) { dims[i] = term.NDArray.Dims[a]; strides[i] = term.NDArray.StrideArray[a]; }
            else { dims[i] = 1; strides[i] = 0; }
        }
        return new NDArray<T>(term.NDArray.Store, term.NDArray.Offset, dims, strides, readOnly: true);
    }

    /// <summary>Contracts two terms, keeping the labels in <paramref name="keep"/>.</summary>
    /// <remarks>
    /// The operand whose own labels come first in <paramref name="output"/> plays A (its labels become the rows of the
    /// product), so that the last step of <c>ij,jk,kl->il</c> writes (i, l) directly instead of (l, i) and a transposing copy.
    /// </remarks>
    private static Term<T> Contract<T>(Term<T> a, Term<T> b, HashSet<int> keep, Dictionary<int, long> sizes, int[] output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (FirstOwnInOutput(b, a, output) < FirstOwnInOutput(a, b, output)) (a, b) = (b, a);
        // labels only one side has and nobody needs: sum them first (they never reach the product)
        a = SumAway(a, a.Labels.Where(l => keep.Contains(l) || b.Labels.Contains(l)).ToArray());
        b = SumAway(b, b.Labels.Where(l => keep.Contains(l) || a.Labels.Contains(l)).ToArray());
        var big = a.NDArray.Size >= b.NDArray.Size ? a : b;
        var batch = ByStride(a, a.Labels.Where(l => b.Labels.Contains(l) && keep.Contains(l)));
        var summed = ByStride(big, a.Labels.Where(l => b.Labels.Contains(l) && !keep.Contains(l)));
        var left = ByStride(a, a.Labels.Where(l => !b.Labels.Contains(l)));
        var right = ByStride(b, b.Labels.Where(l => !a.Labels.Contains(l)));
        long m = Product(left, sizes), n = Product(right, sizes), k = Product(summed, sizes);
        int[] resultLabels = [.. batch, .. left, .. right];

        if (summed.Count == 0 || (m == 1 && n == 1 && batch.Count > 0))
        {
            // nothing for GEMM to do: broadcast multiply, then sum the trailing summed axes
            int[] order = [.. resultLabels, .. summed];
            var product = Arrange(a, order) * Arrange(b, order);
            if (summed.Count > 0)
                product = product.Sum(Enumerable.Range(resultLabels.Length, summed.Count).ToArray());
            return new Term<T>(product, resultLabels, true);
        }

        long[] batchDims = batch.Select(l => sizes[l]).ToArray();
        var a3 = Arrange(a, [.. batch, .. left, .. summed]).Reshape([.. batchDims, m, k]);
        var b3 = Arrange(b, [.. batch, .. summed, .. right]).Reshape([.. batchDims, k, n]);
        var c = NDArray.MatMul(a3, b3);
        long[] outDims = resultLabels.Select(l => sizes[l]).ToArray();
        return new Term<T>(c.Reshape(outDims), resultLabels, true);
    }

    /// <summary>The first position in <paramref name="output"/> of a label that <paramref name="term"/> has and <paramref name="other"/> lacks.</summary>
    private static int FirstOwnInOutput<T>(Term<T> term, Term<T> other, int[] output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < output.Length; i++)
            if (term.Labels.Contains(output[i]) && !other.Labels.Contains(output[i])) return i;
        return output.Length;
    }

    /// <summary>The labels ordered by decreasing stride in <paramref name="term"/>, so merged axes stay reshape-able as views.</summary>
    private static List<int> ByStride<T>(Term<T> term, IEnumerable<int> labels) where T : unmanaged, IFloatingPointIeee754<T> =>
        labels.OrderByDescending(l => Math.Abs(term.NDArray.StrideArray[Array.IndexOf(term.Labels, l)])).ToList();

    private static long Product(List<int> labels, Dictionary<int, long> sizes)
    {
        long p = 1;
        foreach (int l in labels) p *= sizes[l];
        return p;
    }
}
