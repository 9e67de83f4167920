using System.Runtime.CompilerServices;

namespace Linea.Kernels;

/// <summary>
/// The body of a strided loop: processes one inner run of n elements of up to three
/// operands, each given by its offset (oa, ob, oc) and its stride along the run (sa, sb, sc), all in elements.
/// Kernels are ref structs holding refs to each operand's element 0, so they work on every kind of storage.
/// </summary>
internal interface IStridedKernel
{
    void Run(int n, long oa, long sa, long ob, long sb, long oc, long sc);
}

/// <summary>
/// Walks an N-d index space over three strided operands in C order. Axes of length one are dropped and
/// neighbouring axes that are contiguous in all three operands are merged first, so a contiguous
/// tensor becomes one long run that a SIMD kernel takes whole; runs longer than <see cref="MaxRun"/> are handed
/// to the kernel in pieces (64-bit index space, int-sized spans). Unused operands pass stride 0.
/// </summary>
internal static class StridedLoop
{
    public const int MaxRank = 64;

    /// <summary>The longest run handed to a kernel at once (a power of two, so pairwise sums keep their blocks).</summary>
    public const int MaxRun = 1 << 30;

    public static void Run<TKernel>(scoped ReadOnlySpan<long> shape,
        long oa, scoped ReadOnlySpan<long> sa, long ob, scoped ReadOnlySpan<long> sb, long oc, scoped ReadOnlySpan<long> sc,
        ref TKernel kernel) where TKernel : struct, IStridedKernel, allows ref struct
    {
        int r = shape.Length;
        foreach (long d in shape) if (d == 0) return;
        Span<long> dims = stackalloc long[r + 1];
        Span<long> a = stackalloc long[r + 1];
        Span<long> b = stackalloc long[r + 1];
        Span<long> c = stackalloc long[r + 1];
        int m = 0;
        for (int i = 0; i < r; i++)
        {
            long n = shape[i];
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
        int inner = m - 1;
        long len = dims[inner];
        long ia = a[inner], ib = b[inner], ic = c[inner];
        if (m == 1) { RunLong(ref kernel, len, oa, ia, ob, ib, oc, ic); return; }
        if (m == 2)
        {
            for (long i = 0; i < dims[0]; i++)
                RunLong(ref kernel, len, oa + i * a[0], ia, ob + i * b[0], ib, oc + i * c[0], ic);
            return;
        }
        Span<long> idx = stackalloc long[inner];
        idx.Clear();
        long pa = oa, pb = ob, pc = oc;
        while (true)
        {
            RunLong(ref kernel, len, pa, ia, pb, ib, pc, ic);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RunLong<TKernel>(ref TKernel kernel, long n, long oa, long sa, long ob, long sb, long oc, long sc)
        where TKernel : struct, IStridedKernel, allows ref struct
    {
        if (n <= MaxRun) { kernel.Run((int)n, oa, sa, ob, sb, oc, sc); return; }
        for (long done = 0; done < n; done += MaxRun)
            kernel.Run((int)Math.Min(MaxRun, n - done), oa + done * sa, sa, ob + done * sb, sb, oc + done * sc, sc);
    }

    /// <summary>Two-operand form (source a, destination c).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TKernel>(scoped ReadOnlySpan<long> shape, long oa, scoped ReadOnlySpan<long> sa, long oc, scoped ReadOnlySpan<long> sc,
        ref TKernel kernel) where TKernel : struct, IStridedKernel, allows ref struct
    {
        Span<long> zero = stackalloc long[shape.Length];
        zero.Clear();
        Run(shape, oa, sa, 0, zero, oc, sc, ref kernel);
    }
}
