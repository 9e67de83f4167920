using System.Text.Json;
using Linea.Web.Evaluation;
using Linea.Web.Sessions;
using Microsoft.AspNetCore.Http;

namespace Linea.Web.Api;

/// <summary>
/// <c>POST /api/eval</c> with body <c>{"program":"..."}</c> and optional header <c>X-Linea-Session</c>. Answers
/// <c>{"session":id,"results":[...],"variables":[...],"error":null|{...}}</c>: 200 when every statement ran, 422 for a calculator
/// error, limit or time budget, 403 for a forbidden operation (load/save), 429 when the server or the session is busy.
/// </summary>
internal static class EvalEndpoint
{
    /// <summary>The request and response header that carries the session id.</summary>
    public const string SessionHeader = "X-Linea-Session";

    public static async Task HandleAsync(HttpContext context, SessionStore sessions, EvaluationRunner runner, WebServerOptions options)
    {
        string program;
        using (var body = await JsonRequestBody.ReadObjectAsync(context.Request, options.MaxRequestBodyBytes))
        {
            if (!body.RootElement.TryGetProperty("program", out var programElement) || programElement.ValueKind != JsonValueKind.String)
                throw new ApiError(StatusCodes.Status400BadRequest, "bad_request", "the body must have a string field \"program\", e.g. {\"program\":\"[1 2; 3 4]\"}");
            try
            {
                program = programElement.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw new ApiError(StatusCodes.Status400BadRequest, "bad_request", "the program is not valid Unicode text (a lone surrogate escape)");
            }
        }

        string? requestedId = context.Request.Headers[SessionHeader].FirstOrDefault();
        var session = sessions.GetOrCreate(requestedId);
        context.Response.Headers[SessionHeader] = session.Id;

        var outcome = await runner.RunAsync(session, program, context.RequestAborted);
        if (outcome is null)
        {
            context.Response.Headers.RetryAfter = "1";
            throw new ApiError(StatusCodes.Status429TooManyRequests, "busy",
                "the server is busy with other evaluations (or this session is still evaluating); retry in a moment");
        }

        context.Response.StatusCode = StatusFor(outcome.Failure);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ApiJson.WriterOptions))
            WriteOutcome(json, session.Id, program, outcome);
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }

    /// <summary>The HTTP status for an outcome: 200 without failure, 403 for forbidden operations, 422 otherwise.</summary>
    internal static int StatusFor(EvalFailure? failure) => failure?.Kind switch
    {
        null => StatusCodes.Status200OK,
        EvalFailureKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>
    /// The <c>error.kind</c> string of a failure: the calculator's own class for program errors (syntax, name, type,
    /// shape, math, error), else limit, time_limit or forbidden.
    /// </summary>
    internal static string KindName(EvalFailure failure) => failure.Kind switch
    {
        EvalFailureKind.Limit => "limit",
        EvalFailureKind.TimeLimit => "time_limit",
        EvalFailureKind.Forbidden => "forbidden",
        _ => failure.Code ?? "error",
    };

    private static void WriteOutcome(Utf8JsonWriter json, string sessionId, string program, EvalOutcome outcome)
    {
        json.WriteStartObject();
        json.WriteString("session", sessionId);
        json.WriteStartArray("results");
        foreach (var result in outcome.Results)
            json.WriteRawValue(result);
        json.WriteEndArray();
        json.WriteStartArray("variables");
        foreach (var v in outcome.Variables)
        {
            json.WriteStartObject();
            json.WriteString("name", v.Name);
            json.WriteString("dtype", v.DType);
            json.WriteString("shape", v.Shape);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (outcome.Failure is { } failure)
        {
            json.WritePropertyName("error");
            WriteFailure(json, program, failure);
        }
        else
        {
            json.WriteNull("error");
        }
        json.WriteEndObject();
    }

    private static void WriteFailure(Utf8JsonWriter json, string program, EvalFailure failure)
    {
        json.WriteStartObject();
        json.WriteString("kind", KindName(failure));
        json.WriteString("message", failure.Message);
        WriteOptional(json, "line", failure.Line);
        WriteOptional(json, "column", failure.Column);
        json.WriteString("hint", failure.Hint);
        var source = failure.SourceLine ?? SourceLine(program, failure.Line);
        json.WriteString("source", source);
        json.WriteString("caret", source is not null && failure.Column is int column ? Caret(source, column) : null);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, int? value)
    {
        if (value is int v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }

    /// <summary>Line <paramref name="line"/> (1-based) of <paramref name="program"/>, or null when out of range or unknown.</summary>
    internal static string? SourceLine(string program, int? line)
    {
        if (line is not int wanted || wanted < 1) return null;
        var lines = program.Split('\n');
        return wanted <= lines.Length ? lines[wanted - 1].TrimEnd('\r') : null;
    }

    /// <summary>
    /// Spaces up to 1-based <paramref name="column"/> of <paramref name="source"/>, then '^'. Tabs in the source are
    /// copied so the caret lines up in any tab width; a column past the end points just after the last character.
    /// </summary>
    internal static string Caret(string source, int column)
    {
        int offset = Math.Clamp(column - 1, 0, source.Length);
        var pad = new char[offset];
        for (int i = 0; i < offset; i++) pad[i] = source[i] == '\t' ? '\t' : ' ';
        return new string(pad) + "^";
    }
}
