using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Linea.Calc;
using Linea.Web.Tests.Support;

namespace Linea.Web.Tests.Api;

/// <summary>
/// Issue 16: HEAD on every GET endpoint answers as GET without a body (item 14); the server's own 4xx answers carry
/// the JSON error body (item 14); an evaluation whose client has gone is cancelled and frees its slot (item 9).
/// </summary>
public sealed class HeadAndCancellationTests
{
    [Theory]
    [InlineData("/api/health")]
    [InlineData("/")]
    [InlineData("/app.js")]
    public async Task Head_answers_as_get_without_a_body(string path)
    {
        await using var server = await TestServer.StartAsync(engine: new FakeEngine());
        var get = await server.Client.GetAsync(path);
        var getBody = await get.Content.ReadAsByteArrayAsync();
        var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(getBody.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    private static async Task<string> RawAsync(Uri address, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                answer.Append(Encoding.UTF8.GetString(buffer, 0, n));
                if (answer.ToString().Contains("}}")) break;
            }
        }
        catch (OperationCanceledException) { }
        return answer.ToString();
    }

    [Theory]
    [InlineData("OPTIONS * HTTP/1.1\r\nHost: localhost\r\n\r\n", "405", "method_not_allowed", "OPTIONS is not allowed on *")]
    [InlineData("GET /api/health HTTP/1.0\r\n\r\n", "400", "bad_request", "host '' is not served")]
    [InlineData("DELETE /api/eval HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", "405", "method_not_allowed", "DELETE is not allowed on /api/eval")]
    [InlineData("GET /nothing/here HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", "404", "not_found", "no such resource: /nothing/here")]
    public async Task The_servers_own_refusals_have_the_json_error_body(string request, string status, string kind, string message)
    {
        await using var server = await TestServer.StartAsync(engine: new FakeEngine());
        var answer = await RawAsync(server.Address, request);
        Assert.StartsWith($"HTTP/1.1 {status} ", answer);
        Assert.Contains("Content-Type: application/json", answer);
        var body = answer[answer.IndexOf("{\"error\"", StringComparison.Ordinal)..];
        body = body[..(body.LastIndexOf("}}", StringComparison.Ordinal) + 2)];
        using var json = JsonDocument.Parse(body);
        Assert.Equal(kind, json.RootElement.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains(message, json.RootElement.GetProperty("error").GetProperty("message").GetString());
    }
}

/// <summary>Runs alone (not beside timing-sensitive tests): it keeps both cores busy until the cancellation lands.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyEvaluationCollection
{
    public const string Name = "heavy evaluations, run alone";
}

/// <summary>Issue 16, item 9: an evaluation whose client has gone is cancelled and frees its slot.</summary>
[Collection(HeavyEvaluationCollection.Name)]
public sealed class AbandonedEvaluationTests
{
    [Fact]
    public async Task An_evaluation_whose_client_has_gone_is_cancelled_and_frees_its_slot()
    {
        // A product of 120 x 120 exact integers of 10,000 bits: tens of seconds if nothing stops it.
        const string program = "A = exact(round(rand(120, 120, seed=1) * 1e15)) ** 200\nB = A @ A";
        var options = new WebServerOptions
        {
            MaxConcurrentEvaluations = 2,
            QueueTimeout = TimeSpan.Zero,
            EvaluationTimeout = TimeSpan.FromSeconds(120),
            CalcLimits = CalcLimits.Default with { MaxExactBits = 1_000_000 },
        };
        await using var server = await TestServer.StartAsync(options);
        using var gone = new CancellationTokenSource();
        var abandoned = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/eval")
                {
                    Content = new StringContent(JsonSerializer.Serialize(new { program }), Encoding.UTF8, "application/json"),
                };
                await server.Client.SendAsync(request, gone.Token);
            }
            catch (OperationCanceledException) { }
        })).ToArray();

        async Task<int> InFlight() =>
            (await TestServer.JsonAsync(await server.Client.GetAsync("/api/health"))).GetProperty("evaluationsInFlight").GetInt32();
        var clock = Stopwatch.StartNew();
        while (await InFlight() < 2 && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        Assert.Equal(2, await InFlight());
        await Task.Delay(500);
        gone.Cancel(); // both clients hang up
        await Task.WhenAll(abandoned);

        clock.Restart();
        while (await InFlight() > 0 && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the slots were held {clock.Elapsed} after the clients left");
        var next = await server.EvalAsync("1 + 1");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }
}
