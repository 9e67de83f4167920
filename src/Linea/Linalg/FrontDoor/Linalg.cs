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
        var c = a.Contiguous().ContiguousSpan;
        // One vectorised pass answers the common case: the largest magnitude is NaN or infinite iff some element is.
        if (c.IsEmpty || T.IsFinite(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(c))) return;
        for (int i = 0; i < c.Length; i++)
        {
            if (T.IsFinite(c[i])) continue;
            var idx = new int[a.Rank];
            int rest = i;
            for (int ax = a.Rank - 1; ax >= 0; ax--) { idx[ax] = rest % a.IntDims[ax]; rest /= a.IntDims[ax]; }
            throw new NonFiniteException($"{op}: {what} of shape {a.Shape} contains {c[i]} at [{string.Join(", ", idx)}]; linear algebra needs finite numbers");
        }
    }
}
