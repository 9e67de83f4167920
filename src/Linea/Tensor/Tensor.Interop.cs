using System.Numerics;
using System.Runtime.CompilerServices;
using SysTensor = System.Numerics.Tensors.Tensor;
using SysTensors = System.Numerics.Tensors;

namespace Linea;

public sealed partial class Tensor<TScalar>
{
    /// <summary>
    /// This tensor as a <see cref="SysTensors.Tensor{T}"/> of System.Numerics.Tensors. Zero-copy (the two share
    /// elements) when no stride is negative; a copy otherwise (System.Numerics.Tensors has no negative strides).
    /// Broadcast (stride 0) views stay views.
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

public static partial class Tensor
{
    /// <summary>
    /// A Linea view of a System.Numerics.Tensors tensor. Shares its elements (zero-copy) when the runtime's
    /// layout is the one Linea knows; otherwise copies them. Writes through a shared view reach the original.
    /// </summary>
    public static Tensor<T> FromSystemTensor<T>(SysTensors.Tensor<T> tensor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var dims = ToInt(tensor.Lengths);
        var strides = ToInt(tensor.Strides);
        if (SystemTensorAccess<T>.TryGetStorage(tensor, out var values, out int start))
            return new Tensor<T>(values, start, dims, strides);
        return FromTensorSpan(tensor.AsReadOnlyTensorSpan());
    }

    /// <summary>A copy of the elements of a System.Numerics.Tensors span (a span cannot be kept inside an object).</summary>
    public static Tensor<T> FromTensorSpan<T>(SysTensors.ReadOnlyTensorSpan<T> span) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dims = ToInt(span.Lengths);
        var result = new Tensor<T>(dims);
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

/// <summary>Reads the storage of a System.Numerics.Tensors tensor, which the library does not expose publicly.</summary>
internal static class SystemTensorAccess<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static bool _unavailable;

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_values")]
    private static extern ref T[] Values(SysTensors.Tensor<T> tensor);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_start")]
    private static extern ref int Start(SysTensors.Tensor<T> tensor);

    public static bool TryGetStorage(SysTensors.Tensor<T> tensor, out T[] values, out int start)
    {
        values = [];
        start = 0;
        if (_unavailable) return false;
        try
        {
            values = Values(tensor);
            start = Start(tensor);
            return values is not null;
        }
        catch (MissingFieldException)
        {
            _unavailable = true; // a future System.Numerics.Tensors renamed its fields: fall back to copying
            return false;
        }
    }
}
