using Linea.Calc;
using Linea.Calc.Rendering;

namespace Linea.Cli;

/// <summary>Runs a whole program (from -e, a script file or standard input) and prints its results.</summary>
internal static class ProgramRunner
{
    /// <summary>Evaluates <paramref name="program"/> in a fresh session; values go to output, errors to output too (text) or as JSON lines. Returns the exit status.</summary>
    public static int Run(string program, RunOptions options)
    {
        var session = new CalcSession();
        var results = session.Evaluate(program);
        var io = options.IO;
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
        return results.Any(r => r.IsError) ? ExitCodes.EvaluationError : ExitCodes.Success;
    }
}
