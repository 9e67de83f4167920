using System.Net;
using Linea.Web.Api;
using Linea.Web.Evaluation;
using Linea.Web.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linea.Web;

/// <summary>
/// The web calculator: <c>POST /api/eval</c>, <c>POST /api/transform2x2</c>, <c>GET /api/health</c> and the page
/// (<c>/</c>, with its scripts and stylesheet embedded in this assembly). <c>linea serve [--port N]</c> calls
/// <see cref="RunAsync"/>; tests call <see cref="Build(WebServerOptions, ICalcEngine)"/> with port 0, start the app
/// and read <see cref="BoundAddress"/>.
/// </summary>
public static class LineaWebServer
{
    /// <summary>
    /// Builds (does not start) the server with the Linea calculator as its engine, file access disabled.
    /// Throws <see cref="ArgumentOutOfRangeException"/> for an invalid option (see <see cref="WebServerOptions.Validate"/>).
    /// </summary>
    public static WebApplication Build(WebServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Build(options, new LineaCalcEngine(options.CalcLimits with { MaxTime = options.EvaluationTimeout }));
    }

    /// <summary>Builds (does not start) the server around <paramref name="engine"/>; the other overload uses the Linea calculator.</summary>
    public static WebApplication Build(WebServerOptions options, ICalcEngine engine)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(engine);
        options.Validate();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LineaWebServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        if (options.ConsoleLogging)
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The API enforces MaxRequestBodyBytes itself (413 with a JSON body). Kestrel's own cap sits 1 MiB higher so
            // that it can drain a moderately oversized body after that answer instead of resetting the connection
            // (a reset can reach the client before the 413 does); anything larger is cut off by Kestrel.
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes + (1 << 20);
            kestrel.Limits.MaxConcurrentConnections = 1024;
            kestrel.Listen(options.Address, options.Port);
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(engine);
        var sessions = new SessionStore(engine, options.MaxSessions, options.SessionIdleTimeout, TimeProvider.System);
        builder.Services.AddSingleton(sessions);
        var runner = new EvaluationRunner(options, sessions);
        builder.Services.AddSingleton(runner);
        builder.Services.AddSingleton(new StaticAssets(typeof(LineaWebServer).Assembly));

        var app = builder.Build();
        app.UseJsonErrors();
        app.Use(RequestGuards(options));

        // Plain RequestDelegates over the singletons built above: no delegate inspection by reflection at start-up,
        // so the server works (and starts sooner) in the Native AOT build of linea.
        app.MapPost("/api/eval", c => EvalEndpoint.HandleAsync(c, sessions, runner, options));
        app.MapPost("/api/transform2x2", c => Transform2x2Endpoint.HandleAsync(c, options));
        // every GET endpoint answers HEAD too, as GET without the body (RFC 9110 9.3.2)
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        app.MapMethods("/api/health", getOrHead, c => HealthEndpoint.HandleAsync(c, sessions, runner, options));
        var assets = app.Services.GetRequiredService<StaticAssets>();
        foreach (var path in assets.Paths.Append("/"))
        {
            string served = path;
            app.MapMethods(served, getOrHead, c => assets.ServeAsync(c, served));
        }
        return app;
    }

    /// <summary>
    /// Builds and runs the server until <paramref name="cancellationToken"/> fires (or the process gets Ctrl+C), writing
    /// the page's address to <paramref name="log"/> (standard output by default). Throws <see cref="IOException"/>
    /// when the port is taken.
    /// </summary>
    public static async Task RunAsync(WebServerOptions options, CancellationToken cancellationToken, TextWriter? log = null)
    {
        await using var app = Build(options);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        (log ?? Console.Out).WriteLine($"Linea calculator at {BoundAddress(app)} (Ctrl+C to stop)");
        try
        {
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The address a started server listens on, with the real port when it was started with port 0, e.g. http://127.0.0.1:41234/.</summary>
    public static Uri BoundAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("the server is not started; call StartAsync first");
        return new Uri(first.EndsWith('/') ? first : first + "/");
    }

    /// <summary>
    /// Security headers on every response (a content security policy allowing only this origin, no sniffing, no framing)
    /// and, when bound to loopback, a Host check that refuses other host names (DNS-rebinding protection) with 400.
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> RequestGuards(WebServerOptions options) => (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (IPAddress.IsLoopback(options.Address) && !IsLoopbackHost(context.Request.Host.Host))
            throw new ApiError(StatusCodes.Status400BadRequest, "bad_request",
                $"host '{context.Request.Host.Host}' is not served; this server answers only localhost addresses");
        return next(context);
    };

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
