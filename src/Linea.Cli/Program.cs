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
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        if (args.Length > 0 && args[0] == "serve") return Serve(args[1..]);
        return CliApp.Run(args, ConsoleIO.FromSystemConsole());
    }

    private static int Serve(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        return Linea.Web.ServeCommand.RunAsync(args, Console.Out, Console.Error, stop.Token).GetAwaiter().GetResult();
    }
}
