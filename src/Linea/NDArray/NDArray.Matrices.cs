using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// The bridge from tensors to the kernels' matrix views, kept on the tensor side so that kernels never refer to
/// <see cref="NDArray{TScalar}"/>: a 2-d tensor (or one matrix of a stack) as a <see cref="MatrixView{T}"/> on any
/// storage, or as a <see cref="StridedMatrix{T}"/> on a managed array, and back.
/// </summary>
internal static class MatrixViews
{
    /// <summary>The view of the matrix at element <paramref name="offset"/> of a stack's storage (last two axes).</summary>
    public static MatrixView<T> At<T>(NDArray<T> t, long offset) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(ref t.Store.At(offset), t.Dims[^2], t.Dims[^1], t.StrideArray[^2], t.StrideArray[^1]);

    /// <summary>The view of a 2-d tensor (or the first matrix of a stack) on any storage (no copy).</summary>
    public static MatrixView<T> View<T>(NDArray<T> t) where T : unmanaged, IFloatingPointIeee754<T> => At(t, t.Offset);

    /// <summary>The strided-matrix view of a 2-d tensor in a managed array (no copy); the algorithms' own work tensors.</summary>
    public static StridedMatrix<T> Strided<T>(NDArray<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        System.Diagnostics.Debug.Assert(t.Rank == 2);
        return new(t.Data, checked((int)t.Offset), t.IntDims[0], t.IntDims[1], checked((int)t.StrideArray[0]), checked((int)t.StrideArray[1]));
    }

    /// <summary>Copies a strided matrix into a new contiguous row-major tensor.</summary>
    public static NDArray<T> ToTensor<T>(this StridedMatrix<T> m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = new NDArray<T>([m.Rows, m.Cols]);
        var d = t.Data;
        for (int i = 0; i < m.Rows; i++)
            for (int j = 0; j < m.Cols; j++) d[i * m.Cols + j] = m[i, j];
        return t;
    }
}
