using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

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
