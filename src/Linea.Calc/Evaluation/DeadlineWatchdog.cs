using System.Diagnostics;

namespace Linea.Calc.Evaluation;

/// <summary>
/// Cancels token sources when their deadline passes, from one dedicated background thread. A
/// <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> timer fires on the thread pool, which the multithreaded
/// kernels can keep busy for seconds (the pool adds threads slowly when starved), so a time limit built on it would
/// fire late exactly when the machine is loaded; this thread is not a pool thread and wakes at the earliest deadline.
/// </summary>
internal static class DeadlineWatchdog
{
    private static readonly object s_gate = new();
    private static readonly PriorityQueue<CancellationTokenSource, long> s_pending = new();
    private static Thread? s_thread;

    /// <summary>Cancels <paramref name="source"/> once <paramref name="timeout"/> has passed (unless it was disposed first).</summary>
    public static void CancelAfter(CancellationTokenSource source, TimeSpan timeout)
    {
        long due = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        lock (s_gate)
        {
            s_pending.Enqueue(source, due);
            if (s_thread is null)
            {
                s_thread = new Thread(Run) { IsBackground = true, Name = "Linea.Calc deadlines" };
                s_thread.Start();
            }
            Monitor.Pulse(s_gate);
        }
    }

    private static void Run()
    {
        while (true)
        {
            CancellationTokenSource source;
            lock (s_gate)
            {
                if (!s_pending.TryPeek(out source!, out long due))
                {
                    Monitor.Wait(s_gate);
                    continue;
                }
                long wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    Monitor.Wait(s_gate, TimeSpan.FromSeconds(Math.Min((double)wait / Stopwatch.Frequency, 3600)));
                    continue;
                }
                s_pending.Dequeue();
            }
            try { source.Cancel(); } // outside the lock: cancellation runs the token's callbacks
            catch (ObjectDisposedException) { } // the evaluation ended first
        }
    }
}
