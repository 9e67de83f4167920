namespace Linea.Cli;

/// <summary>
/// Ctrl-C while a program runs: <see cref="Begin"/> opens an evaluation whose token <see cref="Fire"/> cancels, so the
/// calculator stops inside its loops and reports "evaluation was cancelled" instead of the process dying (or, in the
/// REPL, instead of the key being ignored). Outside an evaluation <see cref="Fire"/> does nothing and returns false,
/// so Ctrl-C keeps its usual meaning (the REPL's line editor abandons the line; elsewhere the process ends).
/// </summary>
public sealed class Interrupt
{
    private readonly Lock _lock = new();
    private CancellationTokenSource? _current;

    /// <summary>Called with true when an evaluation starts and false when it ends (the console hooks the terminal's Ctrl-C mode here).</summary>
    public Action<bool>? OnEvaluating { get; init; }

    /// <summary>Starts an evaluation; dispose the scope when it ends.</summary>
    public Scope Begin()
    {
        var cts = new CancellationTokenSource();
        lock (_lock) _current = cts;
        OnEvaluating?.Invoke(true);
        return new Scope(this, cts);
    }

    /// <summary>Cancels the running evaluation; false when none runs.</summary>
    public bool Fire()
    {
        lock (_lock)
        {
            if (_current is null) return false;
            _current.Cancel();
            return true;
        }
    }

    /// <summary>The process console: Ctrl-C (SIGINT) cancels a running evaluation; the REPL's raw key mode is lifted meanwhile so the key arrives as a signal.</summary>
    internal static Interrupt ForSystemConsole()
    {
        bool? treatAsInput = null;
        var interrupt = new Interrupt
        {
            OnEvaluating = evaluating =>
            {
                if (Console.IsInputRedirected) return;
                try
                {
                    if (evaluating)
                    {
                        treatAsInput = Console.TreatControlCAsInput;
                        Console.TreatControlCAsInput = false;
                    }
                    else if (treatAsInput is { } previous) Console.TreatControlCAsInput = previous;
                }
                catch (IOException) { /* no terminal after all */ }
            },
        };
        Console.CancelKeyPress += (_, e) =>
        {
            if (interrupt.Fire()) e.Cancel = true;
        };
        return interrupt;
    }

    /// <summary>One evaluation: its <see cref="Token"/>, and whether Ctrl-C stopped it.</summary>
    public sealed class Scope : IDisposable
    {
        private readonly Interrupt _owner;
        private readonly CancellationTokenSource _cts;

        internal Scope(Interrupt owner, CancellationTokenSource cts)
        {
            _owner = owner;
            _cts = cts;
        }

        /// <summary>Cancelled by <see cref="Interrupt.Fire"/>.</summary>
        public CancellationToken Token => _cts.Token;

        /// <summary>Whether Ctrl-C was pressed during this evaluation.</summary>
        public bool Fired => _cts.IsCancellationRequested;

        /// <summary>Ends the evaluation: Ctrl-C no longer reaches it.</summary>
        public void Dispose()
        {
            lock (_owner._lock)
                if (ReferenceEquals(_owner._current, _cts)) _owner._current = null;
            _owner.OnEvaluating?.Invoke(false);
            _cts.Dispose();
        }
    }
}
