using System.Numerics;
using Linea.Kernels.Blas2;
using Linea.Kernels.Gemm;
using Linea.Kernels.Threading;

namespace Linea;

internal static partial class HessenbergPanel
{
    /// <summary>Entries (rows x columns) of the panel's trailing matrix from which its columns run as one parallel job.</summary>
    internal const long ParallelProductMin = 1 << 16;

    /// <summary>
    /// The column loop of <see cref="Reduce{T}"/> with the threads kept inside one job for the whole panel: thread 0
    /// does each column's serial parts (its update by the earlier reflectors, the new reflector, the small products
    /// with V and Y, the column of T) while the others wait at a spin barrier, and all of them share the product of
    /// the trailing matrix with the new reflector, by row ranges of Y's column (disjoint, so nothing is summed). A
    /// parallel call per product instead wakes a sleeping worker once per column. Each entry is computed by the same
    /// column kernel as on one thread. Returns the subdiagonal entry of the panel's last column.
    /// </summary>
    private static T ReduceColumnsJob<T>(int ihi, int p, int nb, T[] a, int lda, T[] tau, T[] t, T[] y, int ldy, T[] scratch, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var job = new ColumnsJob<T> { Ihi = ihi, P = p, Nb = nb, A = a, Lda = lda, Tau = tau, TFactor = t, Y = y, Ldy = ldy, Scratch = scratch };
        WorkerPool.Run(parallelism.Count, job);
        return job.Ei;
    }

    private sealed class ColumnsJob<T> : IParallelJob where T : unmanaged, IFloatingPointIeee754<T>
    {
        public required int Ihi, P, Nb, Lda, Ldy;
        public required T[] A, Tau, TFactor, Y, Scratch;
        public T Ei;

        public void Execute(int tid, int threads, SpinBarrier barrier)
        {
            int ihi = Ihi, p = P, nb = Nb, lda = Lda, ldy = Ldy;
            T[] a = A, t = TFactor, y = Y;
            int m = ihi - p;
            var none = Parallelism.None;
            for (int j = 0; j < nb; j++)
            {
                int col = p + j, cOff = col * lda;
                int len = ihi - col, head = col + 1 + cOff;
                if (tid == 0)
                {
                    if (j > 0)
                    {
                        int unit = p + j + (col - 1) * lda;
                        a[unit] = T.One;
                        Gemm.Multiply(m, 1, j, -T.One, y, p + 1, 1, ldy, a, p + j + p * lda, lda, 1, T.One, a, p + 1 + cOff, 1, 1, none);
                        a[unit] = Ei;
                        ApplyBlockTransposeToColumn(m, j, a, p + 1 + p * lda, lda, t, nb, a, p + 1 + cOff, Scratch.AsSpan(0, nb));
                    }
                    T alpha = a[head];
                    T tj = Householder.Generate(len, ref alpha, a, head + 1, 1);
                    Tau[col] = tj;
                    Ei = alpha;
                    a[head] = T.One;
                }
                // Y(p+1:ihi, j) = A(p+1:ihi, col+1:ihi) v, by row ranges.
                int yj = p + 1 + j * ldy;
                int active = (long)m * len >= ParallelProductMin / 2 ? threads : 1;
                if (active > 1) barrier.SignalAndWait();
                if (tid < active)
                {
                    int r0 = SplitJob.Bound(tid, active, m, 16), r1 = SplitJob.Bound(tid + 1, active, m, 16);
                    if (r1 > r0) Gemv.Multiply(r1 - r0, len, T.One, a, p + 1 + r0 + (col + 1) * lda, lda, a.AsSpan(head, len), T.Zero, y.AsSpan(yj + r0, r1 - r0), none);
                }
                if (active > 1) barrier.SignalAndWait();
                if (tid != 0) continue;
                T tau = Tau[col];
                int tj0 = j * nb;
                if (j > 0)
                {
                    Gemm.Multiply(j, 1, len, T.One, a, col + 1 + p * lda, lda, 1, a, head, 1, 1, T.Zero, t, tj0, 1, 1, none);
                    Gemm.Multiply(m, 1, j, -T.One, y, p + 1, 1, ldy, t, tj0, 1, 1, T.One, y, yj, 1, 1, none);
                }
                Householder.Scale(m, tau, y, yj, 1);
                for (int r = 0; r < j; r++)
                {
                    T s = T.Zero;
                    for (int c = r; c < j; c++) s += t[r + c * nb] * t[c + tj0];
                    t[r + tj0] = -tau * s;
                }
                t[j + tj0] = tau;
            }
        }
    }
}
