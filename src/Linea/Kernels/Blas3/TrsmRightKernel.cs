using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Linea.Kernels.Blas3;

/// <summary>
/// The base case of a right-side triangular solve, X A = B for a small triangular A (nb x nb) and many rows of B
/// (m x nb), vectorized across rows: B's rows are taken in groups of four 512-bit vectors, transposed into a scratch
/// tile whose column j holds those rows' entries j contiguously, substituted there (x_j = (b_j - sum x_k a_kj) / a_jj,
/// one broadcast of a_kj and four FMAs per step, all in L1), and written back. Replaces a dot product of length
/// below nb per row and column, which is what dominated the small-block work of the recursive Cholesky and TRSM.
/// Same substitution order as the scalar code (no inverse of A is formed), so the backward error is that of
/// substitution.
/// </summary>
internal static class TrsmRightKernel
{
    /// <summary>Whether the vector kernel runs for T on this hardware.</summary>
    public static bool Supported<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector512.IsHardwareAccelerated && (typeof(T) == typeof(double) || typeof(T) == typeof(float));

    /// <summary>X A = B in place on B; A lower (x_j from j = nb-1 down) or upper (from j = 0 up), any strides.</summary>
    public static void Solve<T>(bool lower, bool unit, MatrixView<T> a, MatrixView<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)a.Rows, m = (int)b.Rows, w = Vector512<T>.Count, g = 4 * w;
        int size = n * g;
        T[]? rented = null;
        Span<T> s = size <= 4096 ? stackalloc T[size] : (rented = ArrayPool<T>.Shared.Rent(size)).AsSpan(0, size);
        ref T s0 = ref MemoryMarshal.GetReference(s);
        for (int r0 = 0; r0 < m; r0 += g)
        {
            int rows = Math.Min(g, m - r0);
            if (rows < g) s.Clear();
            for (int r = 0; r < rows; r++)
            {
                if (b.RowContiguous)
                {
                    var row = b.Row(r0 + r);
                    for (int j = 0; j < n; j++) Unsafe.Add(ref s0, j * g + r) = row[j];
                }
                else for (int j = 0; j < n; j++) Unsafe.Add(ref s0, j * g + r) = b[r0 + r, j];
            }
            for (int t = 0; t < n; t++)
            {
                int j = lower ? n - 1 - t : t;
                ref T sj = ref Unsafe.Add(ref s0, j * g);
                var x0 = Vector512.LoadUnsafe(ref sj);
                var x1 = Vector512.LoadUnsafe(ref sj, (nuint)w);
                var x2 = Vector512.LoadUnsafe(ref sj, (nuint)(2 * w));
                var x3 = Vector512.LoadUnsafe(ref sj, (nuint)(3 * w));
                int k0 = lower ? j + 1 : 0, k1 = lower ? n : j;
                for (int k = k0; k < k1; k++)
                {
                    var na = Vector512.Create(-a[k, j]);
                    ref T sk = ref Unsafe.Add(ref s0, k * g);
                    x0 = Fma(Vector512.LoadUnsafe(ref sk), na, x0);
                    x1 = Fma(Vector512.LoadUnsafe(ref sk, (nuint)w), na, x1);
                    x2 = Fma(Vector512.LoadUnsafe(ref sk, (nuint)(2 * w)), na, x2);
                    x3 = Fma(Vector512.LoadUnsafe(ref sk, (nuint)(3 * w)), na, x3);
                }
                if (!unit)
                {
                    var d = Vector512.Create(a[j, j]);
                    x0 /= d; x1 /= d; x2 /= d; x3 /= d;
                }
                x0.StoreUnsafe(ref sj);
                x1.StoreUnsafe(ref sj, (nuint)w);
                x2.StoreUnsafe(ref sj, (nuint)(2 * w));
                x3.StoreUnsafe(ref sj, (nuint)(3 * w));
            }
            for (int r = 0; r < rows; r++)
            {
                if (b.RowContiguous)
                {
                    var row = b.Row(r0 + r);
                    for (int j = 0; j < n; j++) row[j] = Unsafe.Add(ref s0, j * g + r);
                }
                else for (int j = 0; j < n; j++) b[r0 + r, j] = Unsafe.Add(ref s0, j * g + r);
            }
        }
        if (rented != null) ArrayPool<T>.Shared.Return(rented);
    }

    /// <summary>x * y + z, fused for float and double (the branches fold away in the JIT).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        return x * y + z;
    }
}
