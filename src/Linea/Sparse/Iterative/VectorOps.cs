using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Linea;

/// <summary>The level-1 steps of the Krylov solvers, on <see cref="TensorPrimitives"/> (vectorised, nothing allocated).</summary>
internal static class VectorOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Dot(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Norm<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Norm(x);

    /// <summary>The machine epsilon (the spacing of numbers at 1), not .NET's <c>Epsilon</c> (the smallest subnormal).</summary>
    public static T MachineEpsilon<T>() where T : unmanaged, IFloatingPointIeee754<T> => T.BitIncrement(T.One) - T.One;

    /// <summary>y += alpha x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy<T>(T alpha, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.MultiplyAdd(x, alpha, y, y);

    /// <summary>
    /// y += alpha x and returns ||y||^2, in one pass (the residual update of CG: a separate norm would read y again).
    /// </summary>
    public static T AxpyNormSquared<T>(T alpha, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = y.Length, i = 0;
        ref T rx = ref MemoryMarshal.GetReference(x);
        ref T ry = ref MemoryMarshal.GetReference(y);
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<T>.Count)
        {
            var va = new Vector<T>(alpha);
            Vector<T> s0 = Vector<T>.Zero, s1 = Vector<T>.Zero;
            int w = Vector<T>.Count;
            for (; i <= n - 2 * w; i += 2 * w)
            {
                var y0 = Vector.LoadUnsafe(ref ry, (nuint)i) + va * Vector.LoadUnsafe(ref rx, (nuint)i);
                var y1 = Vector.LoadUnsafe(ref ry, (nuint)(i + w)) + va * Vector.LoadUnsafe(ref rx, (nuint)(i + w));
                y0.StoreUnsafe(ref ry, (nuint)i);
                y1.StoreUnsafe(ref ry, (nuint)(i + w));
                s0 += y0 * y0;
                s1 += y1 * y1;
            }
            sum = Vector.Sum(s0 + s1);
        }
        for (; i < n; i++)
        {
            T v = Unsafe.Add(ref ry, i) + alpha * Unsafe.Add(ref rx, i);
            Unsafe.Add(ref ry, i) = v;
            sum += v * v;
        }
        return sum;
    }

    /// <summary>y = x + beta y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Xpby<T>(ReadOnlySpan<T> x, T beta, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.MultiplyAdd(y, beta, x, y);

    /// <summary>x *= alpha.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scale<T>(T alpha, Span<T> x) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(x, alpha, x);

    /// <summary>r = b - A x.</summary>
    public static void Residual<T>(ILinearOperator<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> r) where T : unmanaged, IFloatingPointIeee754<T>
    {
        a.Matvec(x, r);
        TensorPrimitives.Subtract(b, r, r);
    }

    /// <summary>The index of the first NaN or infinity in x, or -1. O(n), once per solve.</summary>
    public static int FirstNonFinite<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) if (!T.IsFinite(x[i])) return i;
        return -1;
    }
}
