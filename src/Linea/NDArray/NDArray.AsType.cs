using Linea.DTypes;

namespace Linea;

public sealed partial class NDArray<TScalar>
{
    /// <summary>
    /// A new C-contiguous tensor of the same shape with every element converted to <typeparamref name="TOut"/> (NumPy's
    /// <c>astype</c>): a float to an integer truncates toward zero; an integer to a float rounds to nearest; anything to
    /// <c>bool</c> is <c>x != 0</c> (NaN is true); <c>bool</c> to a number is 1 or 0; float16 and bfloat16 go through
    /// float32 (exact for both; narrowing rounds to nearest even). Always a copy, even to the same type.
    /// O(n) time and memory; SIMD where the conversion cannot fail.
    /// </summary>
    /// <typeparam name="TOut">The new element type: <c>float</c>, <c>double</c>, <see cref="Half"/>, <see cref="BFloat16"/>, <c>int</c>, <c>long</c> or <c>bool</c>.</typeparam>
    /// <exception cref="OverflowException">Unlike NumPy, which leaves such values undefined, a NaN, an infinity or a value
    /// outside <typeparamref name="TOut"/>'s range (a float to an integer, a long to an int) throws, naming the element's
    /// flat index and value.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="TOut"/> is not one of the seven element types.</exception>
    public NDArray<TOut> AsType<TOut>() where TOut : unmanaged
    {
        NDArray.RequireSupported<TOut>("astype");
        var source = Contiguous();
        var result = NDArray<TOut>.Uninitialized((long[])Dims.Clone(), "astype");
        long size = Size;
        const int Chunk = 1 << 20;
        for (long start = 0; start < size; start += Chunk)
        {
            int n = (int)Math.Min(Chunk, size - start);
            SpanConvert.Convert(source.Store.Span(source.Offset + start, n), result.Store.Span(start, n), start);
        }
        GC.KeepAlive(source.Store);
        return result;
    }
}
