using System.Buffers;
using System.Numerics;
using System.Runtime.ExceptionServices;
using Linea.Kernels;
using Linea.Kernels.Threading;

namespace Linea;

internal static partial class Stedc
{
    /// <summary>
    /// Orders from which a node's two halves are solved at the same time on two threads (each half a whole subtree of
    /// leaves and merges, about a quarter of the merge flops and all of the leaves below the top merge).
    /// </summary>
    internal const int ParallelHalvesMin = 256;

    /// <summary>
    /// Solves the halves [lo, lo + n1) and [lo + n1, lo + n1 + n2) of a node at once: the first on the calling
    /// thread with <paramref name="ws"/>, the second on a pool thread with a workspace of its own (order n2, pooled),
    /// each single-threaded (their ranges of d, e and z are disjoint; the node's merge then runs on all threads). When
    /// the pool is busy both run here, one after the other. Same arithmetic as the sequential recursion.
    /// </summary>
    private static bool BothHalves<T>(int lo, int n1, int n2, ArraySegment<T> d, ArraySegment<T> e, MatrixAddress<T> z, Parallelism parallelism, Workspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var work2 = ArrayPool<T>.Shared.Rent(checked((int)WorkspaceSize(n2)));
        var iwork2 = ArrayPool<int>.Shared.Rent(IntWorkspaceSize(n2));
        try
        {
            var ws2 = new Workspace<T>(n2, work2, iwork2, ws.LeafSize);
            var serial = parallelism with { Threads = 1 };
            bool ok1 = false, ok2 = false;
            Exception? failure = null;
            SplitJob.Run(2, (tid, nt) =>
            {
                try
                {
                    if (tid == 0) ok1 = Recurse(lo, n1, d, e, z, serial, ws);
                    if (tid == 1 || nt == 1) ok2 = Recurse(lo + n1, n2, d, e, z, serial, ws2);
                }
                catch (Exception ex) { Interlocked.CompareExchange(ref failure, ex, null); }
            });
            if (failure is not null) ExceptionDispatchInfo.Throw(failure);
            return ok1 && ok2;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(iwork2);
            ArrayPool<T>.Shared.Return(work2);
        }
    }
}
