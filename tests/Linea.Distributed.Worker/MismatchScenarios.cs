using Linea;

namespace Linea.Distributed.Worker;

/// <summary>
/// Arguments that do not fit across ranks: every rank throws MpiCountMismatchException naming what each rank passed,
/// and the communicator still works afterwards (no rank was left inside a collective).
/// </summary>
internal static class MismatchScenarios
{
    private static unsafe int RawSendToMissingRank(Communicator world) =>
        world.Native.Send(null, 0, world.Native.Double, world.Size + 5, 0, world.Handle);

    public static void Run(Communicator world, Checks checks, string[] args)
    {
        int p = world.Size, r = world.Rank;
        // The last rank passes one element more.
        int len = r == p - 1 ? 4 : 3;
        checks.Throws<MpiCountMismatchException>("allreduce.lengths",
            () => world.Allreduce<double>(new double[len], new double[len], ReductionOp.Sum),
            "allreduce on rank", $"rank {p - 1}: send 4, recv 4", "rank 0: send 3, recv 3");
        checks.Throws<MpiCountMismatchException>("allreduce.recv_length",
            () => world.Allreduce<double>(new double[3], new double[r == 0 ? 2 : 3], ReductionOp.Sum),
            "rank 0: send 3, recv 2");
        checks.Throws<MpiCountMismatchException>("broadcast.lengths",
            () => world.Broadcast<float>(new float[len], 0), "broadcast", $"rank {p - 1}: length 4");
        checks.Throws<MpiCountMismatchException>("broadcast.roots",
            () => world.Broadcast<float>(new float[3], r == 0 ? 1 % p : 0), "different roots");
        checks.Throws<MpiCountMismatchException>("reduce.root_out_of_range",
            () => world.Reduce<double>(new double[3], new double[3], ReductionOp.Sum, p), $"root {p} is outside");
        checks.Throws<MpiCountMismatchException>("allgather.recv",
            () => world.Allgather<int>(new int[2], new int[2 * p + (r == 0 ? 1 : 0)]), $"rank 0: send 2, recv {2 * p + 1}");
        checks.Throws<MpiCountMismatchException>("allgatherv.recv",
            () => world.Allgatherv<double>(new double[r], new double[p * (p - 1) / 2 + 1]), $"sum {p * (p - 1) / 2}");
        checks.Throws<MpiCountMismatchException>("scatter.send",
            () => world.Scatter<double>(new double[r == 0 ? 2 * p - 1 : 0], new double[2], 0), $"rank 0: recv 2, send {2 * p - 1}");
        checks.Throws<MpiCountMismatchException>("scatterv.send",
            () => world.Scatterv<double>(new double[r == 0 ? 5 : 0], new double[1], 0), $"root sends the sum {p}");
        checks.Throws<MpiCountMismatchException>("gatherv.recv",
            () => world.Gatherv<double>(new double[1], new double[r == 0 ? p + 1 : 0], 0), $"root receives the sum {p}");
        checks.Throws<MpiCountMismatchException>("allreduce.tensor_shapes",
            () => world.Allreduce(NDArray.Zeros<double>(r == 0 ? new long[] { 2, 3 } : new long[] { 3, 2 }), ReductionOp.Sum),
            "shapes differ", "rank 0: (2, 3)", "rank 1: (3, 2)");
        checks.Throws<ArgumentException>("allreduce.tensor_strided",
            () => world.Allreduce(NDArray.Zeros<double>(3, 2).T, ReductionOp.Sum), "strided view", "Contiguous()");
        if (r == 0 && p > 1)
        {
            world.Send<double>(new double[5], 1, tag: 9);
        }
        if (r == 1)
        {
            checks.Throws<MpiCountMismatchException>("receive.too_long",
                () => world.Receive<double>(new double[4], 0, tag: 9), "has 5 elements, the buffer only 4");
            var rest = world.Receive<double>(0, tag: 9);
            checks.Equal("receive.after_too_long", 5, rest.Length);
        }
        // A real MPI error code (MPI_Send to a rank that does not exist, past Linea's own checks through the internal
        // bindings): with MPI_ERRORS_RETURN set, it comes back as a code, and Check names the rank, the operation and
        // MPI_Error_string's text.
        int rc = RawSendToMissingRank(world);
        checks.True("mpi_error.returned", rc != 0, "MPI_Send to a missing rank returned 0");
        checks.Throws<MpiException>("mpi_error.message", () => world.Check(rc, "send"), $"send on rank {r} of {p}: MPI_ERR_RANK");

        // After all that, collectives still work.
        checks.Equal("still_works", p * (p - 1) / 2, world.Allreduce(r, ReductionOp.Sum));
    }
}
