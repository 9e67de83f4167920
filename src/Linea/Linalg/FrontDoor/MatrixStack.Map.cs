using System.Diagnostics;
using System.Numerics;

namespace Linea;

internal static partial class MatrixStack
{
    /// <summary>
    /// The shared loop of the front doors that return whole tensors per matrix (eigh, eig, svd, pinv, ...): calls
    /// <paramref name="each"/> on every matrix of the stack <paramref name="a"/> (..., m, n) and stacks its results,
    /// so that result r has shape (..., itemDims[r]). For one matrix (rank 2) it returns <paramref name="each"/>'s
    /// results as they are; for a stack it calls <paramref name="each"/> in C order over the batch axes with each
    /// matrix as a read-only 2-d view (any strides, broadcast batch axes included; nothing copied) and copies its
    /// results into the slots of the stacked outputs, so every matrix gets exactly the single-matrix answer. An empty
    /// batch gives empty results of the right shape without calling <paramref name="each"/>.
    /// </summary>
    /// <param name="op">The operation's API name, for messages.</param>
    /// <param name="a">The matrix or stack, rank &gt;= 2 (validated by the caller).</param>
    /// <param name="itemDims">The shape of each result per matrix; <paramref name="each"/> must return exactly these.</param>
    /// <param name="each">
    /// The single-matrix function: the matrix, and the label to use as the operation name in its messages (see
    /// <see cref="Label"/>), so that an error raised for one matrix names its index in the stack.
    /// </param>
    /// <param name="names">The results' names for size errors ("Q", "R"); "result 0", ... when null.</param>
    public static NDArray<T>[] Map<T>(string op, NDArray<T> a, int[][] itemDims, Func<NDArray<T>, string, NDArray<T>[]> each, string[]? names = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSizes(op, a, itemDims, names);
        if (a.Rank == 2) return each(a, op);
        var batch = a.IntDims[..^2];
        var outputs = new NDArray<T>[itemDims.Length];
        for (int r = 0; r < outputs.Length; r++) outputs[r] = NDArray<T>.Uninitialized(Shape.Widen([.. batch, .. itemDims[r]])); // every slot is written below
        var offsets = Offsets(a, batch);
        for (int t = 0; t < offsets.Length; t++)
        {
            var items = each(View(a, offsets[t]), Label(op, a, t));
            Debug.Assert(items.Length == outputs.Length);
            for (int r = 0; r < outputs.Length; r++)
            {
                Debug.Assert(items[r].Dims.AsSpan().SequenceEqual(Shape.Widen(itemDims[r])));
                int size = Shape.ComputeIntSize(Shape.Widen(itemDims[r]));
                items[r].Contiguous().ContiguousSpan.CopyTo(outputs[r].Data.AsSpan(t * size, size));
            }
        }
        return outputs;
    }

    /// <summary>
    /// <see cref="Map{T}"/> for functions with one number per matrix (det, cond, matrix_rank, matrix norms): a tensor of
    /// the batch shape (...) of the stack <paramref name="a"/> (rank &gt;= 2); 0-d for a single matrix.
    /// </summary>
    public static NDArray<T> MapScalar<T>(string op, NDArray<T> a, Func<NDArray<T>, string, T> each)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSizes(op, a, [[]], null);
        var batch = a.IntDims[..^2];
        var result = NDArray<T>.Uninitialized(Shape.Widen(batch)); // every element is written below
        if (a.Rank == 2) { result.Data[0] = each(a, op); return result; }
        var offsets = Offsets(a, batch);
        for (int t = 0; t < offsets.Length; t++) result.Data[t] = each(View(a, offsets[t]), Label(op, a, t));
        return result;
    }

    /// <summary>
    /// Checks, before anything is allocated, that each matrix of <paramref name="a"/> and every (stacked) result of
    /// shapes (..., <paramref name="itemDims"/>[r]) fits the one .NET array per matrix (and per stacked result) that the
    /// dense factorizations work in: a complete Q of a (100000, 5) matrix, (100000, 100000), does not, and the
    /// <see cref="TensorTooLargeException"/> says so with the operation, the shapes and the bytes.
    /// </summary>
    public static void RequireSizes<T>(string op, NDArray<T> a, int[][] itemDims, string[]? names)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Ops.HalfPrecision.RequireComputable<T>(op); // every Map and MapScalar (Linalg's stacks) passes here
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        string limit = $"the dense factorizations hold each matrix and each result in one .NET array of at most {Array.MaxLength:#,0} elements";
        double matrix = (double)a.IntDims[^2] * a.IntDims[^1];
        if (matrix > Array.MaxLength)
            ThrowHelper.ResultTooLarge(op, $"each matrix of the input {a.Shape} ({a.IntDims[^2]} x {a.IntDims[^1]}), copied to work on,", matrix, size, limit);
        double batch = 1;
        for (int i = 0; i < a.Rank - 2; i++) batch *= a.Dims[i];
        for (int r = 0; r < itemDims.Length; r++)
        {
            double count = batch;
            foreach (int d in itemDims[r]) count *= d;
            if (count <= Array.MaxLength) continue;
            var shape = Shape.Wrap([.. a.Dims.AsSpan(0, a.Rank - 2), .. Shape.Widen(itemDims[r])]);
            string name = names is not null && r < names.Length ? names[r] : $"result {r}";
            ThrowHelper.ResultTooLarge(op, $"{name} of shape {shape} for the input {a.Shape}", count, size, limit);
        }
    }

    /// <summary>
    /// The matrix of the stack <paramref name="a"/> that starts at <paramref name="offset"/>, as a read-only 2-d view. An
    /// empty matrix (m or n = 0) starts at 0: the strides of an empty stack may point past its (empty) storage.
    /// </summary>
    public static NDArray<T> View<T>(NDArray<T> a, long offset) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.IntDims[^2], n = a.IntDims[^1];
        return new(a.Store, m == 0 || n == 0 ? 0 : offset, [m, n], [a.StrideArray[^2], a.StrideArray[^1]], readOnly: true);
    }

    /// <summary>
    /// The operation name to use in the messages about matrix <paramref name="index"/> (C order) of the stack
    /// <paramref name="a"/>: "eigh: matrix [1, 0] of the stack (2, 3, 4, 4)", so that a message reads "eigh: matrix
    /// [1, 0] of the stack (2, 3, 4, 4): the input of shape (4, 4) contains NaN at [2, 1] ...". Just
    /// <paramref name="op"/> for a single matrix.
    /// </summary>
    public static string Label<T>(string op, NDArray<T> a, int index) where T : unmanaged, IFloatingPointIeee754<T> =>
        a.Rank == 2 ? op : $"{op}: matrix {Index(a.IntDims.AsSpan(0, a.Rank - 2), index)} of the stack {a.Shape}";
}
