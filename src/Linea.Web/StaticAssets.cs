using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Linea.Web;

/// <summary>
/// The page's files (index.html, scripts, stylesheet), embedded in this assembly under <c>wwwroot/</c> and served
/// from memory with a content-hash ETag, so <c>linea serve</c> works offline from any directory and needs no files
/// next to the executable.
/// </summary>
internal sealed class StaticAssets
{
    private const string Prefix = "wwwroot/";
    private readonly Dictionary<string, Asset> _assets = new(StringComparer.Ordinal);

    private sealed record Asset(byte[] Content, string ContentType, string ETag);

    public StaticAssets(Assembly assembly)
    {
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8)) + "\"";
            _assets["/" + name[Prefix.Length..].Replace('\\', '/')] = new Asset(content, ContentTypeOf(name), etag);
        }
    }

    /// <summary>Request paths served, e.g. "/index.html", "/app.js".</summary>
    public IEnumerable<string> Paths => _assets.Keys;

    /// <summary>Writes the asset at <paramref name="path"/> ("/" means "/index.html"), or a 304 when the ETag matches.</summary>
    public async Task ServeAsync(HttpContext context, string path)
    {
        if (path == "/") path = "/index.html";
        if (!_assets.TryGetValue(path, out var asset))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.Headers.ETag = asset.ETag;
        context.Response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = asset.Content.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await context.Response.Body.WriteAsync(asset.Content, context.RequestAborted);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        _ => "application/octet-stream",
    };
}
