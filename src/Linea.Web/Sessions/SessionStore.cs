using System.Collections.Concurrent;
using System.Security.Cryptography;
using Linea.Web.Evaluation;

namespace Linea.Web.Sessions;

/// <summary>
/// Calculator sessions keyed by an unguessable id the server issues (128 random bits, hex). A client that
/// sends an unknown or expired id gets a fresh session under a new id, so ids are never chosen by clients
/// and one client cannot reach another's variables. At most <c>maxSessions</c> are kept: idle ones past
/// the idle timeout go first, then the least recently used idle one. Lookup is O(1); eviction scans, O(n).
/// </summary>
internal sealed class SessionStore
{
    private readonly ConcurrentDictionary<string, SessionEntry> _sessions = new(StringComparer.Ordinal);
    private readonly ICalcEngine _engine;
    private readonly int _maxSessions;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeProvider _time;
    private readonly Lock _evictionLock = new();

    public SessionStore(ICalcEngine engine, int maxSessions, TimeSpan idleTimeout, TimeProvider time)
    {
        _engine = engine;
        _maxSessions = maxSessions;
        _idleTimeout = idleTimeout;
        _time = time;
    }

    /// <summary>Number of sessions currently kept.</summary>
    public int Count => _sessions.Count;

    /// <summary>Returns the live session with <paramref name="id"/>, or a new session under a new id when there is none.</summary>
    public SessionEntry GetOrCreate(string? id)
    {
        long now = _time.GetTimestamp();
        if (id is not null && _sessions.TryGetValue(id, out var existing) && !IsExpired(existing, now))
        {
            existing.Touch(now);
            return existing;
        }
        lock (_evictionLock)
        {
            MakeRoom(now);
            var entry = new SessionEntry(NewId(), _engine.CreateSession(), now);
            _sessions[entry.Id] = entry;
            return entry;
        }
    }

    private bool IsExpired(SessionEntry entry, long now) =>
        !entry.IsBusy && _time.GetElapsedTime(entry.LastUsed, now) > _idleTimeout;

    private void MakeRoom(long now)
    {
        foreach (var (key, entry) in _sessions)
            if (IsExpired(entry, now)) _sessions.TryRemove(key, out _);
        while (_sessions.Count >= _maxSessions)
        {
            SessionEntry? oldest = null;
            foreach (var entry in _sessions.Values)
                if (!entry.IsBusy && (oldest is null || entry.LastUsed < oldest.LastUsed)) oldest = entry;
            if (oldest is null) return; // every kept session is evaluating; the evaluation gate bounds how many that can be
            _sessions.TryRemove(oldest.Id, out _);
        }
    }

    /// <summary>Estimated bytes held by all kept sessions' variables.</summary>
    public long HeldBytes => _sessions.Values.Sum(e => e.HeldBytes);

    /// <summary>
    /// Drops least recently used idle sessions (never <paramref name="keep"/>) until all sessions together hold at most
    /// <paramref name="maxTotalBytes"/>. O(n) per dropped session.
    /// </summary>
    public void TrimTo(long maxTotalBytes, SessionEntry keep)
    {
        lock (_evictionLock)
        {
            long total = HeldBytes;
            while (total > maxTotalBytes)
            {
                SessionEntry? oldest = null;
                foreach (var entry in _sessions.Values)
                    if (entry != keep && !entry.IsBusy && entry.HeldBytes > 0 && (oldest is null || entry.LastUsed < oldest.LastUsed)) oldest = entry;
                if (oldest is null) return;
                _sessions.TryRemove(oldest.Id, out _);
                total -= oldest.HeldBytes;
            }
        }
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

/// <summary>One kept session: its calculator state, a lock so one evaluation runs at a time, and its last use.</summary>
internal sealed class SessionEntry
{
    private long _lastUsed;

    public SessionEntry(string id, ICalcSession session, long now)
    {
        Id = id;
        Session = session;
        _lastUsed = now;
    }

    /// <summary>The id clients send back in the <c>X-Linea-Session</c> header.</summary>
    public string Id { get; }

    /// <summary>The calculator state.</summary>
    public ICalcSession Session { get; }

    /// <summary>Held while an evaluation of this session runs (including one that outlived its request).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Whether an evaluation holds the session now.</summary>
    public bool IsBusy => Gate.CurrentCount == 0;

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) of the last request for this session.</summary>
    public long LastUsed => Interlocked.Read(ref _lastUsed);

    /// <summary>Estimated bytes the session's variables held after its last evaluation.</summary>
    public long HeldBytes { get; set; }

    /// <summary>Records a use at <paramref name="now"/>.</summary>
    public void Touch(long now) => Interlocked.Exchange(ref _lastUsed, now);
}
