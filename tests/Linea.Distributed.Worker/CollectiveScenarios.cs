namespace Linea.Distributed.Worker;

/// <summary>
/// Every span collective on uneven sizes, a rank with zero elements included, with expected values derived by hand:
/// rank r contributes values that are simple functions of r, so sums, extrema and concatenations are known in closed form.
/// </summary>
internal static class CollectiveScenarios
{
    private static string? NullText(int rank) => rank < 0 ? "never" : null;

    public static void Run(Communicator world, Checks checks, string[] args)
    {
        int p = world.Size, r = world.Rank;
        checks.Equal("size", int.Parse(Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") ?? "1", System.Globalization.CultureInfo.InvariantCulture), p);
        checks.True("rank", r >= 0 && r < p);
        world.Barrier();

        // .NET turns SIGSEGV (null dereference) and SIGFPE (integer division by zero) into exceptions; Open MPI's own
        // handlers for those signals (opal_signal) must not have replaced the runtime's.
        checks.Throws<NullReferenceException>("signals.null_reference", () => _ = NullText(r)!.Length);
        checks.Throws<DivideByZeroException>("signals.divide_by_zero", () => _ = 1 / (r - r));

        // Broadcast: from the last rank, 5 doubles and one long.
        double[] b = r == p - 1 ? [1.5, -2, 3, 1e300, double.NaN] : new double[5];
        world.Broadcast<double>(b, p - 1);
        checks.True("broadcast.double", b[0] == 1.5 && b[1] == -2 && b[2] == 3 && b[3] == 1e300 && double.IsNaN(b[4]));
        checks.Equal("broadcast.scalar", 42L, world.Broadcast(r == 0 ? 42L : -1L, 0));

        // Allreduce: rank r holds (r + 1, -(r + 1), r * 0.5) in double and float; sums and extrema in closed form.
        double[] d = [r + 1, -(r + 1), r * 0.5];
        double[] ds = new double[3];
        world.Allreduce<double>(d, ds, ReductionOp.Sum);
        checks.Sequence<double>("allreduce.sum.double", [p * (p + 1) / 2.0, -p * (p + 1) / 2.0, 0.25 * p * (p - 1)], ds);
        world.Allreduce<double>(d, ds, ReductionOp.Min);
        checks.Sequence<double>("allreduce.min.double", [1, -p, 0], ds);
        world.Allreduce<double>(d, ds, ReductionOp.Max);
        checks.Sequence<double>("allreduce.max.double", [p, -1, 0.5 * (p - 1)], ds);
        float[] f = [r + 1, 2f * r];
        world.Allreduce<float>(f, ReductionOp.Sum);
        checks.Sequence<float>("allreduce.inplace.float", [p * (p + 1) / 2f, p * (p - 1f)], f);
        checks.Equal("allreduce.scalar.int", p * (p - 1) / 2, world.Allreduce(r, ReductionOp.Sum));
        checks.Equal("allreduce.scalar.long.max", (long)p - 1, world.Allreduce((long)r, ReductionOp.Max));
        checks.Equal("allreduce.prod", Enumerable.Range(1, p).Aggregate(1.0, (a, x) => a * x), world.Allreduce(r + 1.0, ReductionOp.Prod));
        double[] empty = [];
        world.Allreduce<double>(empty, ReductionOp.Sum);
        checks.Pass("allreduce.empty");

        // Reduce to the last rank; in-place reduce to rank 0.
        double[] red = r == p - 1 ? new double[3] : [];
        world.Reduce<double>(d, red, ReductionOp.Sum, p - 1);
        if (r == p - 1) checks.Sequence<double>("reduce.sum", [p * (p + 1) / 2.0, -p * (p + 1) / 2.0, 0.25 * p * (p - 1)], red);
        long[] li = [r, 10L * r];
        world.Reduce<long>(li, ReductionOp.Max, 0);
        if (r == 0) checks.Sequence<long>("reduce.inplace.max", [p - 1, 10L * (p - 1)], li);

        // Allgather: rank r sends (r, r^2).
        int[] ag = new int[2 * p];
        world.Allgather<int>([r, r * r], ag);
        checks.Sequence<int>("allgather", Enumerable.Range(0, p).SelectMany(i => new[] { i, i * i }).ToArray(), ag);
        checks.Sequence<double>("allgather.scalar", Enumerable.Range(0, p).Select(i => i * 0.25).ToArray(), world.Allgather(r * 0.25));

        // Allgatherv: rank r sends r elements, all equal to r (rank 0 sends none).
        double[] mine = Enumerable.Repeat((double)r, r).ToArray();
        double[] expected = Enumerable.Range(0, p).SelectMany(i => Enumerable.Repeat((double)i, i)).ToArray();
        checks.Sequence<double>("allgatherv.new", expected, world.Allgatherv<double>(mine));
        double[] agv = new double[expected.Length];
        int[] counts = world.Allgatherv<double>(mine, agv);
        checks.Sequence<double>("allgatherv.into", expected, agv);
        checks.Sequence<int>("allgatherv.counts", Enumerable.Range(0, p).ToArray(), counts);

        // Scatter from rank 0: piece i is (i, -i).
        double[] scatterSend = r == 0 ? Enumerable.Range(0, p).SelectMany(i => new double[] { i, -i }).ToArray() : [];
        double[] piece = new double[2];
        world.Scatter<double>(scatterSend, piece, 0);
        checks.Sequence<double>("scatter", [r, -r], piece);

        // Scatterv from the last rank: rank i gets p - 1 - i elements (the last rank gets none), values global indices.
        int myCount = p - 1 - r;
        int total = p * (p - 1) / 2;
        float[] svSend = r == p - 1 ? Enumerable.Range(0, total).Select(i => (float)i).ToArray() : [];
        float[] svRecv = new float[myCount];
        world.Scatterv<float>(svSend, svRecv, p - 1);
        int offset = Enumerable.Range(0, r).Sum(i => p - 1 - i);
        checks.Sequence<float>("scatterv", Enumerable.Range(offset, myCount).Select(i => (float)i).ToArray(), svRecv);

        // Gather to rank 0 and Gatherv to the last rank (rank r sends r copies of r).
        long[] gathered = r == 0 ? new long[p] : [];
        world.Gather<long>([100L + r], gathered, 0);
        if (r == 0) checks.Sequence<long>("gather", Enumerable.Range(0, p).Select(i => 100L + i).ToArray(), gathered);
        double[]? gv = world.Gatherv<double>(mine, p - 1);
        if (r == p - 1) checks.Sequence<double>("gatherv", expected, gv);
        else checks.True("gatherv.null_off_root", gv is null);

        // Send/Receive around a ring; a message to self; any-source receive at rank 0.
        int next = (r + 1) % p, prev = (r + p - 1) % p;
        if (r % 2 == 0)
        {
            world.Send<double>([r, r + 0.5], next, tag: 7);
            var got = world.Receive<double>(prev, tag: 7);
            checks.Sequence<double>("sendrecv.ring", [prev, prev + 0.5], got);
        }
        else
        {
            var got = world.Receive<double>(prev, tag: 7);
            checks.Sequence<double>("sendrecv.ring", [prev, prev + 0.5], got);
            world.Send<double>([r, r + 0.5], next, tag: 7);
        }
        if (r != 0) world.Send<int>([r], 0, tag: 3);
        else
        {
            var seen = new List<int>();
            Span<int> one = stackalloc int[4];
            for (int i = 1; i < p; i++)
            {
                ReceivedMessage m = world.Receive(one, Communicator.AnySource, Communicator.AnyTag);
                if (m.Count == 1 && m.Tag == 3 && one[0] == m.Source) seen.Add(m.Source);
            }
            seen.Sort();
            checks.Sequence<int>("receive.anysource", Enumerable.Range(1, p - 1).ToArray(), seen.ToArray());
        }

        // Split into even and odd ranks; sum of old ranks in each group.
        using (Communicator? half = world.Split(r % 2, r))
        {
            int groupSize = (p + 1 - r % 2) / 2;
            checks.Equal("split.size", groupSize, half!.Size);
            checks.Equal("split.rank", r / 2, half.Rank);
            int expectedSum = Enumerable.Range(0, p).Where(i => i % 2 == r % 2).Sum();
            checks.Equal("split.allreduce", expectedSum, half.Allreduce(r, ReductionOp.Sum));
        }
        checks.True("split.none", world.Split(-1, 0) is null);

        // A duplicate has the same ranks, and its messages never match the original's (same tag, same pair).
        using (Communicator dup = world.Duplicate())
        {
            checks.True("duplicate.ranks", dup.Rank == r && dup.Size == p);
            if (p > 1 && r == 0)
            {
                world.Send<int>([1], 1, tag: 11);
                dup.Send<int>([2], 1, tag: 11);
            }
            if (p > 1 && r == 1)
            {
                checks.Sequence<int>("duplicate.own_messages", [2], dup.Receive<int>(0, tag: 11));
                checks.Sequence<int>("duplicate.original_messages", [1], world.Receive<int>(0, tag: 11));
            }
        }

        // The unchecked communicator gives the same results.
        var fast = world.WithoutArgumentChecks();
        checks.Equal("unchecked.allreduce", p * (p - 1) / 2, fast.Allreduce(r, ReductionOp.Sum));
    }
}
