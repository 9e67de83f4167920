using System.Net;
using Linea.Web.Evaluation;
using Linea.Web.Sessions;
using Linea.Web.Tests.Support;

namespace Linea.Web.Tests.Api;

/// <summary>The heap watchdog tells garbage from live memory by collecting, rate-limited, and cancels only for live memory.</summary>
public sealed class HeapGuardTests
{
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks;

        public override long GetTimestamp() => Ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }

    [Fact]
    public void Garbage_is_collected_not_reported_and_live_memory_is_reported()
    {
        long heap = 100, live = 100;
        var clock = new ManualClock();
        var guard = new HeapGuard(collectAboveBytes: 500, maxLiveBytes: 1000, TimeSpan.FromSeconds(1), () => heap, () => heap = live, clock);

        Assert.False(guard.IsOverBudget());
        Assert.Equal(0, guard.Collections); // below the collection threshold nothing happens

        heap = 5000; // mostly garbage
        Assert.False(guard.IsOverBudget());
        Assert.Equal(1, guard.Collections);
        Assert.Equal(100, heap);

        live = 3000;
        heap = 5000;
        Assert.False(guard.IsOverBudget()); // within a second of the last collection: no verdict yet
        Assert.Equal(1, guard.Collections);
        clock.Ticks += 2 * TimeSpan.TicksPerSecond;
        Assert.True(guard.IsOverBudget()); // still 3000 > 1000 after collecting
        Assert.Equal(2, guard.Collections);
    }

    [Fact]
    public async Task Evaluations_running_while_live_memory_is_over_budget_are_cancelled_with_a_422()
    {
        var options = new WebServerOptions { EvaluationTimeout = TimeSpan.FromSeconds(10), HeapCollectAboveBytes = 1, MaxHeapBytes = 1 };
        var engine = new FakeEngine();
        var sessions = new SessionStore(engine, 4, TimeSpan.FromMinutes(1), TimeProvider.System);
        var runner = new EvaluationRunner(options, sessions, new HeapGuard(1, 1, TimeSpan.Zero, () => 10, () => { }));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await runner.RunAsync(sessions.GetOrCreate(null), "sleep 5000", CancellationToken.None);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Equal(EvalFailureKind.Limit, outcome!.Failure!.Kind);
        Assert.Contains("memory", outcome.Failure.Message);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (HttpStatusCode)Linea.Web.Api.EvalEndpoint.StatusFor(outcome.Failure));
    }
}
