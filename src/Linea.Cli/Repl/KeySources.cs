namespace Linea.Cli.Repl;

/// <summary>Where the line editor gets keys from (the console, or a scripted sequence in tests).</summary>
public interface IKeySource
{
    /// <summary>The next key, without echoing it.</summary>
    ConsoleKeyInfo ReadKey();
}

/// <summary>Keys from <see cref="Console.ReadKey(bool)"/>, with Ctrl-C delivered as a key rather than a signal.</summary>
internal sealed class SystemConsoleKeys : IKeySource
{
    public ConsoleKeyInfo ReadKey()
    {
        Console.TreatControlCAsInput = true;
        return Console.ReadKey(intercept: true);
    }
}
