using System.Runtime.CompilerServices;
using System.Numerics;

namespace Linea;

/// <summary>
/// Copies between tensors (any strides, offsets) and the column-major work arrays the LAPACK-style algorithms use
/// (element (i, j) at <c>a[i + j * ld]</c>). O(m n) each.
/// </summary>
internal static class ColMajor
{
    /// <summary>A new column-major m x n copy (ld = m) of the matrix <paramref name="a"/> (rank 2).</summary>
    public static T[] FromMatrix<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.IntDims[0], n = a.IntDims[1];
        long rs = a.StrideArray[0], cs = a.StrideArray[1];
        var dst = new T[checked(m * n)];
        if (dst.Length == 0) return dst;
        // One reference to the first element, then plain offsets: no virtual call per element, any storage.
        ref T src = ref a.Store.At(a.Offset);
        if (cs == 1 && rs != 1)
        {
            // Row-major source: 32 x 32 tiles (see ToTensor).
            const int Tile = 32;
            for (int j0 = 0; j0 < n; j0 += Tile)
            {
                int j1 = Math.Min(j0 + Tile, n);
                for (int i0 = 0; i0 < m; i0 += Tile)
                {
                    int i1 = Math.Min(i0 + Tile, m);
                    for (int j = j0; j < j1; j++)
                        for (int i = i0; i < i1; i++) dst[j * m + i] = Unsafe.Add(ref src, (nint)(i * rs + j));
                }
            }
            GC.KeepAlive(a.Store);
            return dst;
        }
        for (int j = 0; j < n; j++)
        {
            long s = j * cs;
            int d = j * m;
            for (int i = 0; i < m; i++, s += rs) dst[d + i] = Unsafe.Add(ref src, (nint)s);
        }
        GC.KeepAlive(a.Store);
        return dst;
    }

    /// <summary>
    /// A right-hand side as a column-major m x nrhs array with <paramref name="rows"/> >= m rows (extra rows zero):
    /// a vector is one column, a matrix its columns.
    /// </summary>
    public static T[] FromRhs<T>(NDArray<T> b, int rows, out int nrhs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = b.IntDims[0];
        nrhs = b.Rank == 1 ? 1 : b.IntDims[1];
        long rs = b.StrideArray[0], cs = b.Rank == 1 ? 0 : b.StrideArray[1];
        var dst = new T[rows * nrhs];
        if (m == 0 || nrhs == 0) return dst;
        ref T origin = ref b.Store.Reference;
        for (int j = 0; j < nrhs; j++)
        {
            long s = b.Offset + j * cs;
            for (int i = 0; i < m; i++, s += rs) dst[j * rows + i] = Unsafe.Add(ref origin, (nint)s);
        }
        GC.KeepAlive(b.Store);
        return dst;
    }

    /// <summary>A new C-contiguous m x n tensor from the column-major matrix at (src, off, ld).</summary>
    public static NDArray<T> ToTensor<T>(T[] src, int off, int ld, int m, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dst = new T[m * n];
        // In 32 x 32 tiles, so both the strided reads and the contiguous writes stay in L1 (a plain double loop misses
        // the cache on every read once a column no longer fits).
        const int Tile = 32;
        for (int i0 = 0; i0 < m; i0 += Tile)
        {
            int i1 = Math.Min(i0 + Tile, m);
            for (int j0 = 0; j0 < n; j0 += Tile)
            {
                int j1 = Math.Min(j0 + Tile, n);
                for (int i = i0; i < i1; i++)
                    for (int j = j0; j < j1; j++) dst[i * n + j] = src[off + i + j * ld];
            }
        }
        return NDArray.Wrap(dst, m, n);
    }

    /// <summary>The first <paramref name="m"/> rows of a column-major solution block as a vector (nrhs = 1 and
    /// <paramref name="vector"/>) or an m x nrhs matrix.</summary>
    public static NDArray<T> ToRhs<T>(T[] src, int ld, int m, int nrhs, bool vector) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (vector) return NDArray.Wrap(src.AsSpan(0, m).ToArray(), m);
        return ToTensor(src, 0, ld, m, nrhs);
    }
}
