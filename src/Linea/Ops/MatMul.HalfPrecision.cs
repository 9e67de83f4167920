using Linea.Kernels;
using Linea.Kernels.Gemm;
using Linea.Ops;

namespace Linea;

public static partial class NDArray
{
    /// <summary>
    /// <c>a @ b</c> for float16 operands, as mixed-precision ML runs it: packing converts each block of the operands to
    /// float32 and the float32 GEMM microkernel accumulates in float32, so the result equals the float32 product of
    /// the (exactly) widened operands up to float32 rounding, k·eps32·|A||B|. The result is <b>float32</b>, not
    /// float16 (PyTorch returns the operands' type): no second rounding, and no overflow of float16's 65504 in sums of
    /// products; call <c>.ToHalf()</c> on it for float16 storage. Shapes as <see cref="MatMul{T}(NDArray{T}, NDArray{T})"/>:
    /// vectors, matrices and broadcast (..., m, k) @ (..., k, n) stacks, views of any strides. 2·m·n·k flops per matrix;
    /// memory: the float32 result and per-thread pack buffers.
    /// </summary>
    /// <exception cref="ShapeMismatchException">Inner dimensions differ, or batch axes do not broadcast.</exception>
    /// <exception cref="ArgumentException">An operand is 0-d.</exception>
    public static NDArray<float> MatMul(NDArray<Half> a, NDArray<Half> b) => MixedMatMul(a, b);

    /// <summary><c>a @ b</c> for bfloat16 operands, accumulated in float32, result float32; see <see cref="MatMul(NDArray{Half}, NDArray{Half})"/>.</summary>
    /// <exception cref="ShapeMismatchException">Inner dimensions differ, or batch axes do not broadcast.</exception>
    /// <exception cref="ArgumentException">An operand is 0-d.</exception>
    public static NDArray<float> MatMul(NDArray<BFloat16> a, NDArray<BFloat16> b) => MixedMatMul(a, b);

    /// <summary>float32 activations @ float16 weights, accumulated in float32, result float32 (only b's blocks are converted in packing).</summary>
    /// <exception cref="ShapeMismatchException">Inner dimensions differ, or batch axes do not broadcast.</exception>
    /// <exception cref="ArgumentException">An operand is 0-d.</exception>
    public static NDArray<float> MatMul(NDArray<float> a, NDArray<Half> b) => MixedMatMul(a, b);

    /// <summary>float32 activations @ bfloat16 weights, accumulated in float32, result float32.</summary>
    /// <exception cref="ShapeMismatchException">Inner dimensions differ, or batch axes do not broadcast.</exception>
    /// <exception cref="ArgumentException">An operand is 0-d.</exception>
    public static NDArray<float> MatMul(NDArray<float> a, NDArray<BFloat16> b) => MixedMatMul(a, b);

    /// <summary>
    /// The matrix product of operands stored as float16, bfloat16 or float32 (any mix) into a new float32 tensor, with
    /// <see cref="MatMul{T}(NDArray{T}, NDArray{T})"/>'s shape rules and messages.
    /// </summary>
    internal static NDArray<float> MixedMatMul<TA, TB>(NDArray<TA> a, NDArray<TB> b) where TA : unmanaged where TB : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (a2, b2, batch, outDims) = PlanMatMul(a, b);
        long m = outDims[^2], n = outDims[^1], k = a2.Dims[^1];
        if (m > int.MaxValue || n > int.MaxValue || k > int.MaxValue)
            ThrowHelper.TooLarge("matmul", m > int.MaxValue ? a.Shape : b.Shape, "mixed-precision matmul takes matrices with at most 2^31 - 1 rows, columns and inner length");
        var c = NDArray<float>.Uninitialized(outDims, "matmul"); // every element is written (beta = 0)
        if (batch.Length == 0) One(a2, a2.Offset, b2, b2.Offset, c, c.Offset);
        else if (Shape.ComputeSize(batch) > 0)
        {
            long count = Shape.ComputeSize(batch);
            if (count > Array.MaxLength / 3)
                ThrowHelper.TooLarge("matmul", new Shape(batch), "more matrices in one batch than Linea's batch loop indexes");
            var offsets = new BatchKernel((int)count);
            StridedLoop.Run(batch,
                a2.Offset, Broadcast.StridesTo(a2.Dims[..^2], a2.StrideArray[..^2], batch),
                b2.Offset, Broadcast.StridesTo(b2.Dims[..^2], b2.StrideArray[..^2], batch),
                c.Offset, c.StrideArray[..^2], ref offsets);
            for (int i = 0; i < offsets.Count; i++)
                One(a2, offsets.Offsets[3 * i], b2, offsets.Offsets[3 * i + 1], c, offsets.Offsets[3 * i + 2]);
        }
        GC.KeepAlive(a2.Store);
        GC.KeepAlive(b2.Store);
        if (a.Rank == 1 && b.Rank == 1) return c.Reshape();
        if (a.Rank == 1) return c.Squeeze(-2);
        if (b.Rank == 1) return c.Squeeze(-1);
        return c;

        static void One(NDArray<TA> a, long ao, NDArray<TB> b, long bo, NDArray<float> c, long co) =>
            MixedPrecisionGemm.Multiply(
                new MatrixView<TA>(ref a.Store.At(ao), a.Dims[^2], a.Dims[^1], a.StrideArray[^2], a.StrideArray[^1]),
                new MatrixView<TB>(ref b.Store.At(bo), b.Dims[^2], b.Dims[^1], b.StrideArray[^2], b.StrideArray[^1]),
                new MatrixView<float>(ref c.Store.At(co), c.Dims[^2], c.Dims[^1], c.StrideArray[^2], c.StrideArray[^1]),
                Parallelism.Default);
    }
}

public static partial class NDArrayExtensions
{
    /// <summary>The matrix product of float16 tensors as an instance method (float32 result).</summary>
    /// <param name="a">The left operand.</param>
    extension(NDArray<Half> a)
    {
        /// <summary><c>a @ other</c> accumulated in float32, result float32; see <see cref="NDArray.MatMul(NDArray{Half}, NDArray{Half})"/>.</summary>
        public NDArray<float> MatMul(NDArray<Half> other) => NDArray.MatMul(a, other);
    }

    /// <summary>The matrix product of bfloat16 tensors as an instance method (float32 result).</summary>
    /// <param name="a">The left operand.</param>
    extension(NDArray<BFloat16> a)
    {
        /// <summary><c>a @ other</c> accumulated in float32, result float32; see <see cref="NDArray.MatMul(NDArray{BFloat16}, NDArray{BFloat16})"/>.</summary>
        public NDArray<float> MatMul(NDArray<BFloat16> other) => NDArray.MatMul(a, other);
    }
}
