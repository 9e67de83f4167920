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
            if (sa == 1) acc = TOp.Reduce(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref _input, (nint)oa), n));
            else
            {
                acc = TOp.Identity;
                for (long i = 0; i < n; i++) acc = TOp.Combine(acc, Unsafe.Add(ref _input, (nint)(oa + i * sa)));
            }
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
