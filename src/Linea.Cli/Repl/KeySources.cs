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
    private bool _configured;

    public ConsoleKeyInfo ReadKey()
    {
        // once: changing the terminal mode on every key can drop keys that arrived together (pasted text, escape sequences)
        if (!_configured)
        {
            Console.TreatControlCAsInput = true;
            _configured = true;
        }
        return Console.ReadKey(intercept: true);
    }
}
