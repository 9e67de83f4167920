namespace Linea.Web.Evaluation;

/// <summary>
/// Watches the managed heap for the evaluation runner. Calculator programs can make large short-lived arrays faster
/// than the GC's own schedule collects them (a 300x300 product is a 720 KB large-object allocation), so the raw heap
/// size is mostly garbage. Above <c>collectAboveBytes</c> the guard forces a full collection, at most once per
/// <c>minInterval</c>, and reports "over budget" only when the heap is still above <c>maxLiveBytes</c> right after
/// one: running evaluations are then cancelled. This keeps the process's memory near <c>collectAboveBytes</c> under
/// load and never cancels an evaluation because of garbage. Thread-safe.
/// </summary>
internal sealed class HeapGuard
{
    private readonly long _collectAboveBytes;
    private readonly long _maxLiveBytes;
    private readonly TimeSpan _minInterval;
    private readonly Func<long> _heapBytes;
    private readonly Action _collect;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private long _lastCollection;
    private bool _collectedOnce;

    public HeapGuard(long collectAboveBytes, long maxLiveBytes, TimeSpan minInterval, Func<long>? heapBytes = null, Action? collect = null, TimeProvider? time = null)
    {
        _collectAboveBytes = collectAboveBytes;
        _maxLiveBytes = maxLiveBytes;
        _minInterval = minInterval;
        _heapBytes = heapBytes ?? (() => GC.GetTotalMemory(forceFullCollection: false));
        _collect = collect ?? (() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Full collections this guard forced.</summary>
    public int Collections { get; private set; }

    /// <summary>True when the heap is above the live budget right after a forced collection. O(1) unless it collects.</summary>
    public bool IsOverBudget()
    {
        if (_heapBytes() <= _collectAboveBytes) return false;
        lock (_lock)
        {
            long now = _time.GetTimestamp();
            if (_collectedOnce && _time.GetElapsedTime(_lastCollection, now) < _minInterval) return false;
            _collect();
            Collections++;
            _collectedOnce = true;
            _lastCollection = _time.GetTimestamp();
            return _heapBytes() > _maxLiveBytes;
        }
    }
}
