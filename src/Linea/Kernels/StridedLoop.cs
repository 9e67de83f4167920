using System.Runtime.CompilerServices;

namespace Linea.Kernels;

/// <summary>
/// The body of a strided loop: processes one inner run of n elements of up to three
/// operands, each given by its offset (oa, ob, oc) and its stride along the run (sa, sb, sc).
/// </summary>
internal interface IStridedKernel
{
    void Run(int n, int oa, int sa, int ob, int sb, int oc, int sc);
}

/// <summary>
/// Walks an N-d index space over three strided operands in C order. Axes of length one are dropped and
/// neighbouring axes that are contiguous in all three operands are merged first, so a contiguous
/// tensor becomes one long run that a SIMD kernel takes whole. Unused operands pass stride 0.
/// </summary>
internal static class StridedLoop
{
    public const int MaxRank = 64;

    public static void Run<TKernel>(ReadOnlySpan<int> shape,
        int oa, ReadOnlySpan<int> sa, int ob, ReadOnlySpan<int> sb, int oc, ReadOnlySpan<int> sc,
        ref TKernel kernel) where TKernel : struct, IStridedKernel
    {
        int r = shape.Length;
        foreach (int d in shape) if (d == 0) return;
        Span<int> dims = stackalloc int[r + 1];
        Span<int> a = stackalloc int[r + 1];
        Span<int> b = stackalloc int[r + 1];
        Span<int> c = stackalloc int[r + 1];
        int m = 0;
        for (int i = 0; i < r; i++)
        {
            int n = shape[i];
            if (n == 1) continue;
            if (m > 0 && a[m - 1] == sa[i] * n && b[m - 1] == sb[i] * n && c[m - 1] == sc[i] * n)
            {
                dims[m - 1] *= n;
                a[m - 1] = sa[i]; b[m - 1] = sb[i]; c[m - 1] = sc[i];
            }
            else
            {
                dims[m] = n; a[m] = sa[i]; b[m] = sb[i]; c[m] = sc[i];
                m++;
            }
        }
        if (m == 0) { kernel.Run(1, oa, 0, ob, 0, oc, 0); return; }
        int inner = m - 1, len = dims[inner];
        int ia = a[inner], ib = b[inner], ic = c[inner];
        if (m == 1) { kernel.Run(len, oa, ia, ob, ib, oc, ic); return; }
        if (m == 2)
        {
            for (int i = 0; i < dims[0]; i++)
                kernel.Run(len, oa + i * a[0], ia, ob + i * b[0], ib, oc + i * c[0], ic);
            return;
        }
        Span<int> idx = stackalloc int[inner];
        idx.Clear();
        int pa = oa, pb = ob, pc = oc;
        while (true)
        {
            kernel.Run(len, pa, ia, pb, ib, pc, ic);
            int ax = inner - 1;
            while (ax >= 0)
            {
                idx[ax]++;
                pa += a[ax]; pb += b[ax]; pc += c[ax];
                if (idx[ax] < dims[ax]) break;
                pa -= a[ax] * dims[ax]; pb -= b[ax] * dims[ax]; pc -= c[ax] * dims[ax];
                idx[ax] = 0;
                ax--;
            }
            if (ax < 0) return;
        }
    }

    /// <summary>Two-operand form (source a, destination c).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TKernel>(ReadOnlySpan<int> shape, int oa, ReadOnlySpan<int> sa, int oc, ReadOnlySpan<int> sc,
        ref TKernel kernel) where TKernel : struct, IStridedKernel
    {
        Span<int> zero = stackalloc int[shape.Length];
        zero.Clear();
        Run(shape, oa, sa, 0, zero, oc, sc, ref kernel);
    }
}
