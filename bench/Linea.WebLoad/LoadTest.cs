using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Linea.Web;

namespace Linea.WebLoad;

/// <summary>
/// A bounded load test: an in-process server on 127.0.0.1 (port 0) and N concurrent clients sending a fixed number of
/// requests, a mix of valid programs and hostile ones (syntax errors, deep nesting, limits, load/save, oversized and
/// malformed bodies). Stops after the request count or the time cap, whichever comes first. Prints requests/s,
/// latency percentiles, status counts and the peak working set; exits 1 on any 5xx or transport failure.
/// </summary>
internal static class LoadTest
{
    public sealed record Settings(int Requests, int Clients, int Seconds, bool ValidOnly)
    {
        public static Settings Parse(string[] args)
        {
            int requests = 5000, clients = 16, seconds = 300;
            bool validOnly = false;
            for (int i = 0; i + 1 < args.Length; i += 2)
            {
                switch (args[i])
                {
                    case "--requests": requests = int.Parse(args[i + 1]); break;
                    case "--clients": clients = int.Parse(args[i + 1]); break;
                    case "--seconds": seconds = int.Parse(args[i + 1]); break;
                    case "--mix": validOnly = args[i + 1] == "valid"; break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            return new Settings(requests, clients, seconds, validOnly);
        }
    }

    private sealed record Request(string Name, string Body, string ContentType = "application/json", bool UseSession = false);

    private static string Program(string program) => JsonSerializer.Serialize(new { program });

    /// <summary>The mix: mostly ordinary work a page sends, a third hostile.</summary>
    /// <summary>Names of the requests that are ordinary work (the rest of <see cref="Mix"/> is hostile).</summary>
    private static readonly HashSet<string> Valid =
        ["define", "use", "exact-inverse", "float-svd", "explain", "solve", "matmul-100", "exact-solve-4", "transform", "health"];

    private static readonly Request[] Mix =
    [
        new("define", Program("A = [1 2; 3 4]\nB = [2 0; 1 3]"), UseSession: true),
        new("use", Program("A @ B + inv(A)"), UseSession: true),
        new("exact-inverse", Program("inv([4 7; 2 6])")),
        new("float-svd", Program("U, S, Vt = svd([1.5 2; 0.5 4]); S")),
        new("explain", Program("explain det([1 2; 3 4])")),
        new("solve", Program("solve([3 1; 1 2], [9; 8])")),
        new("matmul-100", Program("rand(100, 100) @ rand(100, 100)")),
        new("exact-solve-4", Program("solve([4 1 0 0; 1 4 1 0; 0 1 4 1; 0 0 1 4], [1; 2; 3; 4])")),
        new("transform", "{\"matrix\":[[1,0.5],[0,1]]}"),
        new("health", ""),
        new("syntax-error", Program("[1 2; 3 4] @@ 2")),
        new("shape-error", Program("[1 2; 3 4] @ [1 2 3]")),
        new("deep-nesting", Program(new string('(', 5000) + "1" + new string(')', 5000))),
        new("element-limit", Program("zeros(5000, 5000)")),
        new("exact-size-limit", Program("2 ** 50000")),
        new("load-refused", Program("load(\"/etc/passwd.csv\")")),
        new("save-refused", Program("save(\"out.npy\", eye(3))")),
        new("time-budget", Program("A = rand(300, 300)\n" + string.Concat(Enumerable.Repeat("B = A @ A\n", 3000)))),
        new("too-large", "{\"program\":\"" + new string('1', 70_000) + "\"}"),
        new("malformed", "{\"program\": [1, 2"),
        new("wrong-type", Program("1 + 1"), ContentType: "text/plain"),
    ];

    public static async Task<int> RunAsync(Settings settings)
    {
        var options = new WebServerOptions { Port = 0 };
        var mix = settings.ValidOnly ? Mix.Where(r => Valid.Contains(r.Name)).ToArray() : Mix;
        await using var app = LineaWebServer.Build(options);
        await app.StartAsync();
        var address = LineaWebServer.BoundAddress(app);
        Console.WriteLine($"server {address}, {settings.Requests} requests from {settings.Clients} clients (cap {settings.Seconds} s), "
            + $"{(settings.ValidOnly ? "valid programs only" : "valid and hostile mix")}, {Environment.ProcessorCount} cores, {options.MaxConcurrentEvaluations} evaluation slots, .NET {Environment.Version}");

        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentBag<string>();
        int next = -1;
        long peakWorkingSet = 0, peakHeap = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(settings.Seconds));
        var sampler = Task.Run(async () =>
        {
            var self = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                self.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, self.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                try { await Task.Delay(50, stop.Token); } catch (OperationCanceledException) { }
            }
        });

        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, settings.Clients).Select(c => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            string? session = null;
            var pick = new Random(c); // seeded: the same mix on every run
            int i;
            while ((i = Interlocked.Increment(ref next)) < settings.Requests && !stop.IsCancellationRequested)
            {
                var request = mix[pick.Next(mix.Length)];
                if (request.Name == "use" && session is null) request = Mix[0]; // define before use
                var message = request.Name switch
                {
                    "health" => new HttpRequestMessage(HttpMethod.Get, "/api/health"),
                    "transform" => new HttpRequestMessage(HttpMethod.Post, "/api/transform2x2"),
                    _ => new HttpRequestMessage(HttpMethod.Post, "/api/eval"),
                };
                if (message.Method == HttpMethod.Post)
                {
                    message.Content = new StringContent(request.Body, Encoding.UTF8);
                    message.Content.Headers.ContentType = new(request.ContentType);
                }
                if (request.UseSession && session is not null) message.Headers.Add("X-Linea-Session", session);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(message, stop.Token);
                    var body = await response.Content.ReadAsStringAsync(stop.Token);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    int code = (int)response.StatusCode;
                    statuses.AddOrUpdate($"{code} {request.Name}", 1, (_, n) => n + 1);
                    if (code >= 500) failures.Add($"{code} for {request.Name}: {body[..Math.Min(200, body.Length)]}");
                    if (request.UseSession && response.Headers.TryGetValues("X-Linea-Session", out var ids)) session = ids.First();
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    failures.Add($"{request.Name}: {e.GetType().Name}: {e.Message}");
                }
            }
        })).ToArray();
        await Task.WhenAll(clients);
        clock.Stop();
        stop.Cancel();
        await sampler;

        var sorted = latencies.OrderBy(x => x).ToArray();
        double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        Console.WriteLine($"completed {sorted.Length} requests in {clock.Elapsed.TotalSeconds:0.0} s: {sorted.Length / clock.Elapsed.TotalSeconds:0} requests/s");
        Console.WriteLine($"latency ms: p50 {P(0.50):0.0}, p90 {P(0.90):0.0}, p99 {P(0.99):0.0}, max {P(1.0):0.0}");
        Console.WriteLine($"peak working set {peakWorkingSet / 1048576.0:0} MiB (server and clients in one process), peak managed heap {peakHeap / 1048576.0:0} MiB");
        var byCode = statuses.GroupBy(kv => kv.Key.Split(' ')[0]).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Sum(kv => kv.Value)}");
        Console.WriteLine("status counts: " + string.Join(", ", byCode));
        foreach (var kv in statuses.OrderBy(kv => kv.Key.Split(' ')[1]).ThenBy(kv => kv.Key))
            Console.WriteLine($"  {kv.Key,-28} {kv.Value}");
        foreach (var f in failures.Take(20)) Console.WriteLine("FAILURE " + f);
        bool ok = failures.IsEmpty && sorted.Length == settings.Requests;
        Console.WriteLine(ok ? "OK: no 5xx, no transport errors" : $"FAILED: {failures.Count} failures, {settings.Requests - sorted.Length} requests not completed");
        await app.StopAsync();
        return ok ? 0 : 1;
    }
}
