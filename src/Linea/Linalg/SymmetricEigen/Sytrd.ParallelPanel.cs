using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Blas2;
using Linea.Kernels.Threading;

namespace Linea;

internal static partial class Sytrd
{
    /// <summary>
    /// Trailing orders from which a column's symmetric product is split over the threads inside the panel job (below
    /// it one thread's product, about len^2 / 2 entries in cache, takes less than handing out the round costs). 384
    /// when the threads met at two barriers per column; without them, 192 measured best of 20 at n = 500 6.4-10.3 ms
    /// against 7.2-12.3 and at n = 1000 33.6-34.6 against 34.2-37.3 (two threads, four alternating runs, loaded machine).
    /// </summary>
    internal const int ParallelSymvMin = 192;

    /// <summary>Chunks of the symmetric product per home range of <see cref="PanelJob{T}"/> (a late thread's unstarted chunks go to the others).</summary>
    internal const int SymvChunksPerThread = 2;

    /// <summary>
    /// <see cref="Panel{T}"/> with its threads kept inside one job for the whole panel, without barriers: thread 0 does
    /// each column's serial part (the corrections, the reflector, the small products with V and W) and opens the column
    /// as a round of <see cref="RoundClaims"/> whose tasks are the panel's two small transposed products with V and W and
    /// <see cref="SymvChunksPerThread"/> chunks per requested thread of equal triangle area of the symmetric product with
    /// the trailing matrix (most of the panel's time). Each thread takes its own home chunks, which cover the same rows
    /// column after column (so they stay in its cache), then any chunk still unclaimed, and thread 0 waits only for the
    /// chunks being finished: a thread that is late or descheduled by the host no longer holds the others at two
    /// barriers per column. Each chunk writes its own partial vector, summed in chunk order, so the result depends on the
    /// requested thread count only, never on which thread ran what (a solo run on one thread gives the same bits).
    /// Splitting each product as a separate parallel call instead hands the work to a sleeping worker once per column,
    /// and at n = 1000 that hand-off costs as much as the product itself. O(m^2 nb); (2 p - 1) m elements of partial
    /// vectors for p requested threads.
    /// </summary>
    private static unsafe void ParallelPanel<T>(in MatrixView<T> b, int nb, Span<T> e, Span<T> tau, T[] w, int ldw, T[] tmp, T[] tmp2, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        parallelism.ThrowIfCancelled();
        int homes = parallelism.Count, chunks = homes * SymvChunksPerThread;
        int m = (int)b.Rows;
        fixed (T* pb = &b.Origin)
        {
            var job = new PanelJob<T>
            {
                B = b.At(pb), Nb = nb, W = w, Ldw = ldw, Tmp = tmp, Tmp2 = tmp2,
                E = new T[nb], Tau = new T[nb], Chunks = chunks, Partial = new T[(chunks - 1) * m], Claims = new RoundClaims(homes),
            };
            WorkerPool.Run(homes, job);
            job.E.AsSpan(0, Math.Min(nb, e.Length)).CopyTo(e);
            job.Tau.AsSpan(0, Math.Min(nb, tau.Length)).CopyTo(tau);
        }
    }

    private sealed class PanelJob<T> : IParallelJob where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The pinned trailing matrix B (m x m, row stride 1).</summary>
        public required MatrixAddress<T> B;
        public required int Nb, Ldw, Chunks;
        public required T[] W, Tmp, Tmp2, E, Tau, Partial;
        public required RoundClaims Claims;

        /// <summary>Start of home h's tasks: task 0 is W^T v, tasks 1..Chunks the product's chunks, the last V^T v.</summary>
        private static readonly Func<int, int, int> s_homeStart = static (h, _) => 1 + h * SymvChunksPerThread;

        public void Execute(int tid, int threads, SpinBarrier barrier)
        {
            if (tid == 0) { try { Lead(); } finally { Claims.Close(); } return; }
            int last = 0;
            while (Claims.WaitForRoundAfter(last, out int round))
            {
                // Round r is column r - 1; its length follows from it.
                int j = round - 1, len = (int)B.View.Rows - j - 1;
                while (Claims.TryClaim(round, tid, out int task)) { RunTask(task, j, len); Claims.MarkDone(); }
                last = round;
            }
        }

