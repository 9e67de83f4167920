using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// The bridge from tensors to the kernels' matrix views, kept on the tensor side so that kernels never refer to
/// <see cref="NDArray{TScalar}"/>: a 2-d tensor (or one matrix of a stack) as a <see cref="MatrixView{T}"/> on any
/// storage.
/// </summary>
internal static class MatrixViews
{
    /// <summary>The view of the matrix at element <paramref name="offset"/> of a stack's storage (last two axes).</summary>
    public static MatrixView<T> At<T>(NDArray<T> t, long offset) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(ref t.Store.At(offset), t.Dims[^2], t.Dims[^1], t.StrideArray[^2], t.StrideArray[^1]);

    /// <summary>The view of a 2-d tensor (or the first matrix of a stack) on any storage (no copy).</summary>
    public static MatrixView<T> View<T>(NDArray<T> t) where T : unmanaged, IFloatingPointIeee754<T> => At(t, t.Offset);
}
