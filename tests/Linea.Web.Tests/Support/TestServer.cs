using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Linea.Web.Evaluation;
using Microsoft.AspNetCore.Builder;

namespace Linea.Web.Tests.Support;

/// <summary>A real Kestrel server on a free loopback port, in process, with an HttpClient pointed at it.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>Starts a server on 127.0.0.1:0; the engine defaults to the Linea calculator.</summary>
    public static async Task<TestServer> StartAsync(WebServerOptions? options = null, ICalcEngine? engine = null)
    {
        options = (options ?? new WebServerOptions()) with { Port = 0 };
        var app = engine is null ? LineaWebServer.Build(options) : LineaWebServer.Build(options, engine);
        await app.StartAsync();
        return new TestServer(app, LineaWebServer.BoundAddress(app));
    }

    /// <summary>POSTs {"program": program} to /api/eval, with the session header when given.</summary>
    public Task<HttpResponseMessage> EvalAsync(string program, string? session = null) =>
        PostJsonAsync("/api/eval", JsonSerializer.Serialize(new { program }), session);

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, string? session = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (session is not null) request.Headers.Add("X-Linea-Session", session);
        return Client.SendAsync(request);
    }

    /// <summary>Reads a response body as JSON (every API answer is JSON, errors included).</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json",
            $"expected JSON, got {response.Content.Headers.ContentType} with {(int)response.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
