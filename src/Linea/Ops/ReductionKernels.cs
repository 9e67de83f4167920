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
    where T : unmanaged where TOp : IReduceOp<T>
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
    /// Reduces a strided run pairwise: blocks of 128 with eight running accumulators each (as NumPy's pairwise sum),
    /// the block results combined in a binary tree (a counter of partial results by level), so a float32 sum of a
    /// strided view keeps the (16 + log2 n) eps error bound instead of n eps.
    /// </summary>
    private readonly T StridedPairwise(long oa, long sa, int n)
    {
        const int Block = 128;
        Span<T> partial = stackalloc T[64];
        ulong count = 0;
        nint step = (nint)sa;
        for (long i0 = 0; i0 < n; i0 += Block)
        {
            int len = (int)Math.Min(Block, n - i0);
            ref T p = ref Unsafe.Add(ref _input, (nint)(oa + i0 * sa));
            // Eight running accumulators per block, as NumPy's pairwise sum unrolls its leaves.
            T a0 = TOp.Identity, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
            int j = 0;
            for (; j + 8 <= len; j += 8)
            {
                a0 = TOp.Combine(a0, p); p = ref Unsafe.Add(ref p, step);
                a1 = TOp.Combine(a1, p); p = ref Unsafe.Add(ref p, step);
                a2 = TOp.Combine(a2, p); p = ref Unsafe.Add(ref p, step);
                a3 = TOp.Combine(a3, p); p = ref Unsafe.Add(ref p, step);
                a4 = TOp.Combine(a4, p); p = ref Unsafe.Add(ref p, step);
                a5 = TOp.Combine(a5, p); p = ref Unsafe.Add(ref p, step);
                a6 = TOp.Combine(a6, p); p = ref Unsafe.Add(ref p, step);
                a7 = TOp.Combine(a7, p); p = ref Unsafe.Add(ref p, step);
            }
            for (; j < len; j++) { a0 = TOp.Combine(a0, p); p = ref Unsafe.Add(ref p, step); }
            T v = TOp.Combine(TOp.Combine(TOp.Combine(a0, a1), TOp.Combine(a2, a3)), TOp.Combine(TOp.Combine(a4, a5), TOp.Combine(a6, a7)));
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<T> Row<T>(ref T origin, long r, int k) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref origin, (nint)(r * k)), k);

    /// <summary>Rows narrower than this are combined by a scalar pass per block instead of one SIMD call per row.</summary>
    private const int SimdWidth = 16;

    [MethodImpl(HotCode.Options)]
    public static void Run<T, TOp>(Storage.TensorStorage<T> src, long offset, long rows, int k, Span<T> dst)
        where T : unmanaged where TOp : IReduceOp<T>
    {
        ref T origin = ref src.At(offset);
        if (rows <= BlockRows)
        {
            for (long r = 0; r < rows; r++) TOp.CombineInto(dst, Row(ref origin, r, k));
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
                long r0 = b * BlockRows, r1 = Math.Min(rows, (b + 1) * BlockRows);
                if (k >= SimdWidth)
                    for (long r = r0; r < r1; r++) TOp.CombineInto(block, Row(ref origin, r, k));
                else
                {
                    // Narrow rows (a few columns): one scalar pass over the block, no per-row call.
                    var rowsOfBlock = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref origin, (nint)(r0 * k)), (int)((r1 - r0) * k));
                    for (int i = 0, c = 0; i < rowsOfBlock.Length; i++)
                    {
                        block[c] = TOp.Combine(block[c], rowsOfBlock[i]);
                        if (++c == k) c = 0;
                    }
                }
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

internal struct SumReduce<T> : IReduceOp<T> where T : unmanaged, INumberBase<T>
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
    /// <summary>acc += x element by element (TensorPrimitives.Add's bits) with explicit vectors, inlined into the row
    /// loops of <see cref="OuterReduce"/>: a call into TensorPrimitives per row ran as unoptimised tier-0 code for a
    /// process's first column sums (System.Numerics.Tensors ships without precompiled code).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CombineInto(Span<T> acc, ReadOnlySpan<T> x)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
            for (int w = Vector<T>.Count; j + w <= x.Length; j += w)
                (new Vector<T>(acc.Slice(j)) + new Vector<T>(x.Slice(j))).CopyTo(acc.Slice(j));
        for (; j < x.Length; j++) acc[j] += x[j];
    }
}

internal struct ProdReduce<T> : IReduceOp<T> where T : unmanaged, INumberBase<T>
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
