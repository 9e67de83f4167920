using System.Numerics;

namespace Linea;

/// <summary>Vector tensors handed to the solvers as spans: 1-d checked, strided views copied once.</summary>
internal static class TensorArgs
{
    public static ReadOnlySpan<T> Vector<T>(string op, string name, NDArray<T>? v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (v is null) return default;
        if (v.Rank != 1)
            ThrowHelper.ShapeMismatch(op, $"{name} must be a vector (1-d), got shape {v.Shape}", v.Shape);
        return v.Contiguous().AsReadOnlySpan();
    }
}
