using System.CommandLine;
using System.Globalization;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Linea.Web;

namespace Linea.Cli;

/// <summary>
/// <c>linea serve [--port N] [--host ADDRESS]</c>: the web calculator (Linea.Web) until Ctrl+C, as a System.CommandLine
/// subcommand so that it is listed by <c>linea --help</c> and answers <c>linea serve --help</c>.
/// </summary>
internal static class ServeSubcommand
{
    /// <summary>The subcommand with its options; running it starts the server on the process's console.</summary>
    public static Command Build(ConsoleIO io)
    {
        var defaults = new WebServerOptions();
        var port = new Option<int>("--port", "-p")
        {
            Description = $"The TCP port to listen on (default {defaults.Port}; 0 picks a free port).",
            HelpName = "N",
            DefaultValueFactory = _ => defaults.Port,
        };
        port.CustomParser = r =>
        {
            string text = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n <= 65535) return n;
            r.AddError($"--port needs a number from 0 to 65535, got '{text}'");
            return 0;
        };
        var host = new Option<string>("--host")
        {
            Description = $"The IP address to listen on (default {defaults.Address}; localhost is 127.0.0.1). Other addresses are reachable from other machines, and the calculator has no authentication.",
            HelpName = "ADDRESS",
            DefaultValueFactory = _ => defaults.Address.ToString(),
        };
        host.Validators.Add(r =>
        {
            string? text = r.GetValueOrDefault<string?>();
            if (!ServeCommand.TryParseAddress(text, out _))
                r.AddError($"--host needs an IP address such as 127.0.0.1, got '{text}'");
        });
        var serve = new Command("serve", "Start the web calculator on http://127.0.0.1:5080/ (until Ctrl+C).") { port, host };
        serve.SetAction(result =>
        {
            if (!ServeCommand.TryParseAddress(result.GetValue(host), out var address)) return ExitCodes.UsageError; // the validator refused it already
            var options = new WebServerOptions { ConsoleLogging = true, Port = result.GetValue(port), Address = address };
            return Run(options, io);
        });
        return serve;
    }

    /// <summary>
    /// Makes <paramref name="root"/>'s help show <c>linea serve [options]</c> and serve's options for the subcommand,
    /// without the root's script argument (which System.CommandLine would otherwise list, as a parent's argument, under serve).
    /// </summary>
    public static void CustomizeHelp(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is SynchronousCommandLineAction standard) help.Action = new ServeHelpAction(standard);
    }

    /// <summary>Serve's own help text; any other command's help goes to System.CommandLine's.</summary>
    private sealed class ServeHelpAction(SynchronousCommandLineAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var command = parseResult.CommandResult.Command;
            if (command.Name != "serve") return standard.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Description:");
            output.WriteLine($"  {command.Description}");
            output.WriteLine();
            output.WriteLine("Usage:");
            output.WriteLine("  linea serve [options]");
            output.WriteLine();
            output.WriteLine("Options:");
            var rows = command.Options.Concat(parseResult.RootCommandResult.Command.Options.Where(o => o is HelpOption))
                .Select(o => (Name: string.Join(", ", o.Aliases.Append(o.Name).Where(n => !n.StartsWith('/')).Distinct().OrderBy(n => n.Length))
                    + (o is HelpOption ? "" : $" <{o.HelpName}>"), o.Description))
                .ToList();
            int width = rows.Max(r => r.Name.Length) + 2;
            foreach (var (name, description) in rows) output.WriteLine($"  {name.PadRight(width)}{description}");
            output.WriteLine();
            return ExitCodes.Success;
        }
    }

    private static int Run(WebServerOptions options, ConsoleIO io)
    {
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return ServeCommand.RunAsync(options, io.Out, io.Error, stop.Token).GetAwaiter().GetResult();
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
