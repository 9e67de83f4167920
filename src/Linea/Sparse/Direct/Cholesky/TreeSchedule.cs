namespace Linea;

/// <summary>
/// Which supernodes the factorization runs in parallel: disjoint subtrees of the supernodal elimination tree (each
/// a contiguous postorder range [First, Root]), taken by threads from a queue largest first, and the rest (the top of
/// the tree: the large separators) run afterwards in postorder with threaded dense kernels. The split: starting
/// from the roots, the subtree of most work is replaced by its children (its root joining the top) until none has
/// more than 1 / (2 threads) of the subtrees' total, so a dynamic queue balances them.
/// Work per supernode: k^3 / 3 + k^2 w + k w^2 for k columns and w rows below (Cholesky, TRSM, SYRK), plus its front.
/// </summary>
internal sealed class TreeSchedule
{
    /// <summary>Roots of the parallel subtrees, largest work first.</summary>
    public readonly int[] Roots;

    /// <summary>First supernode (in postorder) of each supernode's subtree.</summary>
    public readonly int[] First;

    /// <summary>Whether each supernode is in one of the parallel subtrees.</summary>
    public readonly bool[] InSubtree;

    /// <summary>Below this many flops in all, the factorization runs sequentially (threads cost more than they save).</summary>
    private const double MinParallelWork = 2e6;

    private TreeSchedule(int[] roots, int[] first, bool[] inSubtree) { Roots = roots; First = first; InSubtree = inSubtree; }

    public static TreeSchedule Build(SparseCholeskyAnalysis an, int threads)
    {
        int ns = an.SupernodeCount;
        var first = new int[ns];
        var work = new double[ns];
        for (int s = 0; s < ns; s++) first[s] = s;
        for (int s = 0; s < ns; s++)
        {
            double k = an.Start[s + 1] - an.Start[s];
            double w = an.RowPtr[s + 1] - an.RowPtr[s] - k;
            work[s] += k * k * k / 3 + k * k * w + k * w * w + (k + w) * (k + w);
            int p = an.SuperParent[s];
            if (p != -1)
            {
                work[p] += work[s];
                first[p] = Math.Min(first[p], first[s]);
            }
        }
        var inSubtree = new bool[ns];
        double total = 0;
        for (int s = 0; s < ns; s++) if (an.SuperParent[s] == -1) total += work[s];
        if (threads <= 1 || total < MinParallelWork) return new TreeSchedule([], first, inSubtree);

        var queue = new PriorityQueue<int, double>();
        double subtreeTotal = 0;
        for (int s = 0; s < ns; s++)
            if (an.SuperParent[s] == -1) { queue.Enqueue(s, -work[s]); subtreeTotal += work[s]; }
        while (queue.Count > 0)
        {
            queue.TryPeek(out int big, out double negative);
            if (-negative <= subtreeTotal / (2 * threads)) break;
            queue.Dequeue();
            double own = work[big];
            for (int cp = an.ChildPtr[big]; cp < an.ChildPtr[big + 1]; cp++)
            {
                int c = an.Children[cp];
                queue.Enqueue(c, -work[c]);
                own -= work[c];
            }
            subtreeTotal -= own;
        }
        var roots = new List<(int Root, double Work)>();
        while (queue.TryDequeue(out int r, out double negative)) roots.Add((r, -negative));
        if (roots.Count < 2) return new TreeSchedule([], first, inSubtree);
        foreach (var (r, _) in roots)
            for (int s = first[r]; s <= r; s++) inSubtree[s] = true;
        return new TreeSchedule(roots.Select(x => x.Root).ToArray(), first, inSubtree);
    }

    /// <summary>
    /// The stack extent the top of the tree needs in the analysis's layout: up to its highest front (the subtrees'
    /// positions below are never touched by it).
    /// </summary>
    public long TopPeak(SparseCholeskyAnalysis an)
    {
        long peak = 0;
        for (int s = 0; s < an.SupernodeCount; s++)
        {
            if (InSubtree[s]) continue;
            long w = an.RowPtr[s + 1] - an.RowPtr[s] - (an.Start[s + 1] - an.Start[s]);
            peak = Math.Max(peak, an.WorkAt[s] + w * w);
        }
        return peak;
    }

    /// <summary>
    /// The largest stack extent one subtree needs, relative to its root's update position (the analysis's sequential
    /// stack layout: a subtree's fronts and updates lie above its root's update): the size of one worker's stack.
    /// </summary>
    public long LocalPeak(SparseCholeskyAnalysis an)
    {
        long peak = 0;
        foreach (int r in Roots)
            for (int s = First[r]; s <= r; s++)
            {
                long w = an.RowPtr[s + 1] - an.RowPtr[s] - (an.Start[s + 1] - an.Start[s]);
                peak = Math.Max(peak, an.WorkAt[s] + w * w - an.UpdateAt[r]);
            }
        return peak;
    }

    /// <summary>
    /// Runs <paramref name="subtree"/>(tid, root) for every root on up to <paramref name="workers"/> threads, which take
    /// the roots in order (largest first); a thread's tid is below <paramref name="workers"/>. The first exception
    /// stops the other threads from starting new subtrees and is rethrown here.
    /// </summary>
    public void RunSubtrees(int workers, Action<int, int> subtree)
    {
        int next = 0;
        Exception? failure = null;
        var roots = Roots;
        Linea.Kernels.Threading.SplitJob.Run(workers, (tid, nt) =>
        {
            while (Volatile.Read(ref failure) == null)
            {
                int i = Interlocked.Increment(ref next) - 1;
                if (i >= roots.Length) break;
                try { subtree(tid, roots[i]); }
                catch (Exception e) { Interlocked.CompareExchange(ref failure, e, null); }
            }
        });
        if (failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
    }
}
