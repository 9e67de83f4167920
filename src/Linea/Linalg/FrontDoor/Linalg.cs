using System.Numerics;

namespace Linea;

/// <summary>
/// NumPy's <c>numpy.linalg</c> for Linea tensors: solvers, factorizations, determinants, norms. Shapes are validated
/// here, once; the algorithms underneath work in place on strided storage.
/// </summary>
public static partial class Linalg
{
    /// <summary>Throws unless <paramref name="a"/> has at least two axes and its last two are equal.</summary>
    internal static void RequireSquare<T>(string op, NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        Ops.HalfPrecision.RequireComputable<T>(op);
        if (a.Rank < 2)
            ThrowHelper.ShapeMismatch(op, $"needs a matrix (or a stack of matrices), got shape {a.Shape}", a.Shape);
        if (a.IntDims[^1] != a.IntDims[^2])
            ThrowHelper.ShapeMismatch(op, $"needs square matrices, got shape {a.Shape} ({a.IntDims[^2]} x {a.IntDims[^1]})", a.Shape);
        RequireMatrixFits(op, a);
    }

    /// <summary>Throws unless <paramref name="a"/> has at least two axes.</summary>
    internal static void RequireMatrix<T>(string op, NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        Ops.HalfPrecision.RequireComputable<T>(op);
        if (a.Rank < 2)
            ThrowHelper.ShapeMismatch(op, $"needs a matrix (or a stack of matrices), got shape {a.Shape}", a.Shape);
        RequireMatrixFits(op, a);
    }

    /// <summary>
    /// Throws <see cref="TensorTooLargeException"/>, before anything is copied, when one matrix of <paramref name="a"/>
    /// (rank &gt;= 2) has more elements than the one .NET array the dense factorizations copy it into (a broadcast
    /// view may claim any size while storing one element).
    /// </summary>
    internal static void RequireMatrixFits<T>(string op, NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        MatrixStack.RequireSizes(op, a, [], null);

    /// <summary>Throws <see cref="NonFiniteException"/> naming the first NaN or infinity in <paramref name="a"/>.</summary>
    internal static void RequireFinite<T>(string op, NDArray<T> a, string what = "the input") where T : unmanaged, IFloatingPointIeee754<T>
    {
        Ops.HalfPrecision.RequireComputable<T>(op);
        long i = NDArray.IndexOfNonFinite(a);
        if (i < 0) return;
        var idx = NDArray.UnravelIndex(i, a.Shape);
        throw new NonFiniteException($"{op}: {what} of shape {a.Shape} contains {a[idx]} at [{string.Join(", ", idx)}]; linear algebra needs finite numbers");
    }

    /// <summary>
    /// <see cref="RequireFinite{T}"/> for the functions that read only one triangle of each matrix (cholesky's lower one,
    /// solve_triangular's): throws <see cref="NonFiniteException"/> naming the first NaN or infinity (C order) among the
    /// entries [.., i, j] with i &gt;= j (<paramref name="lower"/>) or i &lt;= j, the diagonal only when
    /// <paramref name="diagonal"/>; the other entries are never read, so, as in NumPy and LAPACK, they may hold anything.
    /// One vectorised pass when everything is finite; O(size).
    /// </summary>
    internal static void RequireFiniteTriangle<T>(string op, NDArray<T> a, bool lower, bool diagonal = true, string what = "the input")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (NDArray.IndexOfNonFinite(a) < 0) return;
        var c = a.Contiguous();
        int m = a.IntDims[^2], n = a.IntDims[^1];
        long size = c.Size;
        for (long k = 0; k < size; k++)
        {
            int j = (int)(k % n), i = (int)(k / n % m);
            bool read = i == j ? diagonal : lower ? i > j : i < j;
            if (!read) continue;
            T x = c.Store.At(c.Offset + k);
            if (T.IsFinite(x)) continue;
            var idx = NDArray.UnravelIndex(k, a.Shape);
            throw new NonFiniteException($"{op}: {what} of shape {a.Shape} contains {x} at [{string.Join(", ", idx)}] (in the {(lower ? "lower" : "upper")} triangle read); linear algebra needs finite numbers");
        }
    }
}
