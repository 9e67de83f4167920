using System.Numerics;
using System.Runtime.CompilerServices;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// The second thread of the multishift QR iteration (<see cref="Hseqr"/> with Schur vectors on two or more threads). It
/// takes two kinds of work from thread 0, which chases the bulges and deflates:
/// <list type="bullet">
/// <item>The updates Z := Z U of the Schur vectors (one orthogonal U per sweep slab, <see cref="Laqr5"/>, and per
/// deflation window, <see cref="Laqr3"/>). Nothing in the iteration reads Z, so they are queued: only their order
/// matters, and each row of Z is updated independently. Z's rows are cut into a few chunks; each chunk records how many
/// updates it has had and is claimed by one thread at a time (compare-and-swap), which applies every update posted
/// since, in order. Thread 0 posts (U is copied into one of <see cref="Slots"/> ring slots; when all are in use it
/// applies pending updates itself) and at the end drains the queue together with the worker.</item>
/// <item>Half of each update of H outside the window (<see cref="Product"/>), which the next step does read: thread 0
/// offers one half, computes the other, and then either takes its offer back (the worker was busy) or waits for the
/// worker to finish it. The worker looks for an offer between any two Z updates.</item>
/// </list>
/// Every product runs on one thread by GEMM into scratch and is copied back; which thread computed a block never
/// changes its arithmetic. Memory: the slots (at most 4 U blocks) and one scratch block per thread. The caller keeps H,
/// Z and every view it passes pinned while the worker may use them (Z for the worker's lifetime, a product's operands
/// until <see cref="Product"/> returns).
/// </summary>
internal sealed unsafe class QrIterationWorker<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Slots = 4;
    private const int Pad = 16;               // ints between two chunks' counters (64 bytes)
    private const long MinOfferedWork = 1L << 18; // multiply-adds below which a product is not split
    private const int None = 0, Offered = 1, Taken = 2, Finished = 3;

    private readonly T* _z;                   // Z(iloz, 0)
    private readonly long _ldz;
    private readonly int _rows, _cols, _chunks;
    private readonly T[][] _u = new T[Slots][];
    private readonly int[] _col = new int[Slots], _order = new int[Slots];
    private readonly int[] _done, _claim;
    private readonly T[][] _scratch = new T[2][];
    private int _posted;
    private volatile bool _closed, _abandoned;

    private volatile int _offer;
    private Raw _oa, _ob, _oc;
    private Exception? _offerError;

    /// <summary>
    /// A worker for the rows iloz..ihiz of the column-major Z at <paramref name="z"/> (leading dimension
    /// <paramref name="ldz"/>, <paramref name="cols"/> columns), pinned by the caller until the worker is drained or
    /// abandoned.
    /// </summary>
    public QrIterationWorker(T* z, long ldz, int cols, int iloz, int ihiz)
    {
        _rows = ihiz - iloz + 1;
        _z = z + iloz;
        _ldz = ldz;
        _cols = cols;
        _chunks = Math.Clamp(_rows / 192, 2, 8);
        _done = new int[_chunks * Pad];
        _claim = new int[_chunks * Pad];
    }

    /// <summary>
    /// Thread 0: queues Z(:, col:col+k) := Z(:, col:col+k) U for the k x k view <paramref name="u"/> (copied, so the
    /// caller may overwrite it at once).
    /// </summary>
    public void Post(in MatrixView<T> u, int col)
    {
        int t = _posted, slot = t % Slots, k = checked((int)u.Rows);
        var spin = new SpinWait();
        while (MinDone() <= t - Slots)
            if (!HelpOnce(0)) spin.SpinOnce(sleep1Threshold: -1);
        if (_u[slot] is null || _u[slot].Length < k * k) _u[slot] = new T[k * k];
        EigenGemm.CopyInto(u, MatrixView<T>.ColumnMajor(_u[slot], 0, k, k, k));
        _col[slot] = col;
        _order[slot] = k;
        Volatile.Write(ref _posted, t + 1);
    }

    /// <summary>
    /// Thread 0: c := a b (c may share storage with b when split by columns, or with a when split by rows: each half
    /// reads only its own columns of b, or rows of a), split in two halves of c's columns (<paramref name="byColumns"/>)
    /// or rows, one offered to the worker. <paramref name="scratch"/> holds at least c's size. O(m n k).
    /// </summary>
    public void Product(in MatrixView<T> a, in MatrixView<T> b, in MatrixView<T> c, bool byColumns, T[] scratch)
    {
        long m = c.Rows, n = c.Cols, k = a.Cols;
        if (m <= 0 || n <= 0) return;
        long half = byColumns ? n / 2 : m / 2;
        if (half == 0 || m * n * k < 2 * MinOfferedWork)
        {
            Multiply(a, b, c, scratch);
            return;
        }
        fixed (T* pa = &a.Origin, pb = &b.Origin, pc = &c.Origin)
        {
            if (byColumns)
            {
                _oa = Raw.Of(a);
                _ob = Raw.Of(b.Block(0, half, b.Rows, n - half));
                _oc = Raw.Of(c.Block(0, half, m, n - half));
            }
            else
            {
                _oa = Raw.Of(a.Block(half, 0, m - half, k));
                _ob = Raw.Of(b);
                _oc = Raw.Of(c.Block(half, 0, m - half, n));
            }
            _offer = Offered;
            bool reclaimed;
            try
            {
                if (byColumns) Multiply(a, b.Block(0, 0, b.Rows, half), c.Block(0, 0, m, half), scratch);
                else Multiply(a.Block(0, 0, half, k), b, c.Block(0, 0, half, n), scratch);
            }
            finally
            {
                // Never leave the pins while the worker may still read through them.
                reclaimed = Interlocked.CompareExchange(ref _offer, None, Offered) == Offered;
                if (!reclaimed)
                {
                    var spin = new SpinWait();
                    while (_offer != Finished) spin.SpinOnce(sleep1Threshold: -1);
                    _offer = None;
                }
            }
            if (_offerError is { } error) { _offerError = null; throw new AggregateException(error); }
            if (reclaimed) Multiply(_oa.View, _ob.View, _oc.View, scratch);
        }
    }

    /// <summary>The second thread: serves offers and applies Z updates until thread 0 has drained or abandoned the worker.</summary>
    public void Work()
    {
        var spin = new SpinWait();
        while (!_abandoned)
        {
            if (ServeOffer() || HelpOnce(1)) { spin = new SpinWait(); continue; }
            if (_closed && MinDone() >= Volatile.Read(ref _posted)) return;
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Thread 0, at the end: applies the Z updates still pending, with the worker, and waits until Z is complete.</summary>
    public void Drain()
    {
        _closed = true;
        var spin = new SpinWait();
        while (MinDone() < _posted)
            if (!HelpOnce(0)) spin.SpinOnce(sleep1Threshold: -1);
    }

    /// <summary>Thread 0, on an exception: stops the worker without finishing Z.</summary>
    public void Abandon() => _abandoned = true;

    private bool ServeOffer()
    {
        if (_offer != Offered || Interlocked.CompareExchange(ref _offer, Taken, Offered) != Offered) return false;
        try { Multiply(_oa.View, _ob.View, _oc.View, Scratch(1, _oc.Rows * _oc.Cols)); }
        catch (Exception e) { _offerError = e; }
        finally { _offer = Finished; } // thread 0 waits for this whatever happened
        return true;
    }

    private int MinDone()
    {
        int m = int.MaxValue;
        for (int c = 0; c < _chunks; c++) m = Math.Min(m, Volatile.Read(ref _done[c * Pad]));
        return m;
    }

    /// <summary>Claims one chunk that is behind and brings it up to date; false when none could be claimed.</summary>
    private bool HelpOnce(int tid)
    {
        int posted = Volatile.Read(ref _posted);
        for (int i = 0; i < _chunks; i++)
        {
            int c = tid == 0 ? i : _chunks - 1 - i; // the two threads start from opposite ends
            ref int done = ref _done[c * Pad];
            if (Volatile.Read(ref done) >= posted) continue;
            ref int claim = ref _claim[c * Pad];
            if (Interlocked.CompareExchange(ref claim, 1, 0) != 0) continue;
            try
            {
                for (int t = Volatile.Read(ref done); t < posted && !_abandoned; t++)
                {
                    Apply(tid, c, t % Slots);
                    Volatile.Write(ref done, t + 1);
                    if (tid != 0) ServeOffer();
                }
            }
            finally { Volatile.Write(ref claim, 0); }
            return true;
        }
        return false;
    }

    private void Apply(int tid, int chunk, int slot)
    {
        int r0 = (int)((long)_rows * chunk / _chunks), r1 = (int)((long)_rows * (chunk + 1) / _chunks);
        int rows = r1 - r0, k = _order[slot];
        if (rows <= 0) return;
        var zb = new MatrixView<T>(ref Unsafe.AsRef<T>(_z), _rows, _cols, 1, _ldz).Block(r0, _col[slot], rows, k);
        Multiply(zb, MatrixView<T>.ColumnMajor(_u[slot], 0, k, k, k), zb, Scratch(tid, (long)rows * k));
    }

    private T[] Scratch(int tid, long size)
    {
        var s = _scratch[tid];
        if (s is null || s.Length < size) _scratch[tid] = s = new T[size];
        return s;
    }

    /// <summary>c := a b on this thread, through <paramref name="scratch"/> (c column-contiguous).</summary>
    private static void Multiply(in MatrixView<T> a, in MatrixView<T> b, in MatrixView<T> c, T[] scratch) =>
        EigenGemm.Overwrite(a, b, c, scratch, Parallelism.None);

    /// <summary>A view's address and shape, for the other thread (the storage is pinned by thread 0).</summary>
    private readonly struct Raw(T* p, long rows, long cols, long rowStride, long colStride)
    {
        public static Raw Of(in MatrixView<T> v) => new((T*)Unsafe.AsPointer(ref v.Origin), v.Rows, v.Cols, v.RowStride, v.ColStride);

        public long Rows => rows;
        public long Cols => cols;
        public MatrixView<T> View => new(ref Unsafe.AsRef<T>(p), rows, cols, rowStride, colStride);
    }
}
