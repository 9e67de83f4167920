using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Linea.Web.Api;

/// <summary>
/// A request the API refuses, with the HTTP status and the <c>error.kind</c> string clients switch on. Every error
/// response has the body <c>{"error":{"kind":"...","message":"..."}}</c>.
/// </summary>
internal sealed class ApiError : Exception
{
    public ApiError(int status, string kind, string message) : base(message)
    {
        Status = status;
        Kind = kind;
    }

    /// <summary>The HTTP status code (4xx).</summary>
    public int Status { get; }

    /// <summary>Machine-readable class: bad_request, too_large, unsupported_media_type, busy, not_found, ...</summary>
    public string Kind { get; }

    /// <summary>Writes <c>{"error":{"kind","message"}}</c> with <paramref name="status"/> unless the response has started.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string kind, string message)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ApiJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("kind", kind);
            json.WriteString("message", message);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
