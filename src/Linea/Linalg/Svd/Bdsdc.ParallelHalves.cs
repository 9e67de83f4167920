using System.Buffers;
using System.Numerics;
using System.Runtime.ExceptionServices;
using Linea.Kernels.Threading;

namespace Linea;

internal static partial class Bdsdc
{
    /// <summary>
    /// Orders from which a node's two children are solved at the same time on two threads (each a whole subtree of
    /// leaves and merges: about a quarter of the merge flops and all of the leaves below the top merge).
    /// </summary>
    internal const int ParallelHalvesMin = 256;

    /// <summary>
    /// Solves the children of the node at <paramref name="lo"/> split at row k: the upper (rows lo..lo+k-1, one extra
    /// column) on the calling thread with the context's workspace, the lower (nr rows from lo + k + 1, sqre as the
    /// node's) on a pool thread with a workspace of its own (order nr, pooled), each single-threaded; their blocks of
    /// d, e, U and V are disjoint, and the node's merge then runs on all threads. When the pool is busy both run here,
    /// one after the other. Same arithmetic as the sequential recursion.
    /// </summary>
    private static bool BothHalves<T>(Context<T> ctx, int lo, int k, int nr, int sqre, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var work2 = ArrayPool<T>.Shared.Rent(checked((int)WorkspaceSize(nr)));
        var iwork2 = ArrayPool<int>.Shared.Rent(IntWorkspaceSize(nr));
        try
        {
            var ctx2 = ctx.With(new Workspace<T>(nr, work2, iwork2, ctx.Work.LeafSize));
            var serial = parallelism with { Threads = 1 };
            bool ok1 = false, ok2 = false;
            Exception? failure = null;
            SplitJob.Run(2, (tid, nt) =>
            {
                try
                {
                    if (tid == 0) ok1 = ctx.Node(lo, k, 1, serial);
                    if (tid == 1 || nt == 1) ok2 = ctx2.Node(lo + k + 1, nr, sqre, serial);
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
