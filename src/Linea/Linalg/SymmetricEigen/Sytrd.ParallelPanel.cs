using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Blas2;
using Linea.Kernels.Threading;

namespace Linea;

internal static partial class Sytrd
{
    /// <summary>
    /// Trailing orders from which a column's symmetric product is split over the threads inside the panel job
    /// (below it one thread's product, about len^2 / 2 entries in cache, takes less than the two barriers cost).
    /// </summary>
    internal const int ParallelSymvMin = 384;

    /// <summary>
    /// <see cref="Panel{T}"/> with its threads kept inside one job for the whole panel: thread 0 does each column's
    /// serial part (the corrections, the reflector, the small products with V and W) while the others wait at a spin
    /// barrier, and all of them take a share of equal triangle area of the symmetric product with the trailing matrix,
    /// which is most of the panel's time, and the first and the last of them each form one of the panel's two small
    /// transposed products with V and W during it. Splitting each product as a separate parallel call instead hands the work to
    /// a sleeping worker once per column, and at n = 1000 that hand-off costs as much as the product itself. Same
    /// arithmetic as <see cref="Gemv.SymmetricLower{T}(in MatrixView{T}, ReadOnlySpan{T}, Span{T}, Parallelism)"/> on the same split, so the results equal those of the split
    /// product. O(m^2 nb).
    /// </summary>
    private static unsafe void ParallelPanel<T>(in MatrixView<T> b, int nb, Span<T> e, Span<T> tau, T[] w, int ldw, T[] tmp, T[] tmp2, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        parallelism.ThrowIfCancelled();
        int threads = parallelism.Count;
        int m = (int)b.Rows;
        fixed (T* pb = &b.Origin)
        {
            var job = new PanelJob<T>
            {
                B = b.At(pb), Nb = nb, W = w, Ldw = ldw, Tmp = tmp, Tmp2 = tmp2,
                E = new T[nb], Tau = new T[nb], Partial = new T[(threads - 1) * m],
            };
            WorkerPool.Run(threads, job);
            job.E.AsSpan(0, Math.Min(nb, e.Length)).CopyTo(e);
            job.Tau.AsSpan(0, Math.Min(nb, tau.Length)).CopyTo(tau);
        }
    }

    private sealed class PanelJob<T> : IParallelJob where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The pinned trailing matrix B (m x m, row stride 1).</summary>
        public required MatrixAddress<T> B;
        public required int Nb, Ldw;
        public required T[] W, Tmp, Tmp2, E, Tau, Partial;

        public void Execute(int tid, int threads, SpinBarrier barrier)
        {
            var b = B.View;
            int m = (int)b.Rows, ldw = Ldw;
            T[] w = W, tmp = Tmp, tmp2 = Tmp2;
            for (int j = 0; j < Nb; j++)
            {
                int len = m - j - 1;
                if (tid == 0)
                {
                    var col = b.Column(j, j, m - j);
                    for (int k = 0; k < j; k++) { tmp[k] = w[j + k * ldw]; tmp2[k] = b[j, k]; }
                    Gemv.Multiply(-T.One, b.Block(j, 0, m - j, j), tmp, T.One, col, Parallelism.None);
                    Gemv.Multiply(-T.One, MatrixView<T>.ColumnMajor(w, j, m - j, j, ldw), tmp2, T.One, col, Parallelism.None);
                    if (len == 0) Tau[j] = T.Zero;
                    else
                    {
                        T alpha = b[j + 1, j];
                        T t = Householder.Generate(len, ref alpha, b.Column(j, j + 2, len - 1));
                        E[j] = alpha;
                        Tau[j] = t;
                        b[j + 1, j] = T.One;
                    }
                }
                if (len == 0) break;
                int active = len >= ParallelSymvMin ? threads : 1;
                if (active > 1) barrier.SignalAndWait();
                var v = b.Column(j, j + 1, len);
                var wj = w.AsSpan(j + 1 + j * ldw, len);
                if (tid < active)
                {
                    int c0 = Gemv.AreaBound(tid, active, len), c1 = Gemv.AreaBound(tid + 1, active, len);
                    var dst = tid == 0 ? wj : Partial.AsSpan((tid - 1) * m, len);
                    dst.Clear();
                    if (c1 > c0) Gemv.SymmetricLowerRange(b.Block(j + 1, j + 1, len, len), v, dst, c0, c1);
                    // The panel's small products W[j+1.., :j]^T v and V[j+1.., :j]^T v need only v, V and W: thread 0
                    // forms the first and the last active thread the second while the others finish their shares
                    // (instead of thread 0 forming both after the barrier); the same calls, so the same results.
                    if (tid == 0) Gemv.Transposed(T.One, MatrixView<T>.ColumnMajor(w, j + 1, len, j, ldw), v, T.Zero, tmp, Parallelism.None);
                    if (tid == active - 1) Gemv.Transposed(T.One, b.Block(j + 1, 0, len, j), v, T.Zero, tmp2, Parallelism.None);
                }
                if (active > 1) barrier.SignalAndWait();
                if (tid != 0) continue;
                for (int t = 1; t < active; t++) TensorPrimitives.Add(wj, Partial.AsSpan((t - 1) * m, len), wj);
                // wj -= V[j+1.., :j] (W[j+1.., :j]^T v) + W[j+1.., :j] (V[j+1.., :j]^T v)
                Gemv.Multiply(-T.One, b.Block(j + 1, 0, len, j), tmp, T.One, wj, Parallelism.None);
                Gemv.Multiply(-T.One, MatrixView<T>.ColumnMajor(w, j + 1, len, j, ldw), tmp2, T.One, wj, Parallelism.None);
                T tj = Tau[j];
                TensorPrimitives.Multiply(wj, tj, wj);
                T alphaW = -T.CreateTruncating(0.5) * tj * TensorPrimitives.Dot<T>(wj, v);
                TensorPrimitives.MultiplyAdd(v, alphaW, wj, wj);
            }
        }
    }
}
