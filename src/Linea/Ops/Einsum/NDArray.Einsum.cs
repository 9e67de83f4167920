using System.Numerics;
using Linea.Ops.Einsum;

namespace Linea;

public static partial class NDArray
{
    /// <summary>
    /// NumPy's <c>einsum(subscripts, *operands, optimize=True)</c>: the Einstein summation of the operands. Subscripts name
    /// each operand's axes with letters, ',' between operands: <c>"ij,jk->ik"</c> is the matrix product,
    /// <c>"bhqd,bhkd->bhqk"</c> batched attention scores, <c>"ii"</c> the trace, <c>"ii->i"</c> the diagonal,
    /// <c>"i,ij,j->"</c> a bilinear form. After <c>-></c> comes the output; without it the output is the letters that
    /// appear once, in alphabetical order (upper case first). A repeated letter within an operand takes its diagonal;
    /// a letter absent from the output is summed. <c>...</c> stands for the remaining axes, which broadcast as in NumPy
    /// (so does a length-1 axis against a longer one of the same letter).
    /// </summary>
    /// <remarks>
    /// Evaluation: each operand's diagonals are strided views and labels only it uses are summed first; the rest is
    /// contracted pairwise in the greedy order of opt_einsum (see <see cref="EinsumPath{T}"/> for the order and cost
    /// model). Each pair that sums an index is one (batched) GEMM through <see cref="MatMul{T}"/> on permuted views;
    /// an operand is copied only when its merged axes have no single stride. Pairs with nothing to sum are broadcast
    /// products. Cost: about <see cref="EinsumPathInfo.OptimizedFlops"/> flops; memory: the intermediates along the path
    /// (<see cref="EinsumPathInfo.LargestIntermediate"/>) and the result, a new C-contiguous tensor (never a view of
    /// an operand). Float results accumulate in float, as GEMM does.
    /// </remarks>
    /// <exception cref="ArgumentException">Malformed subscripts (an invalid character, a lone '.' or '-', two ellipses in one
    /// operand, an output letter that no operand has or that repeats), or an operand count that differs from the subscripts'.</exception>
    /// <exception cref="ShapeMismatchException">An operand's rank differs from its number of letters (too many indices), a
    /// letter has two different sizes (the message names the letter, both operands and their shapes), or a repeated letter
    /// spans axes of different lengths.</exception>
    public static NDArray<T> Einsum<T>(string subscripts, params NDArray<T>[] operands) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Ops.HalfPrecision.RequireComputable<T>("einsum");
        ArgumentNullException.ThrowIfNull(subscripts);
        ArgumentNullException.ThrowIfNull(operands);
        foreach (var o in operands) ArgumentNullException.ThrowIfNull(o, nameof(operands));
        var plan = EinsumPlan.Create("einsum", subscripts, operands.Select(o => o.Dims).ToList());
        return EinsumExecutor.Run(plan.Spec, operands, plan.Path);
    }

    /// <summary>
    /// NumPy's <c>einsum_path(subscripts, *operands, optimize='greedy')</c>: the pairwise contraction order that
    /// <see cref="Einsum{T}"/> will follow and its estimated flops, from the shapes alone (no arithmetic on elements).
    /// The order is greedy: each step contracts the pair whose result frees the most memory (cost = size of the result −
    /// sizes of the two inputs, where a size is the product of the index sizes), ties going to fewer flops; pairs
    /// sharing an index come before outer products. Cost: O(t³) set operations for t operands.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Einsum{T}"/>.</exception>
    /// <exception cref="ShapeMismatchException">As <see cref="Einsum{T}"/>.</exception>
    public static EinsumPathInfo EinsumPath<T>(string subscripts, params NDArray<T>[] operands) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Ops.HalfPrecision.RequireComputable<T>("einsum_path");
        ArgumentNullException.ThrowIfNull(subscripts);
        ArgumentNullException.ThrowIfNull(operands);
        foreach (var o in operands) ArgumentNullException.ThrowIfNull(o, nameof(operands));
        return EinsumPlan.Create("einsum_path", subscripts, operands.Select(o => o.Dims).ToList()).Info;
    }
}
