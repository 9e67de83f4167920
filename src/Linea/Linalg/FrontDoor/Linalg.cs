using System.Numerics;

namespace Linea;

/// <summary>
/// NumPy's <c>numpy.linalg</c> for Linea tensors: solvers, factorizations, determinants, norms. Shapes are validated
/// here, once; the algorithms underneath work in place on strided storage.
/// </summary>
public static partial class Linalg
{
    /// <summary>Throws unless <paramref name="a"/> has at least two axes and its last two are equal.</summary>
    internal static void RequireSquare<T>(string op, Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank < 2)
            ThrowHelper.ShapeMismatch(op, $"needs a matrix (or a stack of matrices), got shape {a.Shape}", a.Shape);
        if (a.IntDims[^1] != a.IntDims[^2])
            ThrowHelper.ShapeMismatch(op, $"needs square matrices, got shape {a.Shape} ({a.IntDims[^2]} x {a.IntDims[^1]})", a.Shape);
    }

    /// <summary>Throws unless <paramref name="a"/> has at least two axes.</summary>
    internal static void RequireMatrix<T>(string op, Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank < 2)
            ThrowHelper.ShapeMismatch(op, $"needs a matrix (or a stack of matrices), got shape {a.Shape}", a.Shape);
    }

    /// <summary>Throws <see cref="NonFiniteException"/> naming the first NaN or infinity in <paramref name="a"/>.</summary>
    internal static void RequireFinite<T>(string op, Tensor<T> a, string what = "the input") where T : unmanaged, IFloatingPointIeee754<T>
    {
        long i = Tensor.IndexOfNonFinite(a);
        if (i < 0) return;
        var idx = Tensor.UnravelIndex(i, a.Shape);
        throw new NonFiniteException($"{op}: {what} of shape {a.Shape} contains {a[idx]} at [{string.Join(", ", idx)}]; linear algebra needs finite numbers");
    }
}
