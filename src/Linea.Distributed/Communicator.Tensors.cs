using System.Numerics;

namespace Linea.Distributed;

public sealed partial class Communicator
{
    /// <summary>
    /// Root's tensor into every rank's <paramref name="tensor"/> in place (contiguous and writable on every rank, of
    /// one shape). See <see cref="Broadcast{T}(Span{T}, int)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not contiguous or is read-only.</exception>
    /// <exception cref="MpiCountMismatchException">Shapes or roots differ across ranks.</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public void Broadcast<T>(NDArray<T> tensor, int root) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (ValidatesArguments) CheckSameShape("broadcast", tensor.Shape);
        Broadcast(WritableElements(tensor, "broadcast"), root);
    }

    /// <summary>
    /// Root's tensor on every rank, shape included: root passes its tensor (returned as is when contiguous), the others
    /// pass null and get a new tensor. Two broadcasts (shape, then elements).
    /// </summary>
    /// <param name="tensor">Root: the tensor; others: ignored (null).</param>
    /// <param name="root">The sending rank.</param>
    /// <returns>Root's tensor (a contiguous tensor of its shape and elements).</returns>
    /// <exception cref="ArgumentNullException">Root passed null.</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public NDArray<T> BroadcastTensor<T>(NDArray<T>? tensor, int root) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Rank == root) ArgumentNullException.ThrowIfNull(tensor);
        long[] dims = BroadcastShape(Rank == root ? tensor!.Shape.ToArray() : null, root);
        NDArray<T> result = Rank == root ? tensor!.Contiguous() : NDArray.Zeros<T>(dims);
        Span<T> elements = Rank == root ? WritableOrCopy(ref result) : result.AsSpan();
        WithoutArgumentChecks().Broadcast(elements, root);
        return result;
    }

    /// <summary>
    /// Element-wise reduction of every rank's tensor (one shape on every rank), as a new contiguous tensor on every
    /// rank. Memory: one result tensor.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not contiguous.</exception>
    /// <exception cref="MpiCountMismatchException">Shapes differ across ranks (on every rank, listing them).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public NDArray<T> Allreduce<T>(NDArray<T> tensor, ReductionOp op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (ValidatesArguments) CheckSameShape("allreduce", tensor.Shape);
        ReadOnlySpan<T> send = Elements(tensor, "allreduce");
        NDArray<T> result = NDArray.Zeros<T>(tensor.Shape.ToArray());
        WithoutArgumentChecks().Allreduce(send, result.AsSpan(), op);
        return result;
    }

    /// <summary>Element-wise reduction of every rank's tensor (one shape) into a new tensor at root; null elsewhere.</summary>
    /// <exception cref="ArgumentException">The tensor is not contiguous.</exception>
    /// <exception cref="MpiCountMismatchException">Shapes or roots differ across ranks.</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public NDArray<T>? Reduce<T>(NDArray<T> tensor, ReductionOp op, int root) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (ValidatesArguments) CheckSameShape("reduce", tensor.Shape);
        ReadOnlySpan<T> send = Elements(tensor, "reduce");
        NDArray<T>? result = Rank == root ? NDArray.Zeros<T>(tensor.Shape.ToArray()) : null;
        Reduce(send, result is null ? Span<T>.Empty : result.AsSpan(), op, root);
        return result;
    }

    /// <summary>
    /// Stacks every rank's row block (shape (n_r, ...) with one trailing shape, n_r ≥ 0) in rank order into a new
    /// tensor of shape (Σ n_r, ...) on every rank (<c>MPI_Allgatherv</c>). Memory: the whole result on every rank.
    /// </summary>
    /// <exception cref="ArgumentException">The block is 0-d or not contiguous.</exception>
    /// <exception cref="MpiCountMismatchException">Trailing shapes differ across ranks (on every rank, listing them).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public NDArray<T> AllgatherRows<T>(NDArray<T> local) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = "allgather_rows";
        ArgumentNullException.ThrowIfNull(local);
        long[] trailing = TrailingShape(name, local);
        CheckSameShape(name, trailing);
        long[] rows = Allgather(local.Shape[0]);
        NDArray<T> result = NDArray.Zeros<T>([rows.Sum(), .. trailing]);
        Allgatherv(Elements(local, name), result.AsSpan());
        return result;
    }

    /// <summary>
    /// Stacks every rank's row block (one trailing shape) in rank order into a new tensor at root; null elsewhere
    /// (<c>MPI_Gatherv</c>). Memory: the whole result at root.
    /// </summary>
    /// <exception cref="ArgumentException">The block is 0-d or not contiguous.</exception>
    /// <exception cref="MpiCountMismatchException">Trailing shapes or roots differ across ranks.</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public NDArray<T>? GatherRows<T>(NDArray<T> local, int root) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = "gather_rows";
        ArgumentNullException.ThrowIfNull(local);
        long[] trailing = TrailingShape(name, local);
        CheckSameShape(name, trailing);
        long[] rows = Allgather(local.Shape[0]);
        NDArray<T>? result = Rank == root ? NDArray.Zeros<T>([rows.Sum(), .. trailing]) : null;
        Gatherv(Elements(local, name), result is null ? Span<T>.Empty : result.AsSpan(), root);
        return result;
    }

    /// <summary>
    /// Root's tensor of shape (n, ...) cut into consecutive row blocks, block r (of <paramref name="partition"/>, or
    /// <see cref="RowPartition.Balanced"/> by default) to rank r as a new tensor (<c>MPI_Scatterv</c>).
    /// </summary>
    /// <param name="whole">Root: the tensor (at least 1-d); others: ignored (null).</param>
    /// <param name="root">The sending rank.</param>
    /// <param name="partition">Row counts per rank, the same on every rank; null for a balanced split.</param>
    /// <returns>This rank's rows.</returns>
    /// <exception cref="ArgumentException">Root's tensor is null, 0-d, or its row count is not the partition's.</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public NDArray<T> ScatterRows<T>(NDArray<T>? whole, int root, RowPartition? partition = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = "scatter_rows";
        if (Rank == root)
        {
            ArgumentNullException.ThrowIfNull(whole);
            if (whole.Rank == 0) throw new ArgumentException($"{name} on rank {Rank} of {Size}: root's tensor is 0-d; it needs rows", nameof(whole));
        }
        long[] dims = BroadcastShape(Rank == root ? whole!.Shape.ToArray() : null, root);
        RowPartition part = partition ?? RowPartition.Balanced(dims[0], Size);
        if (part.Ranks != Size || part.Rows != dims[0])
            throw Mismatch(name, $"the partition {part} does not split root's {dims[0]} rows over {Size} ranks");
        long[] trailing = dims[1..];
        NDArray<T> mine = NDArray.Zeros<T>([part.Count(Rank), .. trailing]);
        ReadOnlySpan<T> send = Rank == root ? Elements(whole!.Contiguous(), name) : ReadOnlySpan<T>.Empty;
        Scatterv(send, mine.AsSpan(), root);
        return mine;
    }

    /// <summary>Sends a tensor, shape included, to <paramref name="dest"/> (two messages with one tag: shape, elements).</summary>
    /// <exception cref="ArgumentException">The tensor is not contiguous.</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public void Send<T>(NDArray<T> tensor, int dest, int tag = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ReadOnlySpan<T> elements = Elements(tensor, "send");
        Send<long>(tensor.Shape.ToArray(), dest, tag);
        Send(elements, dest, tag);
    }

    /// <summary>Receives a tensor sent by <see cref="Send{T}(NDArray{T}, int, int)"/> as a new tensor.</summary>
    /// <param name="source">The sending rank (not <see cref="AnySource"/>, so shape and elements come from one sender).</param>
    /// <param name="tag">The tag.</param>
    /// <exception cref="MpiException">MPI failed, or the message does not match the shape.</exception>
    public NDArray<T> ReceiveTensor<T>(int source, int tag = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (source == AnySource || tag == AnyTag)
            throw new ArgumentException($"receive_tensor on rank {Rank} of {Size}: name the source and tag (shape and elements must come from one message pair)");
        long[] dims = Receive<long>(source, tag);
        NDArray<T> result = NDArray.Zeros<T>(dims);
        Receive(result.AsSpan(), source, tag);
        return result;
    }

    private long[] BroadcastShape(long[]? rootDims, int root)
    {
        int ndim = Broadcast(rootDims?.Length ?? 0, root);
        var dims = rootDims ?? new long[ndim];
        WithoutArgumentChecks().Broadcast<long>(dims, root);
        return dims;
    }

    private long[] TrailingShape<T0>(string name, NDArray<T0> t) where T0 : unmanaged, IFloatingPointIeee754<T0> =>
        t.Rank == 0 ? throw new ArgumentException($"{name} on rank {Rank} of {Size}: the tensor is 0-d; it needs rows") : t.Shape.ToArray()[1..];

    /// <summary>Throws on every rank when the ranks' shapes differ, listing every rank's shape.</summary>
    private void CheckSameShape(string name, ReadOnlySpan<long> dims)
    {
        long key = ShapeKey(dims);
        long[] keys = ExchangeRecords(name, key, dims.Length, -1);
        bool same = true;
        for (int r = 1; r < Size && same; r++) same = keys[RecordWidth * r] == keys[0] && keys[RecordWidth * r + 1] == keys[1];
        if (same) return;
        long[] allDims = Allgatherv<long>(dims);
        var parts = new List<string>();
        for (int r = 0, at = 0; r < Size; r++)
        {
            int n = (int)keys[RecordWidth * r + 1];
            parts.Add($"rank {r}: ({string.Join(", ", allDims.Skip(at).Take(n))})");
            at += n;
        }
        throw Mismatch(name, "the shapes differ across ranks (" + string.Join("; ", parts) + ")");
    }

    /// <summary>FNV-1a over the dimensions (deterministic across processes, unlike HashCode).</summary>
    private static long ShapeKey(ReadOnlySpan<long> dims)
    {
        ulong h = 14695981039346656037UL;
        foreach (long d in dims)
        {
            h ^= (ulong)d;
            h *= 1099511628211UL;
        }
        h ^= (ulong)dims.Length;
        return (long)(h & long.MaxValue);
    }

    private ReadOnlySpan<T> Elements<T>(NDArray<T> t, string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!t.IsContiguous)
            throw new ArgumentException($"{name} on rank {Rank} of {Size}: the tensor of shape {t.Shape} is a strided view; pass tensor.Contiguous()");
        return t.AsReadOnlySpan();
    }

    private Span<T> WritableElements<T>(NDArray<T> t, string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!t.IsContiguous)
            throw new ArgumentException($"{name} on rank {Rank} of {Size}: the tensor of shape {t.Shape} is a strided view; it must be contiguous to receive in place");
        if (t.IsReadOnly)
            throw new ArgumentException($"{name} on rank {Rank} of {Size}: the tensor of shape {t.Shape} is read-only (e.g. a read-only memory map); it cannot receive");
        return t.AsSpan();
    }

    private static Span<T> WritableOrCopy<T>(ref NDArray<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (t.IsReadOnly) t = t.Copy();
        return t.AsSpan();
    }
}
