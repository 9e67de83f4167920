using Linea.Cli;

namespace Linea.Cli.Tests;

/// <summary>Runs the command in-process on string streams.</summary>
internal static class Cli
{
    public static (int Exit, string Out, string Err) Run(string[] args, string stdin = "", bool inputIsTerminal = false)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var io = new ConsoleIO(new StringReader(stdin), output, error, inputIsTerminal, OutputIsTerminal: false);
        int exit = CliApp.Run(args, io);
        return (exit, output.ToString(), error.ToString());
    }
}
