namespace Linea.Distributed;

/// <summary>Helpers that keep the ranks of a distributed algorithm in step when one of them fails locally.</summary>
internal static class Collective
{
    /// <summary>
    /// Runs <paramref name="local"/> on this rank, then tells every rank whether every rank succeeded (one allreduce).
    /// The rank that failed rethrows its own exception; the others throw <see cref="MpiException"/> naming the ranks that
    /// failed, so no rank goes on into a collective the failed one will never join.
    /// </summary>
    public static TResult Agree<TResult>(Communicator comm, string op, Func<TResult> local)
    {
        TResult result = default!;
        Exception? failure = null;
        try
        {
            result = local();
        }
#pragma warning disable CA1031 // Any local failure must be shared before the next collective.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = e;
        }
        int[] failed = comm.WithoutArgumentChecks().Allgather(failure is null ? 0 : 1);
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        if (failed.Any(f => f != 0))
        {
            var ranks = Enumerable.Range(0, comm.Size).Where(r => failed[r] != 0);
            throw new MpiException(comm.Rank, comm.Size, op, 0, $"rank(s) {string.Join(", ", ranks)} failed in their local step (their own errors say why)");
        }
        return result;
    }
}
