namespace Linea.Cli;

/// <summary>Entry point of the <c>linea</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command and returns its exit status.</summary>
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("linea: the calculator is not built yet");
        return 2;
    }
}
