using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Gemm;
using Linea.Kernels.Threading;

namespace Linea;

public static partial class NDArrayExtensions
{
    /// <summary>The matrix product as an instance method of floating-point tensors.</summary>
    /// <param name="a">The left operand.</param>
    extension<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The matrix product <c>a @ other</c>; see <see cref="NDArray.MatMul{T}(NDArray{T}, NDArray{T})"/>.</summary>
        public NDArray<T> MatMul(NDArray<T> other) => NDArray.MatMul(a, other);
    }
}

public static partial class NDArray
{
    /// <summary>
    /// NumPy's <c>a @ b</c>. Vector · vector gives a 0-d tensor (the dot product); matrix · vector and
    /// vector · matrix give vectors; (…, m, k) @ (…, k, n) gives (…, m, n), with the leading (batch) axes
    /// broadcast: (4, 1, 5, 6) @ (3, 6, 2) is (4, 3, 5, 2). Transposed and sliced views are read in place.
    /// Cost: 2·m·n·k flops per matrix.
    /// </summary>
    /// <exception cref="ShapeMismatchException">Inner dimensions differ (the message suggests a transpose when one fits), or batch axes do not broadcast.</exception>
    /// <exception cref="ArgumentException">An operand is 0-d (use <c>*</c> to scale).</exception>
    public static NDArray<T> MatMul<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Ops.HalfPrecision.RequireComputable<T>("matmul (generic MatMul<T>; the NDArray<Half> and NDArray<BFloat16> overloads return float32)");
        var (a2, b2, batch, outDims) = PlanMatMul(a, b);
        long m = outDims[^2], n = outDims[^1], k = a2.Dims[^1];
        var c = NDArray<T>.Uninitialized(outDims); // GEMM with beta = 0 writes every element
        MatMulBatched(a2, b2, c, batch, m, n, k, Parallelism.Default);
        if (a.Rank == 1 && b.Rank == 1) return c.Reshape();
        if (a.Rank == 1) return c.Squeeze(-2);
        if (b.Rank == 1) return c.Squeeze(-1);
        return c;
    }

    /// <summary>
    /// The batch loop of <see cref="MatMul{T}"/>: c[..., :, :] = a[..., :, :] @ b[..., :, :] over the broadcast
    /// batch axes (c has the full batch shape; a and b are already at least 2-d and checked).
    /// </summary>
    internal static void MatMulBatched<T>(NDArray<T> a2, NDArray<T> b2, NDArray<T> c, long[] batch, long m, long n, long k,
        Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (batch.Length == 0)
        {
            // One matrix (the common 2-d case): straight to GEMM, without the batch bookkeeping (a few hundred
            // nanoseconds of allocation, as much as 10 % of a 64 x 64 product).
            Gemm.Multiply(T.One, MatrixViews.At(a2, a2.Offset), MatrixViews.At(b2, b2.Offset), T.Zero, MatrixViews.At(c, c.Offset), parallelism);
            Ops.Elementwise.KeepStorageAlive(a2, b2, c);
            return;
        }
        long count = Shape.ComputeSize(batch);
        if (count == 0) return;
        if (count > Array.MaxLength / 3)
            ThrowHelper.TooLarge("matmul", new Shape(batch), "more matrices in one batch than Linea's batch loop indexes");
        var kernel = new BatchKernel((int)count);
        StridedLoop.Run(batch,
            a2.Offset, Broadcast.StridesTo(a2.Dims[..^2], a2.StrideArray[..^2], batch),
            b2.Offset, Broadcast.StridesTo(b2.Dims[..^2], b2.StrideArray[..^2], batch),
            c.Offset, c.StrideArray[..^2], ref kernel);
        new BatchJob<T>(a2, b2, c, m, n, k, kernel.Offsets, kernel.Count).Run(parallelism);
        Ops.Elementwise.KeepStorageAlive(a2, b2, c);
    }

    /// <summary>
    /// The shape rules of NumPy's <c>@</c>, shared by every product: vectors promoted to matrices (<c>a2</c>
    /// (…, m, k), <c>b2</c> (…, k, n)), the broadcast batch axes and the result's shape, with the messages
    /// for 0-d operands, unequal inner dimensions (suggesting a transpose that fits) and batch axes that do not broadcast.
    /// </summary>
    internal static (NDArray<TA> a2, NDArray<TB> b2, long[] batch, long[] outDims) PlanMatMul<TA, TB>(NDArray<TA> a, NDArray<TB> b)
        where TA : unmanaged where TB : unmanaged
    {
        if (a.Rank == 0 || b.Rank == 0)
            ThrowHelper.Argument("matmul", a.Rank == 0 ? nameof(a) : nameof(b),
                $"{a.Shape} @ {b.Shape}: matmul needs at least 1-d operands; to scale by a scalar use *");
        var a2 = a.Rank == 1 ? a.ExpandDims(0) : a;
        var b2 = b.Rank == 1 ? b.ExpandDims(-1) : b;
        if (a2.Dims[^1] != b2.Dims[^2]) ThrowInnerMismatch(a, b);
        long[] batch;
        try { batch = Broadcast.Shapes("matmul", a2.Dims[..^2], b2.Dims[..^2]); }
        catch (ShapeMismatchException)
        {
            ThrowHelper.ShapeMismatch("matmul",
                $"{a.Shape} @ {b.Shape}: the batch axes {Shape.Format(a2.Dims[..^2])} and {Shape.Format(b2.Dims[..^2])} cannot be broadcast together", a.Shape, b.Shape);
            throw;
        }
        var outDims = new long[batch.Length + 2];
        batch.CopyTo(outDims, 0);
        outDims[^2] = a2.Dims[^2]; outDims[^1] = b2.Dims[^1];
        return (a2, b2, batch, outDims);
    }

    private static void ThrowInnerMismatch<TA, TB>(NDArray<TA> a, NDArray<TB> b) where TA : unmanaged where TB : unmanaged
    {
        long k = a.Dims[^1], kb = b.Rank == 1 ? b.Dims[0] : b.Dims[^2];
        string hint = "";
        if (b.Rank >= 2 && b.Dims[^1] == k)
            hint = b.Rank > 2
                ? $"; did you mean B.MT (B.SwapAxes(-2, -1), NumPy's B.mT)? It swaps the last two axes of each matrix of the stack, so A @ B.MT would have inner dimension {k}; B.T would reverse every axis"
                : $"; did you mean B.T? A @ B.T would have inner dimension {k}";
        else if (a.Rank >= 2 && a.Dims[^2] == kb)
            hint = a.Rank > 2
                ? $"; did you mean A.MT (A.SwapAxes(-2, -1), NumPy's A.mT)? A.MT @ B would have inner dimension {kb}; A.T would reverse every axis"
                : $"; did you mean A.T? A.T @ B would have inner dimension {kb}";
        ThrowHelper.ShapeMismatch("matmul",
            $"{a.Shape} @ {b.Shape}: inner dimensions {k} and {kb} differ (the last axis of A must equal the {(b.Rank == 1 ? "length" : "second-to-last axis")} of B){hint}",
            a.Shape, b.Shape);
    }

    /// <summary>Collects the (a, b, c) element offsets of every matrix in the broadcast batch, in C order.</summary>
    private struct BatchKernel(int count) : IStridedKernel
    {
        public readonly long[] Offsets = new long[3 * count];
        public int Count;

        public void Run(int count, long oa, long sa, long ob, long sb, long oc, long sc)
        {
            for (int i = 0; i < count; i++, Count++)
            {
                Offsets[3 * Count] = oa + i * sa;
                Offsets[3 * Count + 1] = ob + i * sb;
                Offsets[3 * Count + 2] = oc + i * sc;
            }
        }
    }

    /// <summary>
    /// Runs the matrices of a batch. Many small products (attention's (32,8,128,64) @ (32,8,64,128)) go across
    /// the batch: each worker takes the next matrix from a shared counter and multiplies it single-threaded, so
    /// no thread waits on a barrier inside a tiny GEMM. Few or large matrices run one after another, each one
    /// threaded inside GEMM.
    /// </summary>
    private sealed class BatchJob<T>(NDArray<T> a, NDArray<T> b, NDArray<T> c, long m, long n, long k, long[] offsets, int count)
        : IParallelJob where T : unmanaged, IFloatingPointIeee754<T>
    {
        private int _next;

        public void Run(Parallelism parallelism)
        {
            int threads = parallelism.Count;
            long work = m * n * k;
            bool acrossBatch = threads > 1 && count >= threads && work * count >= Gemm.DefaultParallelThreshold
                               && (count >= 4 * threads || work < 128L * 128 * 128);
            if (acrossBatch) WorkerPool.Run(threads, this);
            else for (int i = 0; i < count; i++) One(i, parallelism);
        }

        public void Execute(int tid, int threads, SpinBarrier barrier)
        {
            for (int i = Interlocked.Increment(ref _next) - 1; i < count; i = Interlocked.Increment(ref _next) - 1)
                One(i, Parallelism.None);
        }

        private void One(int i, Parallelism parallelism) =>
            Gemm.Multiply(T.One, MatrixViews.At(a, offsets[3 * i]), MatrixViews.At(b, offsets[3 * i + 1]),
                T.Zero, MatrixViews.At(c, offsets[3 * i + 2]), parallelism);
    }

    /// <summary>
    /// NumPy's <c>dot</c> for vectors and matrices: the inner product of two 1-d tensors (as a scalar), or
    /// the matrix product for 2-d operands. For stacks use <see cref="MatMul{T}"/>.
    /// </summary>
    public static T Dot<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Ops.HalfPrecision.RequireComputable<T>("dot");
        if (a.Rank != 1 || b.Rank != 1)
            ThrowHelper.ShapeMismatch("dot", $"{a.Shape} · {b.Shape}: Dot returns the scalar inner product of two 1-d tensors; for matrices use MatMul", a.Shape, b.Shape);
        if (a.Size != b.Size)
            ThrowHelper.ShapeMismatch("dot", $"{a.Shape} · {b.Shape}: vectors of lengths {a.Size} and {b.Size} have no inner product", a.Shape, b.Shape);
        if (a.IsContiguous && b.IsContiguous) return TensorPrimitives.Dot(a.ContiguousSpan, b.ContiguousSpan);
        return MatMul(a, b).Item();
    }

    /// <summary>The outer product a[i] * b[j] of the flattened inputs, shape (a.Size, b.Size).</summary>
    public static NDArray<T> Outer<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Ravel().Reshape(-1, 1) * b.Ravel().Reshape(1, -1);
    }

    /// <summary>The sum of the <paramref name="offset"/>-th diagonal of a matrix.</summary>
    public static T Trace<T>(NDArray<T> a, int offset = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank != 2) ThrowHelper.Argument("trace", nameof(a), $"needs a 2-d tensor, got shape {a.Shape}");
        return a.Diagonal(offset).Sum();
    }
}
