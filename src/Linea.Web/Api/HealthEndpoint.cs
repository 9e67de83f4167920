using System.Text.Json;
using Linea.Web.Evaluation;
using Linea.Web.Sessions;
using Microsoft.AspNetCore.Http;

namespace Linea.Web.Api;

/// <summary>
/// <c>GET /api/health</c> (and <c>HEAD</c>, the same headers without the body): <c>{"status":"ok","sessions":n,"sessionBytes":b,"evaluationsInFlight":k,"limits":{...,"calc":{...}},
/// "fileAccess":false}</c>: the server's and the calculator's limits in the units clients need (bytes, milliseconds, counts).
/// </summary>
internal static class HealthEndpoint
{
    public static async Task HandleAsync(HttpContext context, SessionStore sessions, EvaluationRunner runner, WebServerOptions options)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ApiJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("status", "ok");
            json.WriteNumber("sessions", sessions.Count);
            json.WriteNumber("sessionBytes", sessions.HeldBytes);
            json.WriteNumber("evaluationsInFlight", runner.InFlight);
            json.WriteStartObject("limits");
            json.WriteNumber("maxRequestBodyBytes", options.MaxRequestBodyBytes);
            json.WriteNumber("evaluationTimeoutMs", (long)options.EvaluationTimeout.TotalMilliseconds);
            json.WriteNumber("maxConcurrentEvaluations", options.MaxConcurrentEvaluations);
            json.WriteNumber("maxSessions", options.MaxSessions);
            json.WriteNumber("sessionIdleTimeoutSeconds", (long)options.SessionIdleTimeout.TotalSeconds);
            json.WriteNumber("maxSessionBytes", options.MaxSessionBytes);
            json.WriteNumber("maxTotalSessionBytes", options.MaxTotalSessionBytes);
            var calc = options.CalcLimits;
            json.WriteStartObject("calc");
            json.WriteNumber("maxElements", calc.MaxElements);
            json.WriteNumber("maxWork", calc.MaxWork);
            json.WriteNumber("maxNestingDepth", calc.MaxNestingDepth);
            json.WriteNumber("maxProgramLength", calc.MaxProgramLength);
            json.WriteNumber("maxExactBits", calc.MaxExactBits);
            json.WriteNumber("maxExactElements", calc.MaxExactElements);
            json.WriteNumber("maxExactOperations", calc.MaxExactOperations);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteBoolean("fileAccess", false);
            json.WriteEndObject();
        }
        context.Response.ContentLength = buffer.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return; // HEAD: GET's headers, no body
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
