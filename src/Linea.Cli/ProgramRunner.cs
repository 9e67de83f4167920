using System.Text;
using System.Text.RegularExpressions;
using Linea.Calc;
using Linea.Calc.Rendering;

namespace Linea.Cli;

/// <summary>Runs a whole program (from -e, a script file or standard input) and prints its results.</summary>
internal static partial class ProgramRunner
{
    /// <summary>
    /// Evaluates <paramref name="program"/> in a fresh session; values go to output, errors to the error stream (text)
    /// or as JSON lines. <c>exit</c> or <c>quit</c> (optionally <c>exit()</c>, <c>exit(N)</c>) as a line of its own or as
    /// the last statement of a line (<c>1; exit</c>) ends the program there, with status N (default 0) when everything before it ran. Ctrl-C stops the evaluation with
    /// status 130. Returns the exit status.
    /// </summary>
    public static int Run(string program, RunOptions options)
    {
        var io = options.IO;
        int? exitCode = null;
        if (FindExit(program) is { } stop)
        {
            program = program[..stop.Offset];
            exitCode = stop.Code;
        }
        var session = new CalcSession(options.Calc);
        IReadOnlyList<StatementResult> results;
        bool interrupted = false;
        if (io.Interrupt is { } interrupt)
        {
            using var scope = interrupt.Begin();
            results = session.Evaluate(program, scope.Token);
            interrupted = scope.Fired;
        }
        else results = session.Evaluate(program);
        Write(results, program, options);
        if (interrupted && results.Any(r => r.IsError)) return ExitCodes.Interrupted;
        if (results.Any(r => r.IsError)) return ExitCodes.EvaluationError;
        return exitCode ?? ExitCodes.Success;
    }

    /// <summary>Writes results as <see cref="Run"/> does (also used for an error found before evaluation); plots go to PNG files first.</summary>
    public static void Write(IReadOnlyList<StatementResult> results, string program, RunOptions options)
    {
        var io = options.IO;
        results = options.Plots.Write(results);
        if (options.Json)
        {
            io.Out.Write(JsonRenderer.Render(results));
        }
        else
        {
            var writer = Output.ResultWriters.For(io, json: false);
            foreach (var r in results)
            {
                if (r.IsError) continue;
                writer.Write(r, program);
            }
            var error = results.FirstOrDefault(r => r.IsError);
            if (error is not null)
            {
                foreach (var w in error.Warnings) io.Error.WriteLine($"warning: {w}");
                io.Error.WriteLine(TextRenderer.Error(error.Error!, program));
            }
        }
        io.Out.Flush();
    }

    /// <summary>
    /// Reads at most <paramref name="maxLength"/> characters from <paramref name="reader"/>; null when there are more
    /// (so an endless input such as <c>yes 1 | linea</c> or <c>/dev/zero</c> stops at the limit instead of filling memory).
    /// </summary>
    public static string? ReadBounded(TextReader reader, int maxLength)
    {
        var sb = new StringBuilder();
        var buffer = new char[64 * 1024];
        while (true)
        {
            int n = reader.Read(buffer, 0, buffer.Length);
            if (n == 0) return sb.ToString();
            if ((long)sb.Length + n > maxLength) return null;
            sb.Append(buffer, 0, n);
        }
    }

    /// <summary>The error for a program beyond the length limit, written like any evaluation error; returns status 1.</summary>
    public static int TooLong(string where, RunOptions options)
    {
        var error = new CalcLimitException(
            $"{where} is longer than the limit of {options.Calc.Limits.MaxProgramLength:#,0} characters (MaxProgramLength)")
        { Hint = "raise the limit with --max-program-length N" };
        Write([new StatementResult { Line = 1, Source = "", Kind = ResultKind.Error, Error = error }], "", options);
        return ExitCodes.EvaluationError;
    }

    [GeneratedRegex(@"(?:^|(?<=;))[ \t]*(?:exit|quit)[ \t]*(?:\([ \t]*(?<code>\d{1,3})?[ \t]*\))?[ \t]*;?[ \t]*(?:#.*)?\r?$", RegexOptions.Multiline)]
    private static partial Regex ExitLine();

    /// <summary>
    /// The offset of the first exit/quit that ends a line, alone or as the last statement after a <c>;</c> (outside any
    /// open bracket), with its status.
    /// </summary>
    private static (int Offset, int Code)? FindExit(string program)
    {
        foreach (Match m in ExitLine().Matches(program))
        {
            if (Lexer(program[..m.Index]) > 0) continue;
            int code = m.Groups["code"].Success ? Math.Min(255, int.Parse(m.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture)) : 0;
            return (m.Index, code);
        }
        return null;
    }

    private static int Lexer(string text) => Linea.Calc.Lexing.Lexer.OpenBracketDepth(text);
}
