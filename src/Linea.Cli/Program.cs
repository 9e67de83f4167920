namespace Linea.Cli;

/// <summary>Entry point of the <c>linea</c> command.</summary>
public static class Program
{
    /// <summary>
    /// Runs the command on the process's console and returns its exit status (0 ok, 1 evaluation error, 2 usage error).
    /// <c>linea serve [--port N] [--host ADDRESS]</c> starts the web calculator (Linea.Web) until Ctrl+C.
    /// </summary>
    public static int Main(string[] args)
    {
        IsaDispatch.ExecBestBuild(args); // the AVX2 or AVX-512 build of the AOT tool, where the CPU has it
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        return CliApp.Run(args, ConsoleIO.FromSystemConsole());
    }
}
