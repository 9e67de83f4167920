using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Householder QR in place on an m x n matrix view (LAPACK's geqr2 and geqrf): on return R is on and above the
/// diagonal and the reflector vectors v_i (with implicit v_i[i] = 1) below it; tau has min(m, n) entries.
/// A = Q R with Q = H_0 H_1 ... H_{k-1}. About 2 m n^2 - 2 n^3 / 3 flops; the blocked form runs all but the panel
/// factorizations through GEMM. Any strides; a column-contiguous view (the usual layout) runs the level-2 steps on
/// spans.
/// </summary>
internal static class Geqrf
{
    /// <summary>Unblocked QR (geqr2) of the m x n view a; tau receives min(m, n) scalars. O(m n^2), level 2, no allocation.</summary>
    public static void Unblocked<T>(in MatrixView<T> a, Span<T> tau) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long m = a.Rows, n = a.Cols;
        int k = checked((int)Math.Min(m, n));
        for (int i = 0; i < k; i++)
        {
            ref T d = ref a[i, i];
            T alpha = d;
            T t = Householder.Generate(ref alpha, a.Block(i + 1, i, m - i - 1, 1));
            tau[i] = t;
            d = alpha;
            if (i + 1 < n) Householder.ApplyLeft(a.Block(i, i, m - i, 1), t, a.Block(i, i + 1, m - i, n - i - 1));
        }
    }

    /// <summary>Blocked QR (geqrf) of the m x n view a; same output as <see cref="Unblocked{T}(in MatrixView{T}, Span{T})"/>. Scratch: one nb x nb T.</summary>
    public static void Blocked<T>(in MatrixView<T> a, Span<T> tau, QrParams p, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long m = a.Rows, n = a.Cols;
        int k = checked((int)Math.Min(m, n)), nb = p.Nb, nx = p.Nx;
        int i = 0;
        if (nb >= 2 && nb < k && nx < k)
        {
            var t = new T[nb * nb];
            for (; i < k - nx; i += nb)
            {
                parallelism.ThrowIfCancelled();
                int ib = Math.Min(k - i, nb);
                var panel = a.Block(i, i, m - i, ib);
                Unblocked(panel, tau.Slice(i, ib));
                if (i + ib < n)
                {
                    Householder.FormT(panel, tau.Slice(i, ib), t.Length == ib * ib ? t : (t = new T[ib * ib]));
                    Householder.ApplyBlockLeft(true, panel, t, a.Block(i, i + ib, m - i, n - i - ib), parallelism);
                }
            }
        }
        if (i < k) Unblocked(a.Block(i, i, m - i, n - i), tau.Slice(i));
    }
}
