using System.Globalization;
using System.Net;

namespace Linea.Web;

/// <summary>
/// The <c>linea serve [--port N] [--host ADDRESS]</c> command, ready for the CLI to call with the arguments after
/// "serve": parses them, runs the server until cancelled (or Ctrl+C), and returns the process exit status
/// (0 after a clean stop, 1 when the port cannot be bound, 2 for bad arguments).
/// </summary>
public static class ServeCommand
{
    /// <summary>One line of usage text.</summary>
    public const string Usage = "usage: linea serve [--port N] [--host ADDRESS]   (default 127.0.0.1:5080; --port 0 picks a free port)";

    /// <summary>
    /// Parses <paramref name="args"/> into options (defaults of <see cref="WebServerOptions"/>, console logging on).
    /// Returns null and writes the reason to <paramref name="error"/> for an unknown option or a bad value.
    /// </summary>
    public static WebServerOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var options = new WebServerOptions { ConsoleLogging = true };
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? value = i + 1 < args.Count ? args[i + 1] : null;
            switch (arg)
            {
                case "--port" or "-p":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
                        return Fail(error, $"linea serve: --port needs a number from 0 to 65535, got '{value}'");
                    options = options with { Port = port };
                    i++;
                    break;
                case "--host":
                    if (!TryParseAddress(value, out var address))
                        return Fail(error, $"linea serve: --host needs an IP address such as 127.0.0.1, got '{value}'");
                    options = options with { Address = address };
                    i++;
                    break;
                case "--help" or "-h":
                    return Fail(error, Usage);
                default:
                    return Fail(error, $"linea serve: unknown option '{arg}'");
            }
        }
        return options;
    }

    /// <summary>
    /// Reads the value of <c>--host</c>: an IPv4 or IPv6 address, or <c>localhost</c> (127.0.0.1).
    /// Returns false (and <see cref="IPAddress.None"/>) for null or anything else.
    /// </summary>
    public static bool TryParseAddress(string? text, out IPAddress address)
    {
        if (text is not null && IPAddress.TryParse(text == "localhost" ? "127.0.0.1" : text, out var parsed))
        {
            address = parsed;
            return true;
        }
        address = IPAddress.None;
        return false;
    }

    /// <summary>Parses <paramref name="args"/> and runs the server until <paramref name="cancellationToken"/> fires or Ctrl+C; returns the exit status.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var options = Parse(args, error);
        return options is null ? Task.FromResult(2) : RunAsync(options, output, error, cancellationToken);
    }

    /// <summary>
    /// Runs the server with parsed <paramref name="options"/> until <paramref name="cancellationToken"/> fires; returns the
    /// exit status (0 after a clean stop, 1 when the port cannot be bound). Warns on <paramref name="error"/> when the
    /// address is not a loopback one.
    /// </summary>
    public static async Task<int> RunAsync(WebServerOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!IPAddress.IsLoopback(options.Address))
            error.WriteLine($"linea serve: warning: listening on {options.Address}, reachable from other machines; the calculator has no authentication");
        try
        {
            await LineaWebServer.RunAsync(options, cancellationToken, output).ConfigureAwait(false);
            return 0;
        }
        catch (IOException e)
        {
            error.WriteLine($"linea serve: cannot listen on {options.Address}:{options.Port}: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
    }

    private static WebServerOptions? Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        if (message != Usage) error.WriteLine(Usage);
        return null;
    }
}
