using System.Numerics;
using Linea.Kernels;

namespace Linea.Ops;

/// <summary>The broadcasting engine behind every element-wise operation: checks shapes, then runs a kernel over strided runs.</summary>
internal static class Elementwise
{
    /// <summary>Applies <typeparamref name="TOp"/> to broadcast <paramref name="a"/> and <paramref name="b"/> into a new contiguous tensor.</summary>
    public static NDArray<T> Binary<T, TOp>(string op, NDArray<T> a, NDArray<T> b)
        where T : unmanaged where TOp : IBinaryOp<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (HalfPrecision.IsHalfType<T>()) return HalfPrecision.Binary<T, TOp>(op, a, b);
        long[] shape = Broadcast.Shapes(op, a.Dims, b.Dims);
        var result = NDArray<T>.Uninitialized(shape, op);
        var kernel = new BinaryKernel<T, TOp>(ref a.Store.Reference, ref b.Store.Reference, ref result.Store.Reference);
        StridedLoop.Run(shape,
            a.Offset, Broadcast.StridesTo(a.Dims, a.StrideArray, shape),
            b.Offset, Broadcast.StridesTo(b.Dims, b.StrideArray, shape),
            0, result.StrideArray, ref kernel);
        KeepStorageAlive(a, b, result);
        return result;
    }

    /// <summary>Applies <typeparamref name="TOp"/> with a scalar right operand.</summary>
    public static NDArray<T> Binary<T, TOp>(NDArray<T> a, T b)
        where T : unmanaged where TOp : IBinaryOp<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (HalfPrecision.IsHalfType<T>()) return HalfPrecision.BinaryScalar<T, TOp>(OpName<TOp>().ToLowerInvariant(), a, b, scalarLeft: false);
        var result = NDArray<T>.Uninitialized(a.Dims.ToArray(), OpName<TOp>());
        var kernel = new BinaryKernel<T, TOp>(ref a.Store.Reference, ref b, ref result.Store.Reference);
        Span<long> zeros = stackalloc long[a.Rank];
        zeros.Clear();
        StridedLoop.Run(a.Dims, a.Offset, a.StrideArray, 0, zeros, 0, result.StrideArray, ref kernel);
        KeepStorageAlive(a, a, result);
        return result;
    }

    /// <summary>Applies <typeparamref name="TOp"/> with a scalar left operand.</summary>
    public static NDArray<T> Binary<T, TOp>(T a, NDArray<T> b)
        where T : unmanaged where TOp : IBinaryOp<T>
    {
        ArgumentNullException.ThrowIfNull(b);
        if (HalfPrecision.IsHalfType<T>()) return HalfPrecision.BinaryScalar<T, TOp>(OpName<TOp>().ToLowerInvariant(), b, a, scalarLeft: true);
        var result = NDArray<T>.Uninitialized(b.Dims.ToArray(), OpName<TOp>());
        var kernel = new BinaryKernel<T, TOp>(ref a, ref b.Store.Reference, ref result.Store.Reference);
        Span<long> zeros = stackalloc long[b.Rank];
        zeros.Clear();
        StridedLoop.Run(b.Dims, 0, zeros, b.Offset, b.StrideArray, 0, result.StrideArray, ref kernel);
        KeepStorageAlive(b, b, result);
        return result;
    }

    /// <summary>Applies <typeparamref name="TOp"/> to every element into a new contiguous tensor.</summary>
    public static NDArray<T> Unary<T, TOp>(NDArray<T> a)
        where T : unmanaged where TOp : IUnaryOp<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (HalfPrecision.IsHalfType<T>()) return HalfPrecision.Unary<T, TOp>(OpName<TOp>().ToLowerInvariant(), a);
        var result = NDArray<T>.Uninitialized(a.Dims.ToArray(), OpName<TOp>());
        var kernel = new UnaryKernel<T, TOp>(ref a.Store.Reference, ref result.Store.Reference);
        StridedLoop.Run(a.Dims, a.Offset, a.StrideArray, 0, result.StrideArray, ref kernel);
        KeepStorageAlive(a, a, result);
        return result;
    }

    /// <summary>The operation's name for size errors, from its operator struct: ExpOp&lt;T&gt; reads "exp".</summary>
    private static string OpName<TOp>()
    {
        string name = typeof(TOp).Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0) name = name[..tick];
        if (name.EndsWith("Op", StringComparison.Ordinal)) name = name[..^2];
        return name;
    }

    /// <summary>Copies <paramref name="source"/>, broadcast to <paramref name="dest"/>'s shape, into <paramref name="dest"/>.</summary>
    public static void CopyInto<T>(string op, NDArray<T> source, NDArray<T> dest) where T : unmanaged
    {
        if (dest.ReadOnlyView) dest.ThrowReadOnly(op);
        long[] shape = Broadcast.Shapes(op, source.Dims, dest.Dims);
        if (!shape.AsSpan().SequenceEqual(dest.Dims))
            ThrowHelper.ShapeMismatch(op, $"a value of shape {source.Shape} cannot be assigned to a view of shape {dest.Shape}", source.Shape, dest.Shape);
        // A source that overlaps the destination (A[1:] = A[:-1]) is copied first so no element is read after it was overwritten.
        if (ReferenceEquals(source.Store, dest.Store)) source = source.Copy();
        var kernel = new CopyKernel<T>(ref source.Store.Reference, ref dest.Store.Reference);
        StridedLoop.Run(dest.Dims, source.Offset, Broadcast.StridesTo(source.Dims, source.StrideArray, dest.Dims),
            dest.Offset, dest.StrideArray, ref kernel);
        KeepStorageAlive(source, dest, dest);
    }

    /// <summary>
    /// Keeps the operands' storage reachable until the kernel is done: the kernel holds only refs to element 0, and a ref
    /// into native or mapped memory does not keep its storage object alive, so without this a temporary operand could
    /// be finalized (its memory freed) while the loop still reads it.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static void KeepStorageAlive<T>(NDArray<T> a, NDArray<T> b, NDArray<T> c) where T : unmanaged
    {
        GC.KeepAlive(a.Store);
        GC.KeepAlive(b.Store);
        GC.KeepAlive(c.Store);
    }
}
