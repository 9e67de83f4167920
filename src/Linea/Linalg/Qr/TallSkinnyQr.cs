using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using Linea.Kernels;
using Linea.Kernels.Threading;

namespace Linea;

/// <summary>
/// Tall-skinny QR (TSQR) of an m x n matrix with m &gt;&gt; n: the rows are split into P chunks of at least 2 n rows
/// (<see cref="TallSkinnyQrParams"/>), each chunk is factored in cache by blocked Householder QR (geqrf, its trailing
/// updates through GEMM), the chunks running in parallel, one per thread at a time; the P upper triangles R_c are
/// stacked into a (P n) x n matrix that is factored the same way (a tree level), until one chunk remains, whose R
/// is the R of A. Q = diag(Q_1, ..., Q_P) Q_next is never formed unless asked: <see cref="ApplyQT"/> runs the
/// chunks' reflectors and then the next level's; <see cref="FormQ"/> writes only the reduced m x n Q.
/// <para>Flops: about 2 m n^2 (1 + n / chunk rows) to factor, as many again to form Q. Memory: the reflectors,
/// m x n elements, in a buffer rented from the shared array pool and given back by <see cref="Dispose"/> (kept only
/// when Q is to be formed or applied: <c>keepReflectors</c>), plus a (P n) x n stack per level and one chunk buffer
/// per thread; nothing of size m x n is allocated per call once the pool holds it, so warm calls are not slower.</para>
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
internal sealed partial class TallSkinnyQr<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Copies rows [row0, row0 + rows) of a level's input into the column-major block at (dst, off, ld).</summary>
    private delegate void RowLoader(int row0, int rows, T[] dst, int off, int ld);

    /// <summary>Receives rows [row0, row0 + rows) of the reduced Q of a level, column-major at (src, 0, rows).</summary>
    private delegate void RowWriter(int row0, int rows, T[] src);

    private readonly int[] _starts;            // chunk c holds rows [_starts[c], _starts[c + 1])
    private T[]? _v;                           // chunk c's reflectors, column-major at _starts[c] * n, ld = its rows
    private readonly T[] _tau;                 // n scalars per chunk
    private readonly TallSkinnyQr<T>? _next;   // the QR of the stacked triangles; null when one chunk
    private readonly bool _kept;               // keepReflectors: Q may be applied or formed
    private readonly QrParams _inner;
    private readonly TallSkinnyQrParams _params;
    private readonly Parallelism _parallelism;

    /// <summary>Rows m of this level.</summary>
    public int Rows { get; }

    /// <summary>Columns n.</summary>
    public int Columns { get; }

    private int Chunks => _starts.Length - 1;

    /// <summary>Whether the TSQR path suits an m x n problem: m >= MinRowsPerColumn n and at least two chunks.</summary>
    public static bool Applies(int m, int n, TallSkinnyQrParams p)
        => n >= 1 && (long)m >= (long)p.MinRowsPerColumn * n && m >= 2L * p.ChunkRowsFor(n, Unsafe.SizeOf<T>());

    /// <summary>Factors the m x n matrix <paramref name="a"/> (any strides; read, not modified).</summary>
    /// <param name="a">The matrix, m &gt;= n &gt;= 1, finite (not checked here).</param>
    /// <param name="p">Chunk and block sizes.</param>
    /// <param name="parallelism">Threads over the chunks.</param>
    /// <param name="keepReflectors">Keep the m x n reflectors for <see cref="ApplyQT"/> and <see cref="FormQ"/>; false
    /// when only R is wanted (then one chunk buffer per thread is all the memory of the first level).</param>
    public TallSkinnyQr(NDArray<T> a, TallSkinnyQrParams p, Parallelism parallelism, bool keepReflectors)
        : this(a.IntDims[0], a.IntDims[1], TensorLoader(a), p, parallelism, keepReflectors)
    {
    }

    private TallSkinnyQr(int m, int n, RowLoader load, TallSkinnyQrParams p, Parallelism parallelism, bool keepReflectors)
    {
        Rows = m;
        Columns = n;
        _params = p;
        _parallelism = parallelism;
        _inner = new QrParams(Math.Max(p.BlockSize, 1), 0);
        int mc = p.ChunkRowsFor(n, Unsafe.SizeOf<T>());
        int chunks = Math.Max(1, m / mc);
        _starts = new int[chunks + 1];
        for (int c = 0; c <= chunks; c++) _starts[c] = (int)((long)c * m / chunks);
        _tau = new T[chunks * n];
        _kept = keepReflectors;
        bool keep = keepReflectors || chunks == 1;
        if (keep) _v = ArrayPool<T>.Shared.Rent(checked(m * n));
        if (chunks == 1)
        {
            load(0, m, _v!, 0, m);
            Geqrf.Blocked(MatrixView<T>.ColumnMajor(_v!, 0, m, n, m), _tau, _inner, parallelism);
            return;
        }
        int ldS = chunks * n;
        var stacked = ArrayPool<T>.Shared.Rent(ldS * n);
        int maxRows = 0;
        for (int c = 0; c < chunks; c++) maxRows = Math.Max(maxRows, _starts[c + 1] - _starts[c]);
        ForEachChunk(keep ? 0 : maxRows * n, (c, scratch) =>
        {
            int r0 = _starts[c], rows = _starts[c + 1] - r0;
            T[] buf = keep ? _v! : scratch!;
            int off = keep ? r0 * n : 0;
            load(r0, rows, buf, off, rows);
            Geqrf.Blocked(MatrixView<T>.ColumnMajor(buf, off, rows, n, rows), _tau.AsSpan(c * n, n), _inner, Parallelism.None);
            // R_c (upper triangle, zeros below) into rows [c n, c n + n) of the stack.
            for (int j = 0; j < n; j++)
            {
                int s = c * n + j * ldS;
                Array.Copy(buf, off + j * rows, stacked, s, j + 1);
                stacked.AsSpan(s + j + 1, n - j - 1).Clear();
            }
        });
        _next = new TallSkinnyQr<T>(ldS, n, (row0, rows, dst, off, ld) =>
        {
            for (int j = 0; j < n; j++) Array.Copy(stacked, row0 + j * ldS, dst, off + j * ld, rows);
        }, p, parallelism, keepReflectors);
        ArrayPool<T>.Shared.Return(stacked);
    }

    /// <summary>The n x n upper triangular R (row-major tensor). Diagonal entries may be negative, as in LAPACK. O(n^2).</summary>
    public NDArray<T> R()
    {
        if (_next is not null) return _next.R();
        int n = Columns, m = Rows;
        var r = new T[n * n];
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++) r[i * n + j] = _v![i + j * m];
        return NDArray.Wrap(r, n, n);
    }

    /// <summary>R as a column-major n x n array (ld n), zeros below the diagonal.</summary>
    public T[] RColumnMajor()
    {
        if (_next is not null) return _next.RColumnMajor();
        int n = Columns, m = Rows;
        var r = new T[n * n];
        for (int j = 0; j < n; j++) Array.Copy(_v!, j * m, r, j * n, j + 1);
        return r;
    }

    /// <summary>
    /// C := Q^T C for the m x nrhs view C (any strides), Q the full m x m orthogonal factor: rows [0, n) of the result
    /// are (Q^T C)[:n] of the reduced Q, the other rows an orthogonal image of the part of C outside range(A) (so their
    /// norm is the least-squares residual norm). About 4 m n nrhs flops, threads over chunks (C pinned meanwhile).
    /// </summary>
    /// <exception cref="InvalidOperationException">The reflectors were not kept.</exception>
    public unsafe void ApplyQT(in MatrixView<T> c)
    {
        var v = _kept ? _v : null;
        if (v is null) throw new InvalidOperationException("internal: TallSkinnyQr.ApplyQT without the reflectors (keepReflectors was false, or disposed)");
        int n = Columns, nrhs = checked((int)c.Cols);
        if (nrhs == 0) return;
        if (_next is null)
        {
            Ormqr.ApplyLeft(true, MatrixView<T>.ColumnMajor(v, 0, Rows, n, Rows), n, _tau, c, _inner, _parallelism);
            return;
        }
        int ldS = Chunks * n;
        var s = ArrayPool<T>.Shared.Rent(ldS * nrhs);
        var sv = MatrixView<T>.ColumnMajor(s, 0, ldS, nrhs, ldS);
        fixed (T* pc = &c.Origin)
        {
            var at = c.At(pc);
            ForEachChunk(0, (ch, _) =>
            {
                int r0 = _starts[ch], rows = _starts[ch + 1] - r0;
                Ormqr.ApplyLeft(true, MatrixView<T>.ColumnMajor(v, r0 * n, rows, n, rows), n, _tau.AsSpan(ch * n, n),
                    at.View.Block(r0, 0, rows, nrhs), _inner, Parallelism.None);
            });
        }
        for (int ch = 0; ch < Chunks; ch++)
            for (int j = 0; j < nrhs; j++)
                for (int i = 0; i < n; i++) sv[ch * n + i, j] = c[_starts[ch] + i, j];
        _next.ApplyQT(sv);
        for (int ch = 0; ch < Chunks; ch++)
            for (int j = 0; j < nrhs; j++)
                for (int i = 0; i < n; i++) c[_starts[ch] + i, j] = sv[ch * n + i, j];
        ArrayPool<T>.Shared.Return(s);
    }

    /// <summary>
    /// The reduced Q, m x n with orthonormal columns (row-major tensor), Q R = A. About 4 m n^2 flops, threads over
    /// chunks; the m x n result is the only allocation of that size (uninitialized, every element written).
    /// </summary>
    /// <exception cref="InvalidOperationException">The reflectors were not kept.</exception>
    public NDArray<T> FormQ()
    {
        var q = GC.AllocateUninitializedArray<T>(checked(Rows * Columns));
        FormQInto(q);
        return NDArray.Wrap(q, Rows, Columns);
    }

    /// <summary>
    /// Writes the reduced Q (m x n, row-major, every element) into <paramref name="q"/>, which may be the array the
    /// factored matrix was read from (it is not read again): an in-place orthonormalisation of a row-major m x n block
    /// with no m x n allocation (the reflectors are pooled). About 4 m n^2 flops, threads over chunks.
    /// </summary>
    /// <exception cref="InvalidOperationException">The reflectors were not kept.</exception>
    public void FormQInto(T[] q)
    {
        int n = Columns;
        Debug.Assert(q.Length >= (long)Rows * n);
        Form((row0, rows, src) =>
        {
            // Column-major chunk (in cache) to row-major rows of Q: contiguous writes.
            for (int i = 0; i < rows; i++)
            {
                int d = (row0 + i) * n;
                for (int j = 0; j < n; j++) q[d + j] = src[i + j * rows];
            }
        });
    }

    /// <summary>
    /// Forms this level's reduced Q chunk by chunk: Q_c [S_c; 0] with S the next level's Q (I when one chunk); with a
    /// <paramref name="seed"/> (n x n column-major, ld n) the innermost level starts from [seed; 0] instead of I, so
    /// the rows written are those of Q seed.
    /// </summary>
    private void Form(RowWriter write, T[]? seed = null)
    {
        var v = _kept ? _v : null;
        if (v is null) throw new InvalidOperationException("internal: TallSkinnyQr.FormQ without the reflectors (keepReflectors was false, or disposed)");
        int n = Columns;
        if (_next is null)
        {
            var e = ArrayPool<T>.Shared.Rent(Rows * n);
            e.AsSpan(0, Rows * n).Clear();
            if (seed is null) for (int j = 0; j < n; j++) e[j + j * Rows] = T.One;
            else for (int j = 0; j < n; j++) Array.Copy(seed, j * n, e, j * Rows, n);
            Ormqr.ApplyLeft(false, MatrixView<T>.ColumnMajor(v, 0, Rows, n, Rows), n, _tau, MatrixView<T>.ColumnMajor(e, 0, Rows, n, Rows), _inner, _parallelism);
            write(0, Rows, e);
            ArrayPool<T>.Shared.Return(e);
            return;
        }
        int ldS = Chunks * n;
        var s = ArrayPool<T>.Shared.Rent(ldS * n);
        _next.Form((row0, rows, src) =>
        {
            for (int j = 0; j < n; j++) Array.Copy(src, j * rows, s, row0 + j * ldS, rows);
        }, seed);
        int maxRows = 0;
        for (int c = 0; c < Chunks; c++) maxRows = Math.Max(maxRows, _starts[c + 1] - _starts[c]);
        ForEachChunk(maxRows * n, (ch, buf) =>
        {
            int r0 = _starts[ch], rows = _starts[ch + 1] - r0;
            for (int j = 0; j < n; j++)
            {
                Array.Copy(s, ch * n + j * ldS, buf!, j * rows, n);
                buf.AsSpan(j * rows + n, rows - n).Clear();
            }
            Ormqr.ApplyLeft(false, MatrixView<T>.ColumnMajor(v, r0 * n, rows, n, rows), n, _tau.AsSpan(ch * n, n),
                MatrixView<T>.ColumnMajor(buf!, 0, rows, n, rows), _inner, Parallelism.None);
            write(r0, rows, buf!);
        });
        ArrayPool<T>.Shared.Return(s);
    }

    /// <summary>
    /// Runs <paramref name="body"/>(chunk, scratch) for every chunk on up to the parallelism's threads, chunks handed
    /// out one at a time (balanced whatever the thread speeds); each thread gets its own pooled scratch of
    /// <paramref name="scratchLength"/> elements (null when 0).
    /// </summary>
    private void ForEachChunk(int scratchLength, Action<int, T[]?> body)
    {
        int chunks = Chunks, next = -1;
        _parallelism.ThrowIfCancelled();
        int threads = Math.Clamp(_parallelism.Threads, 1, chunks);
        Exception? failure = null;
        void Work(int tid, int nt)
        {
            T[]? scratch = scratchLength > 0 ? ArrayPool<T>.Shared.Rent(scratchLength) : null;
            try
            {
                int c;
                while ((c = Interlocked.Increment(ref next)) < chunks && Volatile.Read(ref failure) is null) body(c, scratch);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ex, null);
            }
            finally
            {
                if (scratch is not null) ArrayPool<T>.Shared.Return(scratch);
            }
        }
        if (threads == 1) Work(0, 1);
        else SplitJob.Run(threads, Work);
        if (failure is not null) throw new InvalidOperationException("internal: tall-skinny QR chunk failed", failure);
    }

    /// <summary>Copies rows of the (any strides) matrix <paramref name="a"/> into column-major blocks.</summary>
    private static RowLoader TensorLoader(NDArray<T> a)
    {
        long rs = a.StrideArray[0], cs = a.StrideArray[1];
        int n = a.IntDims[1];
        return (row0, rows, dst, off, ld) =>
        {
            ref T origin = ref a.Store.At(a.Offset);
            for (int i = 0; i < rows; i++)
            {
                long src = (row0 + i) * rs;
                int d = off + i;
                for (int j = 0; j < n; j++) dst[d + j * ld] = Unsafe.Add(ref origin, (nint)(src + j * cs));
            }
            GC.KeepAlive(a.Store);
        };
    }

    /// <summary>Gives the reflectors (and the next levels') back to the pool; the object is then unusable.</summary>
    public void Dispose()
    {
        var v = Interlocked.Exchange(ref _v, null);
        if (v is not null) ArrayPool<T>.Shared.Return(v);
        _next?.Dispose();
    }
}
