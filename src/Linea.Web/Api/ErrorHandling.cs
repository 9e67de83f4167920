using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Linea.Web.Api;

/// <summary>
/// The outermost middleware: <see cref="ApiError"/> and Kestrel's <see cref="BadHttpRequestException"/> become their
/// 4xx JSON errors; anything else is logged and answered as a JSON 500 (the last resort: the tests treat any 5xx for
/// hostile input as a bug). Empty-bodied 4xx responses from routing (404, 405) get a JSON body too.
/// </summary>
internal static class ErrorHandling
{
    public static void UseJsonErrors(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Linea.Web");
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
                if (context.Response.StatusCode is >= 400 and < 600 && !context.Response.HasStarted && context.Response.ContentLength is null or 0)
                    await ApiError.WriteAsync(context, context.Response.StatusCode, KindOf(context.Response.StatusCode), MessageOf(context));
            }
            catch (ApiError e)
            {
                await ApiError.WriteAsync(context, e.Status, e.Kind, e.Message);
            }
            catch (BadHttpRequestException e)
            {
                int status = e.StatusCode is >= 400 and < 500 ? e.StatusCode : StatusCodes.Status400BadRequest;
                await ApiError.WriteAsync(context, status, status == StatusCodes.Status413PayloadTooLarge ? "too_large" : "bad_request", e.Message);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away; there is nobody to answer.
            }
            catch (Exception e)
            {
                logger.LogError(e, "unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
                await ApiError.WriteAsync(context, StatusCodes.Status500InternalServerError, "internal",
                    "the server failed unexpectedly; this is a bug in Linea, please report the program that caused it");
            }
        });
    }

    private static string KindOf(int status) => status switch
    {
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => "too_large",
        _ => status >= 500 ? "internal" : "bad_request",
    };

    private static string MessageOf(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => $"no such resource: {Target(context)}",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {Target(context)}",
        _ => $"request failed with status {context.Response.StatusCode}",
    };

    /// <summary>The path asked for; the raw request target when the path is empty (<c>OPTIONS *</c>).</summary>
    private static string Target(HttpContext context) =>
        context.Request.Path.HasValue && context.Request.Path.Value!.Length > 0
            ? context.Request.Path.ToString()
            : context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? "/";
}
