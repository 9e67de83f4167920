using System.Numerics;
using System.Runtime.CompilerServices;
using SysTensor = System.Numerics.Tensors.Tensor;
using SysTensors = System.Numerics.Tensors;

namespace Linea;

public sealed partial class NDArray<TScalar>
{
    /// <summary>
    /// This tensor as a <see cref="SysTensors.Tensor{T}"/> of System.Numerics.Tensors, through that package's public
    /// <c>NDArray.Create(array, start, lengths, strides)</c>. Zero-copy (the two share elements, O(rank)) when the
    /// storage is a managed array and no stride is negative; a C-contiguous copy otherwise (O(size) time and memory:
    /// System.Numerics.Tensors has no negative strides, and a tensor of it holds a managed array). Broadcast (stride 0)
    /// views stay views.
    /// </summary>
    public SysTensors.Tensor<TScalar> ToSystemTensor()
    {
        var src = HasNegativeStride || Store.Array is null ? Copy() : this;
        return SysTensor.Create(src.Data, checked((int)src.Offset), ToNint(src.Dims), ToNint(src.StrideArray));
    }

    /// <summary>
    /// A <see cref="SysTensors.TensorSpan{T}"/> over this tensor's elements: zero-copy when no stride is negative,
    /// over a copy otherwise (then writes through the span do not reach this tensor).
    /// </summary>
    public SysTensors.TensorSpan<TScalar> AsTensorSpan()
    {
        var src = HasNegativeStride ? Copy() : this;
        if (src.ReadOnlyView) ThrowReadOnly("AsTensorSpan");
        if (src.Store.Array is { } array)
            return new SysTensors.TensorSpan<TScalar>(array, checked((int)src.Offset), ToNint(src.Dims), ToNint(src.StrideArray));
        unsafe
        {
            // Native and mapped memory never moves, so the span may point straight at it.
            return new SysTensors.TensorSpan<TScalar>((TScalar*)Unsafe.AsPointer(ref src.Store.At(src.Offset)), (nint)(src.Store.Length - src.Offset),
                ToNint(src.Dims), ToNint(src.StrideArray));
        }
    }

    /// <summary>A read-only <see cref="SysTensors.ReadOnlyTensorSpan{T}"/> over this tensor's elements (zero-copy unless a stride is negative).</summary>
    public SysTensors.ReadOnlyTensorSpan<TScalar> AsReadOnlyTensorSpan()
    {
        var src = HasNegativeStride ? Copy() : this;
        if (src.Store.Array is { } array)
            return new SysTensors.ReadOnlyTensorSpan<TScalar>(array, checked((int)src.Offset), ToNint(src.Dims), ToNint(src.StrideArray));
        unsafe
        {
            return new SysTensors.ReadOnlyTensorSpan<TScalar>((TScalar*)Unsafe.AsPointer(ref src.Store.At(src.Offset)), (nint)(src.Store.Length - src.Offset),
                ToNint(src.Dims), ToNint(src.StrideArray));
        }
    }

    /// <summary>A copy of a matrix as a .NET 2-d array.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not 2-d.</exception>
    public TScalar[,] ToArray2D()
    {
        if (Rank != 2) throw new InvalidOperationException($"ToArray2D: needs a 2-d tensor, got shape {Shape}");
        var result = new TScalar[Dims[0], Dims[1]];
        for (long i = 0; i < Dims[0]; i++)
            for (long j = 0; j < Dims[1]; j++)
                result[i, j] = Store.At(Offset + i * StrideArray[0] + j * StrideArray[1]);
        return result;
    }

    /// <summary>A copy of a matrix as an array of rows.</summary>
    public TScalar[][] ToJagged()
    {
        var a = ToArray2D();
        var rows = new TScalar[a.GetLength(0)][];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new TScalar[a.GetLength(1)];
            for (int j = 0; j < rows[i].Length; j++) rows[i][j] = a[i, j];
        }
        return rows;
    }

    private bool HasNegativeStride
    {
        get
        {
            foreach (long s in StrideArray) if (s < 0) return true;
            return false;
        }
    }

    private static nint[] ToNint(long[] values) => Array.ConvertAll(values, v => (nint)v);
}

public static partial class NDArray
{
    /// <summary>
    /// A Linea view of a System.Numerics.Tensors tensor, through that package's public API only (so an update of it
    /// cannot break Linea). Zero-copy: the view shares the tensor's elements (writes through either reach the other),
    /// which <see cref="SysTensors.Tensor{T}.GetPinnedHandle"/> pins in memory until the view (and every view of it)
    /// is disposed with <see cref="NDArray{TScalar}.Dispose"/> or collected; dispose it when done with large tensors, as
    /// pinned memory cannot be compacted by the GC. An empty tensor is copied (it has no elements to share).
    /// Same shape; strides carried over (System.Numerics.Tensors has no negative strides; stride 0 stays a broadcast).
    /// O(rank) time, no element copied.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    public static NDArray<T> FromSystemTensor<T>(SysTensors.Tensor<T> tensor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        RequireSupported<T>("from_system_tensor");
        var dims = ToInt(tensor.Lengths);
        var strides = ToInt(tensor.Strides);
        long extent = 1; // elements reachable from the first one: 1 + sum (length - 1) * stride
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == 0) return FromTensorSpan(tensor.AsReadOnlyTensorSpan());
            if (strides[i] < 0) return FromTensorSpan(tensor.AsReadOnlyTensorSpan()); // not produced today; copy if ever
            extent += (dims[i] - 1) * strides[i];
        }
        // Pin first, then take the first element's address from the tensor's span: in System.Numerics.Tensors 10.0,
        // NDArray<T>.GetPinnableReference and GetPinnedHandle point at the start of the array, ignoring a start offset,
        // while TensorSpan<T>.GetPinnableReference is the element at index (0, ..., 0).
        var handle = tensor.GetPinnedHandle();
        var storage = new Storage.PinnedStorage<T>(tensor, handle, ref tensor.AsTensorSpan().GetPinnableReference(), extent);
        return new NDArray<T>(storage, 0, dims, strides);
    }

    /// <summary>
    /// A copy of the elements of a System.Numerics.Tensors span (a span cannot be kept inside an object): a new
    /// C-contiguous tensor of the span's shape. O(size) time and memory.
    /// </summary>
    public static NDArray<T> FromTensorSpan<T>(SysTensors.ReadOnlyTensorSpan<T> span) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dims = ToInt(span.Lengths);
        var result = new NDArray<T>(dims);
        if (result.Size > 0) span.FlattenTo(result.WritableSpan);
        return result;
    }

    private static long[] ToInt(ReadOnlySpan<nint> values)
    {
        var result = new long[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }
}
