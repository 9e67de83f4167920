using System.Net;
using Linea.Web.Sessions;
using Linea.Web.Tests.Support;

namespace Linea.Web.Tests.Api;

/// <summary>Session ids are issued by the server; sessions are isolated, bounded in number and expire when idle.</summary>
public sealed class SessionTests
{
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks;

        public override long GetTimestamp() => Ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }

    [Fact]
    public async Task Sessions_keep_their_own_variables_and_unknown_ids_get_a_fresh_session()
    {
        await using var server = await TestServer.StartAsync(engine: new FakeEngine());
        var first = await TestServer.JsonAsync(await server.EvalAsync("x = 1"));
        string a = first.GetProperty("session").GetString()!;
        var second = await TestServer.JsonAsync(await server.EvalAsync("x = 2"));
        string b = second.GetProperty("session").GetString()!;
        Assert.NotEqual(a, b);
        Assert.Matches("^[0-9a-f]{32}$", a);

        Assert.Equal(1, (await TestServer.JsonAsync(await server.EvalAsync("x", a))).GetProperty("results")[0].GetProperty("data").GetDouble());
        Assert.Equal(2, (await TestServer.JsonAsync(await server.EvalAsync("x", b))).GetProperty("results")[0].GetProperty("data").GetDouble());

        // A made-up id does not create a session under that id, nor reach anyone's variables.
        var forged = await server.EvalAsync("x", "00000000000000000000000000000000");
        var json = await TestServer.JsonAsync(forged);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        Assert.NotEqual("00000000000000000000000000000000", json.GetProperty("session").GetString());
        Assert.Equal(json.GetProperty("session").GetString(), forged.Headers.GetValues("X-Linea-Session").Single());
    }

    [Fact]
    public void Store_evicts_the_least_recently_used_session_when_full_and_expires_idle_ones()
    {
        var clock = new ManualClock();
        var store = new SessionStore(new FakeEngine(), maxSessions: 2, idleTimeout: TimeSpan.FromSeconds(60), clock);
        var a = store.GetOrCreate(null);
        clock.Ticks += TimeSpan.TicksPerSecond;
        var b = store.GetOrCreate(null);
        clock.Ticks += TimeSpan.TicksPerSecond;
        Assert.Same(a, store.GetOrCreate(a.Id)); // a is now the most recently used
        clock.Ticks += TimeSpan.TicksPerSecond;
        var c = store.GetOrCreate(null);
        Assert.Equal(2, store.Count);
        clock.Ticks += TimeSpan.TicksPerSecond;
        Assert.NotSame(b, store.GetOrCreate(b.Id)); // b was evicted: asking for it creates a new session (evicting a)
        Assert.Same(c, store.GetOrCreate(c.Id));
        Assert.NotSame(a, store.GetOrCreate(a.Id));

        clock.Ticks += 61 * TimeSpan.TicksPerSecond;
        Assert.NotSame(c, store.GetOrCreate(c.Id)); // idle past the timeout
    }

    [Fact]
    public void Busy_sessions_are_never_evicted()
    {
        var clock = new ManualClock();
        var store = new SessionStore(new FakeEngine(), maxSessions: 1, idleTimeout: TimeSpan.FromSeconds(1), clock);
        var busy = store.GetOrCreate(null);
        busy.Gate.Wait();
        clock.Ticks += 10 * TimeSpan.TicksPerSecond;
        var other = store.GetOrCreate(null);
        Assert.Same(busy, store.GetOrCreate(busy.Id));
        Assert.NotSame(busy, other);
        busy.Gate.Release();
    }
}
