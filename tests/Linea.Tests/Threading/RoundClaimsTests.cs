using Linea.Kernels.Threading;

namespace Linea.Tests.Threading;

/// <summary>
/// <see cref="RoundClaims"/>: every task of every round runs exactly once, whichever thread claims it, when the threads
/// are delayed at random, when one thread never shows up, and when a thread comes back with a stale round.
/// </summary>
public class RoundClaimsTests
{
    private sealed class CountingJob(RoundClaims claims, int rounds, int tasks, int seed) : IParallelJob
    {
        public readonly int[,] Runs = new int[rounds + 1, tasks];

        public void Execute(int tid, int threads, SpinBarrier barrier)
        {
            var rng = new Random(seed + tid);
            if (tid == 0)
            {
                try
                {
                    for (int r = 1; r <= rounds; r++)
                    {
                        int mine = 0;
                        claims.Open(r, tasks, static (h, t) => h * t / 2);
                        while (claims.TryClaim(r, 0, out int task)) { Run(r, task, rng); mine++; }
                        claims.WaitDone(tasks - mine);
                    }
                }
                finally { claims.Close(); }
                return;
            }
            int last = 0;
            while (claims.WaitForRoundAfter(last, out int round))
            {
                while (claims.TryClaim(round, tid, out int task)) { Run(round, task, rng); claims.MarkDone(); }
                last = round;
            }
        }

        private void Run(int round, int task, Random rng)
        {
            Interlocked.Increment(ref Runs[round, task]);
            if (rng.Next(8) == 0) Thread.SpinWait(rng.Next(2000));
            if (rng.Next(64) == 0) Thread.Sleep(1);
        }
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(2, 7)]
    [InlineData(3, 2)]
    public void EveryTaskRunsOnce(int threads, int seed)
    {
        const int rounds = 200, tasks = 9;
        var job = new CountingJob(new RoundClaims(threads), rounds, tasks, seed);
        WorkerPool.Run(threads, job);
        for (int r = 1; r <= rounds; r++)
            for (int t = 0; t < tasks; t++) Assert.True(job.Runs[r, t] == 1, $"round {r} task {t} ran {job.Runs[r, t]} times");
    }

    /// <summary>Only thread 0 comes (a solo run, as when the pool is busy): it takes the other home's tasks too.</summary>
    [Fact]
    public void ThreadZeroAloneRunsEveryTask()
    {
        const int rounds = 20, tasks = 5;
        var job = new CountingJob(new RoundClaims(2), rounds, tasks, 3);
        var solo = new SpinBarrier();
        solo.Reset(1);
        job.Execute(0, 1, solo);
        for (int r = 1; r <= rounds; r++)
            for (int t = 0; t < tasks; t++) Assert.Equal(1, job.Runs[r, t]);
    }

    [Fact]
    public void StaleRoundClaimsNothing()
    {
        var claims = new RoundClaims(2);
        claims.Open(1, 4, static (h, t) => 2);
        Assert.True(claims.TryClaim(1, 1, out int task));
        Assert.Equal(2, task);
        claims.Open(2, 4, static (h, t) => 2);
        Assert.False(claims.TryClaim(1, 1, out _));
        Assert.True(claims.TryClaim(2, 1, out task));
        Assert.Equal(2, task);
        Assert.True(claims.TryClaim(2, 1, out task));
        Assert.Equal(3, task);
        // Home 1 is empty: thread 1 goes on with home 0's tasks, in order.
        Assert.True(claims.TryClaim(2, 1, out task));
        Assert.Equal(0, task);
        Assert.True(claims.TryClaim(2, 0, out task));
        Assert.Equal(1, task);
        Assert.False(claims.TryClaim(2, 0, out _));
        Assert.False(claims.TryClaim(2, 1, out _));
    }
}
