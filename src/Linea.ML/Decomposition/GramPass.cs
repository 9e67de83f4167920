using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using Linea.Kernels;
using Linea.Kernels.Gemm;
using Linea.Kernels.Threading;

namespace Linea.ML;

/// <summary>
/// W = A^T (A Q) and G = (A Q)^T (A Q) in one pass over a dense m x n matrix A (any strides, read in place), for the
/// power iterations of <see cref="RandomizedSvd"/>: threads take contiguous ranges of row blocks; for each block A_b
/// (about 256 KiB, so it is still in cache for the second product) a thread forms Y_b = A_b Q (rows x l) in its own
/// buffer, then accumulates W_t += A_b^T Y_b and G_t += Y_b^T Y_b; the partials are summed at the end. A is read once
/// instead of twice, and A Q is stored only when asked (the final step's basis).
/// O(2 m n l + m l^2) flops per pass.
/// The three block products are narrow (l columns, a few hundred rows or inner length): with AVX-512 they run
/// unpacked (<see cref="DirectSmallGemm"/>: A_b's rows broadcast from where they lie, Q and Y_b read as rows of
/// vectors) on buffers whose rows are padded to whole groups of vectors, since packing A_b twice and Q per block cost
/// as much as the multiplies (the packed GEMM reached 60-90 GFLOP/s here, this 120-150, 20,000 x 300, l = 30, two
/// threads); otherwise through <see cref="Gemm"/>.
/// Memory: a padded copy of Q (n x lp, lp = l rounded up to whole vectors) and per thread the block Y_b (rows x lp),
/// an n x lp and an lp x lp partial, allocated by the constructor and reused by every pass; nothing of size m.
/// </summary>
internal sealed class GramPass<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Bytes of A in one row block: a quarter of a 1 MiB L2, so the block survives between its two products.</summary>
    private const int BlockBytes = 1 << 18;

    private readonly NDArray<T> _a;
    private readonly int _m, _n, _l, _lp, _rows, _blocks, _threads;
    private readonly bool _direct;
    private readonly T[] _q;
    private readonly T[][] _y, _w, _g;
    private readonly Action<int, int> _body;
    private T[]? _out; // where this pass stores A Q (m x l, row-major), if anywhere
    private int _ran;

    /// <summary>Prepares passes over A (m x n) with l columns in Q; <paramref name="allowDirect"/> false keeps the block
    /// products on the packed GEMM even with AVX-512 (for tests of that path).</summary>
    public unsafe GramPass(NDArray<T> a, int l, bool allowDirect = true)
    {
        _a = a;
        _m = (int)a.Shape[0];
        _n = (int)a.Shape[1];
        _l = l;
        _direct = allowDirect && Vector512.IsHardwareAccelerated && (typeof(T) == typeof(double) || typeof(T) == typeof(float));
        _lp = _direct ? PaddedWidth(l, Vector512<T>.Count) : l;
        _rows = Math.Max(8, Math.Min(_m, BlockBytes / (sizeof(T) * Math.Max(1, _n))));
        _blocks = (_m + _rows - 1) / _rows;
        _threads = Math.Max(1, Math.Min(Parallelism.Default.Count, _blocks));
        _q = new T[_n * _lp];
        _y = new T[_threads][];
        _w = new T[_threads][];
        _g = new T[_threads][];
        for (int t = 0; t < _threads; t++)
        {
            _y[t] = new T[_rows * _lp];
            _w[t] = new T[_n * _lp];
            _g[t] = new T[_lp * _lp];
        }
        _body = Body;
    }

    /// <summary>l rounded up to whole vectors of <paramref name="v"/> lanes, and up to a group of four vectors when the
    /// last group would hold three (the unpacked kernel runs four vectors per row at full speed and narrower groups
    /// vector by vector at about half: at l = 20, 24 -> 32 columns measured 6.5 -> 5.2 ms a pass).</summary>
    internal static int PaddedWidth(int l, int v)
    {
        int vectors = (l + v - 1) / v;
        if (vectors % 4 == 3) vectors++;
        return vectors * v;
    }

    /// <summary>Writes A^T A Q into <paramref name="w"/> (n x l, row-major) and (A Q)^T (A Q) into <paramref name="gram"/>
    /// (l x l, row-major) for Q (n x l, row-major contiguous); with <paramref name="aq"/> (at least m x l), also A Q
    /// into it, row-major.</summary>
    public void Run(NDArray<T> q, T[] w, T[] gram, T[]? aq = null)
    {
        int n = _n, l = _l, lp = _lp;
        var qs = q.AsReadOnlySpan();
        for (int p = 0; p < n; p++) qs.Slice(p * l, l).CopyTo(_q.AsSpan(p * lp, l)); // padding columns stay zero
        _out = aq;
        if (_threads == 1) Body(0, 1);
        else SplitJob.Run(_threads, _body);
        _out = null;
        for (int p = 0; p < n; p++) Sum(_w, p * lp, w.AsSpan(p * l, l));
        for (int p = 0; p < l; p++) Sum(_g, p * lp, gram.AsSpan(p * l, l));
    }

    /// <summary>The sum of the first _ran partials' elements from <paramref name="offset"/> into <paramref name="into"/>.</summary>
    private void Sum(T[][] partials, int offset, Span<T> into)
    {
        partials[0].AsSpan(offset, into.Length).CopyTo(into);
        for (int t = 1; t < _ran; t++) TensorPrimitives.Add(into, partials[t].AsSpan(offset, into.Length), into);
    }

    /// <summary>Thread t of <paramref name="count"/> (the pool may give fewer than asked): its contiguous range of row
    /// blocks into its partials (overwritten by the first block).</summary>
    private void Body(int t, int count)
    {
        if (t == 0) _ran = count;
        int b0 = (int)((long)_blocks * t / count), b1 = (int)((long)_blocks * (t + 1) / count);
        if (b0 == b1)
        {
            Array.Clear(_w[t]);
            Array.Clear(_g[t]);
            return;
        }
        Blocks(MatrixViews.View(_a), t, b0, b1);
    }

    /// <summary>Row blocks b0..b1-1 of A (<paramref name="av"/>) into thread t's partials.</summary>
    private unsafe void Blocks(in MatrixView<T> av, int t, int b0, int b1)
    {
        int n = _n, l = _l, lp = _lp;
        nint ars = (nint)av.RowStride, acs = (nint)av.ColStride;
        fixed (T* pa = &av.Origin, pq = _q, py = _y[t], pw = _w[t], pg = _g[t])
        {
            for (int b = b0; b < b1; b++)
            {
                int i0 = b * _rows, r = Math.Min(_rows, _m - i0);
                T* ab = pa + i0 * ars;
                T beta = b == b0 ? T.Zero : T.One;
                Product(r, lp, n, ab, ars, acs, pq, T.Zero, py);        // Y_b = A_b Q
                Product(n, lp, r, ab, acs, ars, py, beta, pw);          // W += A_b^T Y_b
                Product(lp, lp, r, py, 1, lp, py, beta, pg);            // G += Y_b^T Y_b
                if (_out is { } o)
                    for (int i = 0; i < r; i++) new ReadOnlySpan<T>(py + i * lp, l).CopyTo(o.AsSpan((i0 + i) * l, l));
            }
        }
    }

    /// <summary>C = X B + beta C for X (rows x k, strides xrs, xcs), B (k x cols) and C (rows x cols), both row-major
    /// contiguous: unpacked with AVX-512, else the packed GEMM on this thread.</summary>
    private unsafe void Product(int rows, int cols, int k, T* x, nint xrs, nint xcs, T* b, T beta, T* c)
    {
        if (_direct) DirectSmallGemm.Run(rows, cols, k, T.One, x, xrs, xcs, b, cols, beta, c, cols);
        else Gemm.Multiply(T.One, new MatrixView<T>(ref *x, rows, k, xrs, xcs), new MatrixView<T>(ref *b, k, cols, cols, 1), beta,
            new MatrixView<T>(ref *c, rows, cols, cols, 1), new Parallelism(1));
    }
}