        /// <summary>Thread 0: the columns, their serial parts, and its share of each column's tasks.</summary>
        private void Lead()
        {
            var b = B.View;
            int m = (int)b.Rows, ldw = Ldw, tasks = Chunks + 2;
            T[] w = W, tmp = Tmp, tmp2 = Tmp2;
            for (int j = 0; j < Nb; j++)
            {
                int len = m - j - 1;
                var col = b.Column(j, j, m - j);
                for (int k = 0; k < j; k++) { tmp[k] = w[j + k * ldw]; tmp2[k] = b[j, k]; }
                Gemv.Multiply(-T.One, b.Block(j, 0, m - j, j), tmp, T.One, col, Parallelism.None);
                Gemv.Multiply(-T.One, MatrixView<T>.ColumnMajor(w, j, m - j, j, ldw), tmp2, T.One, col, Parallelism.None);
                if (len == 0) { Tau[j] = T.Zero; break; }
                T alpha = b[j + 1, j];
                T t = Householder.Generate(len, ref alpha, b.Column(j, j + 2, len - 1));
                E[j] = alpha;
                Tau[j] = t;
                b[j + 1, j] = T.One;
                var v = b.Column(j, j + 1, len);
                var wj = w.AsSpan(j + 1 + j * ldw, len);
                if (len >= ParallelSymvMin)
                {
                    int round = j + 1, mine = 0;
                    Claims.Open(round, tasks, s_homeStart);
                    while (Claims.TryClaim(round, 0, out int task)) { RunTask(task, j, len); mine++; }
                    Claims.WaitDone(tasks - mine);
                }
                else
                {
                    Claims.Close();
                    for (int task = 0; task < tasks; task++) RunTask(task, j, len);
                }
                for (int c = 2; c <= Chunks; c++)
                {
                    int c0 = Gemv.AreaBound(c - 1, Chunks, len), c1 = Gemv.AreaBound(c, Chunks, len);
                    if (c1 > c0) TensorPrimitives.Add(wj.Slice(c0), Partial.AsSpan((c - 2) * m + c0, len - c0), wj.Slice(c0));
                }
                // wj -= V[j+1.., :j] (W[j+1.., :j]^T v) + W[j+1.., :j] (V[j+1.., :j]^T v)
                Gemv.Multiply(-T.One, b.Block(j + 1, 0, len, j), tmp, T.One, wj, Parallelism.None);
                Gemv.Multiply(-T.One, MatrixView<T>.ColumnMajor(w, j + 1, len, j, ldw), tmp2, T.One, wj, Parallelism.None);
                TensorPrimitives.Multiply(wj, t, wj);
                T alphaW = -T.CreateTruncating(0.5) * t * TensorPrimitives.Dot<T>(wj, v);
                TensorPrimitives.MultiplyAdd(v, alphaW, wj, wj);
            }
        }

        /// <summary>
        /// Task <paramref name="task"/> of column <paramref name="j"/> (trailing length <paramref name="len"/>): 0 forms
        /// W[j+1.., :j]^T v into Tmp, 1..Chunks add chunk c's columns of the symmetric product into W's column j (c = 1,
        /// which starts at column 0) or into partial vector c - 2 (its rows from the chunk's first column on), and
        /// Chunks + 1 forms V[j+1.., :j]^T v into Tmp2.
        /// </summary>
        private void RunTask(int task, int j, int len)
        {
            var b = B.View;
            int m = (int)b.Rows;
            var v = b.Column(j, j + 1, len);
            if (task == 0) { Gemv.Transposed(T.One, MatrixView<T>.ColumnMajor(W, j + 1, len, j, Ldw), v, T.Zero, Tmp, Parallelism.None); return; }
            if (task == Chunks + 1) { Gemv.Transposed(T.One, b.Block(j + 1, 0, len, j), v, T.Zero, Tmp2, Parallelism.None); return; }
            int c0 = Gemv.AreaBound(task - 1, Chunks, len), c1 = Gemv.AreaBound(task, Chunks, len);
            var dst = task == 1 ? W.AsSpan(j + 1 + j * Ldw, len) : Partial.AsSpan((task - 2) * m, len);
            if (task == 1) dst.Clear();
            else if (c1 > c0) dst.Slice(c0).Clear();
            if (c1 > c0) Gemv.SymmetricLowerRange(b.Block(j + 1, j + 1, len, len), v, dst, c0, c1);
        }
    }
}
