using System.Net;
using Linea.Web.Tests.Support;

namespace Linea.Web.Tests.Api;

/// <summary>The page's files come from the assembly (no CDN, no files on disk), and the health endpoint reports the limits.</summary>
public sealed class StaticAndHealthTests
{
    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/index.html", "text/html")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/transform2x2.js", "text/javascript")]
    [InlineData("/style.css", "text/css")]
    public async Task Page_files_are_served_with_their_content_type_and_a_strict_policy(string path, string mediaType)
    {
        await using var server = await TestServer.StartAsync(engine: new FakeEngine());
        var response = await server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("https://", body); // everything ships with the server; nothing is fetched from elsewhere

        var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await server.Client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Every_script_the_page_imports_is_served()
    {
        await using var server = await TestServer.StartAsync(engine: new FakeEngine());
        var pending = new Queue<string>(["/app.js"]);
        var seen = new HashSet<string>();
        while (pending.TryDequeue(out var path))
        {
            if (!seen.Add(path)) continue;
            var response = await server.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} -> {(int)response.StatusCode}");
            var source = await response.Content.ReadAsStringAsync();
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(source, "from \"\\./([a-z0-9-]+\\.js)\""))
                pending.Enqueue("/" + m.Groups[1].Value);
        }
        Assert.True(seen.Count >= 6, string.Join(", ", seen));
    }

    [Fact]
    public async Task Health_reports_ok_and_the_limits()
    {
        await using var server = await TestServer.StartAsync(new WebServerOptions { MaxRequestBodyBytes = 4096, MaxConcurrentEvaluations = 3 }, new FakeEngine());
        var response = await server.Client.GetAsync("/api/health");
        var json = await TestServer.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", json.GetProperty("status").GetString());
        Assert.Equal(0, json.GetProperty("evaluationsInFlight").GetInt32());
        Assert.Equal(4096, json.GetProperty("limits").GetProperty("maxRequestBodyBytes").GetInt64());
        Assert.Equal(3, json.GetProperty("limits").GetProperty("maxConcurrentEvaluations").GetInt32());
    }
}
