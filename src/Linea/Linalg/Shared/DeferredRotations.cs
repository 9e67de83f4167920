using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using Linea.Kernels;
using Linea.Kernels.Threading;

namespace Linea;

/// <summary>
/// Plane rotations on the columns of a column-major matrix (rows x cols, a pinned view with row stride 1 and any
/// column stride), recorded in order and applied in batches: the tridiagonal and bidiagonal QR iterations (steqr,
/// bdsqr) produce one rotation per step, and
/// applying each at once streams the whole eigenvector matrix through memory once per sweep. Each row of the product
/// depends only on the same row of the input, so a batch is applied panel by panel of rows: a panel of the matrix
/// stays in the L2 cache while every recorded rotation passes over it, and panels run on separate threads. The
/// arithmetic per element is exactly that of applying the rotations one by one, in the same order, so results are
/// bitwise those of the unbatched loop. The record buffers (64 rotations per column, at least 1,024) are rented from
/// the shared array pools and given back by <see cref="Dispose"/>: the divide-and-conquer SVD runs one such QR
/// iteration per leaf and per factor, which allocated 270 KB per 100 x 100 SVD before.
/// </summary>
internal sealed unsafe class DeferredRotations<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rotations recorded per column before a flush: each panel is reused this many times per flush on average.</summary>
    private const int RotationsPerColumn = 64;

    /// <summary>Element-rotations below which a flush runs on one thread.</summary>
    private const long ParallelMinWork = 1L << 18;

    private readonly T* _origin;
    private readonly int _rows;
    private readonly nint _ld;
    private int[] _col;
    private T[] _c;
    private T[] _s;
    private readonly int _capacity;
    private readonly Parallelism _parallelism;
    private int _count;

    /// <summary>
    /// Records rotations for the column-major view <paramref name="a"/> (row stride 1, any column stride), which the
    /// caller keeps pinned (or native) while this object is used; flushes use up to <paramref name="parallelism"/> threads.
    /// </summary>
    public DeferredRotations(MatrixAddress<T> a, Parallelism parallelism) : this(checked((int)a.Rows), checked((int)a.Cols), parallelism)
    {
        System.Diagnostics.Debug.Assert(a.RowStride == 1 || a.Rows <= 1);
        _origin = a.Origin;
        _ld = (nint)a.ColStride;
    }

    private DeferredRotations(int rows, int cols, Parallelism parallelism)
    {
        _parallelism = parallelism;
        _rows = rows;
        _capacity = Math.Max(RotationsPerColumn * Math.Max(cols, 1), 1024);
        _col = ArrayPool<int>.Shared.Rent(_capacity);
        _c = ArrayPool<T>.Shared.Rent(_capacity);
        _s = ArrayPool<T>.Shared.Rent(_capacity);
    }

    /// <summary>Gives the record buffers back to the pools (after the last <see cref="Flush"/>; recorded rotations not
    /// flushed are dropped). Idempotent.</summary>
    public void Dispose()
    {
        if (_col.Length == 0) return;
        ArrayPool<int>.Shared.Return(_col);
        ArrayPool<T>.Shared.Return(_c);
        ArrayPool<T>.Shared.Return(_s);
        _col = [];
        _c = [];
        _s = [];
        _count = 0;
    }

    /// <summary>
    /// Records (column j, column j + 1) := (c x + s y, c y - s x) for x, y the current columns j and j + 1 (the
    /// convention of <see cref="Givens.Rotate{T}"/>). Identity rotations are dropped. Flushes when the buffer is full.
    /// </summary>
    public void Rotate(int j, T c, T s)
    {
        if (c == T.One && s == T.Zero) return;
        _col[_count] = j;
        _c[_count] = c;
        _s[_count] = s;
        if (++_count == _capacity) Flush();
    }

    /// <summary>Applies every recorded rotation in order and empties the buffer. Call before reading or changing the matrix.</summary>
    public void Flush()
    {
        int count = _count;
        _count = 0;
        if (count == 0 || _rows == 0) return;
        int chunks = (_rows + ChunkRows - 1) / ChunkRows;
        int threads = Math.Min(_parallelism.Count, chunks);
        if (threads > 1 && (long)count * _rows >= ParallelMinWork)
            SplitJob.Run(threads, (tid, nt) => ApplyRows(SplitJob.Bound(tid, nt, _rows, ChunkRows), SplitJob.Bound(tid + 1, nt, _rows, ChunkRows), count));
        else
            ApplyRows(0, _rows, count);
    }

    /// <summary>Rows per register block: four SIMD vectors, enough independent FMA chains to hide their latency.</summary>
    private static int ChunkRows => 4 * Vector512<T>.Count;

    /// <summary>Applies the first <paramref name="count"/> rotations to rows [r0, r1): full register blocks, then the rest.</summary>
    private void ApplyRows(int r0, int r1, int count)
    {
        int chunk = ChunkRows;
        int r = r0;
        nint ld = _ld;
        fixed (int* col = _col)
        fixed (T* c = _c, s = _s)
        {
            T* a = _origin;
            if (Vector512.IsHardwareAccelerated)
                for (; r + chunk <= r1; r += chunk) ApplyBlock512(a + r, ld, count, col, c, s);
            if (r == r1) return;
            int h = r1 - r;
            for (int k = 0; k < count; k++)
            {
                T* x = a + col[k] * ld + r;
                Givens.Rotate(new Span<T>(x, h), new Span<T>(x + ld, h), c[k], s[k]);
            }
        }
    }

    /// <summary>
    /// All rotations on one block of 4 x Vector512 rows (column stride ld). A run of rotations on (j, j + 1), (j - 1, j),
    /// ... or (j, j + 1), (j + 1, j + 2), ..., as the QR sweeps produce them, keeps the shared column in registers, so each
    /// rotation loads and stores one column block.
    /// </summary>
    private static void ApplyBlock512(T* a, nint ld, int count, int* col, T* c, T* s)
    {
        int w = Vector512<T>.Count;
        int k = 0;
        while (k < count)
        {
            int j = col[k];
            T* px = a + j * ld, py = px + ld;
            var x0 = Vector512.Load(px); var x1 = Vector512.Load(px + w); var x2 = Vector512.Load(px + 2 * w); var x3 = Vector512.Load(px + 3 * w);
            var y0 = Vector512.Load(py); var y1 = Vector512.Load(py + w); var y2 = Vector512.Load(py + 2 * w); var y3 = Vector512.Load(py + 3 * w);
            while (true)
            {
                var vc = Vector512.Create(c[k]);
                var vs = Vector512.Create(s[k]);
                var nx0 = vc * x0 + vs * y0; var ny0 = vc * y0 - vs * x0;
                var nx1 = vc * x1 + vs * y1; var ny1 = vc * y1 - vs * x1;
                var nx2 = vc * x2 + vs * y2; var ny2 = vc * y2 - vs * x2;
                var nx3 = vc * x3 + vs * y3; var ny3 = vc * y3 - vs * x3;
                k++;
                if (k < count && col[k] == j - 1)
                {
                    // Next rotation acts on (j - 1, j): column j (new x) stays, column j + 1 is done.
                    ny0.Store(py); ny1.Store(py + w); ny2.Store(py + 2 * w); ny3.Store(py + 3 * w);
                    y0 = nx0; y1 = nx1; y2 = nx2; y3 = nx3;
                    j--; py = px; px -= ld;
                    x0 = Vector512.Load(px); x1 = Vector512.Load(px + w); x2 = Vector512.Load(px + 2 * w); x3 = Vector512.Load(px + 3 * w);
                }
                else if (k < count && col[k] == j + 1)
                {
                    // Next rotation acts on (j + 1, j + 2): column j + 1 (new y) stays, column j is done.
                    nx0.Store(px); nx1.Store(px + w); nx2.Store(px + 2 * w); nx3.Store(px + 3 * w);
                    x0 = ny0; x1 = ny1; x2 = ny2; x3 = ny3;
                    j++; px = py; py += ld;
                    y0 = Vector512.Load(py); y1 = Vector512.Load(py + w); y2 = Vector512.Load(py + 2 * w); y3 = Vector512.Load(py + 3 * w);
                }
                else
                {
                    nx0.Store(px); nx1.Store(px + w); nx2.Store(px + 2 * w); nx3.Store(px + 3 * w);
                    ny0.Store(py); ny1.Store(py + w); ny2.Store(py + 2 * w); ny3.Store(py + 3 * w);
                    break;
                }
            }
        }
    }
}
