using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Linea.Kernels;

namespace Linea.Ops;

/// <summary>An associative reduction with an identity, a SIMD whole-run form and an element-wise combine.</summary>
internal interface IReduceOp<T>
{
    static abstract T Identity { get; }
    static abstract T Combine(T acc, T x);
    static abstract T Reduce(ReadOnlySpan<T> x);
    static abstract void CombineInto(Span<T> acc, ReadOnlySpan<T> x);
}

/// <summary>
/// Accumulates the input (operand a) into the output (operand c), whose strides are 0 along reduced axes.
/// A run along a reduced axis is reduced whole; a run along a kept axis is combined element-wise, so
/// the input is always read in its own memory order.
/// </summary>
internal ref struct ReduceKernel<T, TOp> : IStridedKernel
    where T : unmanaged, IFloatingPointIeee754<T> where TOp : IReduceOp<T>
{
    private readonly ref T _input, _output;

    public ReduceKernel(ref T input, ref T output) { _input = ref input; _output = ref output; }

    public void Run(int n, long oa, long sa, long ob, long sb, long oc, long sc)
    {
        if (sc == 0)
        {
            T acc;
            acc = sa == 1
                ? TOp.Reduce(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref _input, (nint)oa), n))
                : StridedPairwise(oa, sa, n);
            ref T o = ref Unsafe.Add(ref _output, (nint)oc);
            o = TOp.Combine(o, acc);
            return;
        }
        if (sa == 1 && sc == 1)
        {
            TOp.CombineInto(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref _output, (nint)oc), n), MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref _input, (nint)oa), n));
            return;
        }
        for (long i = 0; i < n; i++)
        {
            ref T o = ref Unsafe.Add(ref _output, (nint)(oc + i * sc));
            o = TOp.Combine(o, Unsafe.Add(ref _input, (nint)(oa + i * sa)));
        }
    }

    /// <summary>
    /// Reduces a strided run as the contiguous path does: gathered in blocks of 256, each block reduced by
    /// <c>TOp.Reduce</c>, the block results combined in a binary tree (a counter of partial results by level), so a
    /// float32 sum of a strided view keeps the log2(n) eps error bound instead of n eps.
    /// </summary>
    private readonly T StridedPairwise(long oa, long sa, int n)
    {
        const int Block = 256;
        Span<T> buf = stackalloc T[Block];
        Span<T> partial = stackalloc T[64];
        ulong count = 0;
        for (long i0 = 0; i0 < n; i0 += Block)
        {
            int len = (int)Math.Min(Block, n - i0);
            for (int j = 0; j < len; j++) buf[j] = Unsafe.Add(ref _input, (nint)(oa + (i0 + j) * sa));
            T v = TOp.Reduce(buf[..len]);
            int level = 0;
            while (((count >> level) & 1) != 0) { v = TOp.Combine(partial[level], v); level++; }
            partial[level] = v;
            count++;
        }
        T acc = TOp.Identity;
        for (int level = 0; level < 64; level++)
            if (((count >> level) & 1) != 0) acc = TOp.Combine(acc, partial[level]);
        return acc;
    }
}

/// <summary>
/// Reduces the leading rows of a contiguous (rows, k) block into k outputs (a reduction over leading axes, such as
/// the column sums of a row-major matrix), reading rows in memory order: rows are combined into a block accumulator
/// 128 at a time, and block accumulators in a binary tree, so each output carries about (128 + log2(rows / 128)) eps
/// of rounding instead of rows eps, at the cost of one extra k-vector pass per 64 rows.
/// </summary>
internal static class OuterReduce
{
    /// <summary>Rows combined naively before a block joins the tree.</summary>
    public const int BlockRows = 128;

    public static void Run<T, TOp>(Storage.TensorStorage<T> src, long offset, long rows, int k, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IReduceOp<T>
    {
        if (rows <= BlockRows)
        {
            for (long r = 0; r < rows; r++) TOp.CombineInto(dst, src.Span(offset + r * k, k));
            return;
        }
        long blocks = (rows + BlockRows - 1) / BlockRows;
        int levels = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)blocks) + 1;
        T[] pool = System.Buffers.ArrayPool<T>.Shared.Rent(k * (levels + 1));
        try
        {
            var block = pool.AsSpan(0, k);
            ulong occupied = 0;
            for (long b = 0; b < blocks; b++)
            {
                block.Fill(TOp.Identity);
                long r1 = Math.Min(rows, (b + 1) * BlockRows);
                for (long r = b * BlockRows; r < r1; r++) TOp.CombineInto(block, src.Span(offset + r * k, k));
                int level = 0;
                while (((occupied >> level) & 1) != 0)
                {
                    TOp.CombineInto(block, pool.AsSpan((level + 1) * k, k));
                    occupied &= ~(1UL << level);
                    level++;
                }
                block.CopyTo(pool.AsSpan((level + 1) * k, k));
                occupied |= 1UL << level;
            }
            for (int level = 0; level < levels; level++)
                if (((occupied >> level) & 1) != 0) TOp.CombineInto(dst, pool.AsSpan((level + 1) * k, k));
        }
        finally
        {
            System.Buffers.ArrayPool<T>.Shared.Return(pool);
        }
    }
}

internal struct SumReduce<T> : IReduceOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Identity => T.Zero;
    public static T Combine(T acc, T x) => acc + x;
    public static T Reduce(ReadOnlySpan<T> x) => PairwiseSum(x);

    /// <summary>
    /// NumPy-style pairwise summation: SIMD sums of blocks of at most 256 elements combined in a binary tree, so the
    /// rounding error grows like log2(n) eps instead of n eps.
    /// </summary>
    public static T PairwiseSum(ReadOnlySpan<T> x)
    {
        if (x.Length <= 256) return TensorPrimitives.Sum(x);
        int half = (x.Length / 2 + 15) & ~15;
        return PairwiseSum(x[..half]) + PairwiseSum(x[half..]);
    }
    public static void CombineInto(Span<T> acc, ReadOnlySpan<T> x) => TensorPrimitives.Add(acc, x, acc);
}

internal struct ProdReduce<T> : IReduceOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Identity => T.One;
    public static T Combine(T acc, T x) => acc * x;
    public static T Reduce(ReadOnlySpan<T> x) => x.IsEmpty ? T.One : TensorPrimitives.Product(x);
    public static void CombineInto(Span<T> acc, ReadOnlySpan<T> x) => TensorPrimitives.Multiply(acc, x, acc);
}

internal struct MaxReduce<T> : IReduceOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Identity => T.NegativeInfinity;
    public static T Combine(T acc, T x) => T.Max(acc, x);
    public static T Reduce(ReadOnlySpan<T> x) => TensorPrimitives.Max(x);
    public static void CombineInto(Span<T> acc, ReadOnlySpan<T> x) => TensorPrimitives.Max(acc, x, acc);
}

internal struct MinReduce<T> : IReduceOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Identity => T.PositiveInfinity;
    public static T Combine(T acc, T x) => T.Min(acc, x);
    public static T Reduce(ReadOnlySpan<T> x) => TensorPrimitives.Min(x);
    public static void CombineInto(Span<T> acc, ReadOnlySpan<T> x) => TensorPrimitives.Min(acc, x, acc);
}
