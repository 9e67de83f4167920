namespace Linea.Kernels.Threading;

/// <summary>
/// Hands out the tasks of many short rounds (a panel's columns) to the threads of one <see cref="WorkerPool"/> job
/// without a barrier: thread 0 opens each round, every thread claims the tasks of its own home range in order and then
/// the next unclaimed tasks of the other ranges, and thread 0 waits only until every task of the round is done. A thread
/// that is late (not yet started, or descheduled by the host) therefore costs at most the one task it is inside, where a
/// barrier would make the others wait for all of its share. Which thread ran a task never changes what the task
/// computes, so a job whose tasks write separate outputs gives the same bits however the claims fall (a solo run on
/// one thread included). Each home range is one 64-bit word holding the round, the next task and the end of the range,
/// claimed by compare-and-swap, so a claim made with a stale round fails instead of taking a task of a later round.
/// Homes lie 128 bytes apart. Nothing is allocated per round.
/// </summary>
internal sealed class RoundClaims
{
    private const int Stride = 16;                 // longs between two homes' words (128 bytes)
    private const int IndexBits = 20;
    private const long IndexMask = (1L << IndexBits) - 1;
    private readonly long[] _words;
    private int _done;
    private volatile int _round;
    private volatile bool _closed;

    /// <summary>Claims over <paramref name="homes"/> home ranges (one per requested thread).</summary>
    public RoundClaims(int homes)
    {
        Homes = Math.Max(homes, 1);
        _words = new long[Homes * Stride];
    }

    /// <summary>The number of home ranges.</summary>
    public int Homes { get; }

    /// <summary>The most recently opened round (0 before the first).</summary>
    public int Round => _round;

    /// <summary>True once thread 0 has ended the job's rounds.</summary>
    public bool Closed => _closed;

    /// <summary>
    /// Thread 0: opens round <paramref name="round"/> (greater than every earlier one, below 2^23) of
    /// <paramref name="tasks"/> tasks (below 2^20), home h getting the tasks [homeStart(h), homeStart(h + 1)) with
    /// homeStart(0) = 0 and homeStart(Homes) = tasks. The previous round must be complete (<see cref="WaitDone"/>).
    /// </summary>
    public void Open(int round, int tasks, Func<int, int, int> homeStart)
    {
        _done = 0;
        for (int h = 0; h < Homes; h++)
        {
            long start = h == 0 ? 0 : homeStart(h, tasks), end = h == Homes - 1 ? tasks : homeStart(h + 1, tasks);
            Volatile.Write(ref _words[h * Stride], ((long)round << (2 * IndexBits)) | (start << IndexBits) | end);
        }
        _round = round;
    }

    /// <summary>
    /// Claims the next task of round <paramref name="round"/> for thread <paramref name="tid"/>: its own home's next task,
    /// else another home's (in the order tid + 1, tid + 2, ... around). False when every task of the round is claimed
    /// or the round is no longer the open one.
    /// </summary>
    public bool TryClaim(int round, int tid, out int task)
    {
        for (int i = 0; i < Homes; i++)
        {
            ref long word = ref _words[(tid + i) % Homes * Stride];
            while (true)
            {
                long s = Volatile.Read(ref word);
                if ((int)(s >> (2 * IndexBits)) != round) break;
                long next = (s >> IndexBits) & IndexMask, end = s & IndexMask;
                if (next >= end) break;
                if (Interlocked.CompareExchange(ref word, s + (1L << IndexBits), s) == s) { task = (int)next; return true; }
            }
        }
        task = -1;
        return false;
    }

    /// <summary>A thread other than 0: records that it finished one claimed task (its outputs written before this).</summary>
    public void MarkDone() => Interlocked.Increment(ref _done);

    /// <summary>Thread 0: waits until the other threads have finished all the tasks they claimed, <paramref name="othersTasks"/> in all.</summary>
    public void WaitDone(int othersTasks)
    {
        if (Volatile.Read(ref _done) == othersTasks) return;
        var sw = new SpinWait();
        while (Volatile.Read(ref _done) != othersTasks) sw.SpinOnce(sleep1Threshold: -1);
    }

    /// <summary>A thread other than 0: waits for a round after <paramref name="last"/> to open; false when the rounds have ended instead.</summary>
    public bool WaitForRoundAfter(int last, out int round)
    {
        var sw = new SpinWait();
        while (true)
        {
            round = _round;
            if (round > last) return true;
            if (_closed) return false;
            sw.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Thread 0: ends the rounds, releasing the threads waiting for one.</summary>
    public void Close() => _closed = true;
}
