using System.CommandLine;
using Linea.Calc;

namespace Linea.Cli;

/// <summary>
/// The <c>linea</c> command line: <c>linea</c> (REPL on a terminal, else the program on standard input),
/// <c>linea -e PROGRAM</c>, <c>linea script.lc</c>, with <c>--json</c> for one JSON object per result.
/// Subcommands (such as a future <c>serve</c>) are added in <see cref="BuildRoot"/>.
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
            io.Error.WriteLine("Try 'linea --help'.");
            return ExitCodes.UsageError;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = io.Out, Error = io.Error, EnableDefaultExceptionHandler = false });
    }

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
        var script = new Argument<string?>("script")
        {
            Description = "A program file to run (for example script.lc). Without -e or a script, a REPL starts on a terminal; otherwise the program is read from standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var root = new RootCommand("linea: a matrix calculator with NumPy's vocabulary, exact fractions, shape checking and explanations.")
        {
            eval, json, script,
        };
        root.SetAction(result =>
        {
            var programs = result.GetValue(eval) ?? [];
            string? file = result.GetValue(script);
            bool asJson = result.GetValue(json);
            var output = new RunOptions(asJson, io);
            if (programs.Length > 0 && file is not null)
            {
                io.Error.WriteLine("linea: give either -e PROGRAM or a script file, not both");
                return ExitCodes.UsageError;
            }
            if (programs.Length > 0) return ProgramRunner.Run(string.Join("\n", programs), output);
            if (file is not null)
            {
                string text;
                try { text = File.ReadAllText(file); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    io.Error.WriteLine($"linea: cannot read '{file}': {e.Message}");
                    return ExitCodes.UsageError;
                }
                return ProgramRunner.Run(text, output);
            }
            if (!io.InputIsTerminal) return ProgramRunner.Run(io.In.ReadToEnd(), output);
            return new Repl.ReplLoop(new CalcSession(), Repl.LineReaders.For(io), Output.ResultWriters.For(io, asJson), io.Out).Run();
        });
        return root;
    }
}

/// <summary>How results are written: as JSON lines or as text, on <see cref="ConsoleIO"/>.</summary>
/// <param name="Json">One JSON object per result.</param>
/// <param name="IO">The streams.</param>
internal sealed record RunOptions(bool Json, ConsoleIO IO);
