using System.CommandLine;
using Linea.Calc;

namespace Linea.Cli;

/// <summary>
/// The <c>linea</c> command line: <c>linea</c> (REPL on a terminal, else the program on standard input),
/// <c>linea -e PROGRAM</c>, <c>linea script.lc</c>, with <c>--json</c> for one JSON object per result.
/// <c>linea serve</c> (the web calculator) is a subcommand, added in <see cref="BuildRoot"/>.
/// </summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/> and runs the command on <paramref name="io"/>; returns the exit status (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, ConsoleIO io)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(io);
        var root = BuildRoot(io);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) io.Error.WriteLine($"linea: {e.Message}");
            bool serve = parsed.CommandResult.Command.Name == "serve";
            io.Error.WriteLine(serve ? Linea.Web.ServeCommand.Usage : Usage);
            io.Error.WriteLine(serve ? "Try 'linea serve --help'." : "Try 'linea --help'.");
            return ExitCodes.UsageError;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = io.Out, Error = io.Error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>The one-line synopsis printed with every usage error.</summary>
    public const string Usage = "Usage: linea [--json] [--max-program-length N] [--plot-dir DIR] [-e PROGRAM]... [script | -]   or   linea serve [--port N] [--host ADDRESS]";

    /// <summary>
    /// The default of <c>--max-program-length</c>: 64 Mi characters, generous for local scripts with long literals
    /// (the web server keeps <see cref="CalcLimits.Shared"/>'s 100,000).
    /// </summary>
    public const int DefaultMaxProgramLength = 64 * 1024 * 1024;

    /// <summary>The root command with its options; subcommands go here.</summary>
    internal static RootCommand BuildRoot(ConsoleIO io)
    {
        var eval = new Option<string[]>("--eval", "-e")
        {
            Description = "Evaluate PROGRAM (statements separated by newlines or ';') and print each expression's value. May be repeated.",
            HelpName = "PROGRAM",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = new Option<bool>("--json") { Description = "Print each result as one JSON object per line." };
        var maxLength = new Option<int>("--max-program-length")
        {
            Description = $"The longest program accepted, in characters (default {DefaultMaxProgramLength:#,0}); longer input stops with an error instead of being read to its end.",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultMaxProgramLength,
        };
        maxLength.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--max-program-length must be a positive number of characters");
        });
        var plotDir = new Option<string?>("--plot-dir")
        {
            Description = "Write the PNG files of displayed plots (plot, scatter, heatmap, hist) into DIR, created if missing, as plot-1.png, plot-2.png, ... (default: the current directory); the path is printed with the result.",
            HelpName = "DIR",
        };
        var script = new Argument<string?>("script")
        {
            Description = "A program file to run (for example script.lc; - for standard input). Without -e or a script, a REPL starts on a terminal; otherwise the program is read from standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        script.Validators.Add(r =>
        {
            // an unknown option lands here as the script's name: refuse it as an option, not as an unreadable file
            if (r.GetValueOrDefault<string?>() is { Length: > 1 } name && name.StartsWith('-'))
                r.AddError($"unknown option '{name}' (a script whose name starts with '-' is written ./{name})");
        });
        var root = new RootCommand("linea: a matrix calculator with NumPy's vocabulary, exact fractions, shape checking and explanations.")
        {
            eval, json, maxLength, plotDir, script,
        };
        root.Subcommands.Add(ServeSubcommand.Build(io));
        ServeSubcommand.CustomizeHelp(root);
        root.SetAction(result =>
        {
            var programs = result.GetValue(eval) ?? [];
            string? file = result.GetValue(script);
            bool asJson = result.GetValue(json);
            var calc = new CalcOptions { Limits = CalcLimits.Default with { MaxProgramLength = result.GetValue(maxLength) } };
            var plots = result.GetValue(plotDir) is { Length: > 0 } dir ? new Output.PlotFiles(dir) : Output.PlotFiles.InCurrentDirectory();
            var output = new RunOptions(asJson, io, calc, plots);
            if (programs.Length > 0 && file is not null)
            {
                io.Error.WriteLine("linea: give either -e PROGRAM or a script file, not both");
                return ExitCodes.UsageError;
            }
            if (programs.Length > 0) return ProgramRunner.Run(string.Join("\n", programs), output);
            int max = calc.Limits.MaxProgramLength;
            if (file is not null && file != "-")
            {
                string? text;
                try
                {
                    using var reader = new StreamReader(file, detectEncodingFromByteOrderMarks: true);
                    text = ProgramRunner.ReadBounded(reader, max);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    io.Error.WriteLine($"linea: cannot read '{file}': {e.Message}");
                    return ExitCodes.UsageError;
                }
                return text is null ? ProgramRunner.TooLong($"the script '{file}'", output) : ProgramRunner.Run(text, output);
            }
            if (!io.InputIsTerminal || file == "-")
            {
                var text = ProgramRunner.ReadBounded(io.In, max);
                return text is null ? ProgramRunner.TooLong("the program on standard input", output) : ProgramRunner.Run(text, output);
            }
            var session = new CalcSession(calc);
            return new Repl.ReplLoop(session, Repl.LineReaders.For(io, session), Output.ResultWriters.For(io, asJson), io.Out)
            {
                Interrupt = io.Interrupt,
                Plots = plots,
            }.Run();
        });
        return root;
    }
}

/// <summary>How results are written: as JSON lines or as text, on <see cref="ConsoleIO"/>.</summary>
/// <param name="Json">One JSON object per result.</param>
/// <param name="IO">The streams.</param>
/// <param name="Calc">The calculator's options (limits).</param>
/// <param name="Plots">Where displayed plots are written as PNG files.</param>
internal sealed record RunOptions(bool Json, ConsoleIO IO, CalcOptions Calc, Output.PlotFiles Plots);
