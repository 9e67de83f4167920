using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Gemm;
using Linea.Kernels.Threading;

namespace Linea.ML;

/// <summary>
/// W = A^T (A Q) and G = (A Q)^T (A Q) in one pass over a dense m x n matrix A (any strides, read in place), for the
/// power iterations of <see cref="RandomizedSvd"/>: threads take contiguous ranges of row blocks; for each block A_b
/// (about 256 KiB, so it is still in cache for the second product) a thread forms Y_b = A_b Q (rows x l) in its own
/// buffer, then accumulates W_t += A_b^T Y_b and G_t += Y_b^T Y_b; the partials are summed at the end. A is read once
/// instead of twice, and A Q is never stored (m x l). O(2 m n l + m l^2) flops per pass.
/// Memory: per thread the block Y_b (rows x l), an n x l and an l x l partial, allocated by the constructor and reused
/// by every pass; nothing of size m.
/// </summary>
internal sealed class GramPass<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Bytes of A in one row block: a quarter of a 1 MiB L2, so the block survives between its two products.</summary>
    private const int BlockBytes = 1 << 18;

    private readonly NDArray<T> _a;
    private readonly int _m, _n, _l, _rows, _blocks, _threads;
    private readonly T[][] _y, _w, _g;
    private readonly Action<int, int> _body;
    private NDArray<T>? _q; // the pass in progress
    private int _ran;

    /// <summary>Prepares passes over A (m x n) with l columns in Q.</summary>
    public unsafe GramPass(NDArray<T> a, int l)
    {
        _a = a;
        _m = (int)a.Shape[0];
        _n = (int)a.Shape[1];
        _l = l;
        _rows = Math.Max(8, Math.Min(_m, BlockBytes / (sizeof(T) * Math.Max(1, _n))));
        _blocks = (_m + _rows - 1) / _rows;
        _threads = Math.Max(1, Math.Min(Parallelism.Default.Count, _blocks));
        _y = new T[_threads][];
        _w = new T[_threads][];
        _g = new T[_threads][];
        for (int t = 0; t < _threads; t++)
        {
            _y[t] = new T[_rows * l];
            _w[t] = new T[_n * l];
            _g[t] = new T[l * l];
        }
        _body = Body;
    }

    /// <summary>Writes A^T A Q into <paramref name="w"/> (n x l, row-major) and (A Q)^T (A Q) into <paramref name="gram"/>
    /// (l x l, row-major) for Q (n x l, row-major contiguous).</summary>
    public void Run(NDArray<T> q, T[] w, T[] gram)
    {
        int nl = _n * _l, ll = _l * _l;
        _q = q;
        if (_threads == 1) Body(0, 1);
        else SplitJob.Run(_threads, _body);
        _q = null;
        Array.Copy(_w[0], w, nl);
        Array.Copy(_g[0], gram, ll);
        for (int t = 1; t < _ran; t++)
        {
            TensorPrimitives.Add(w.AsSpan(0, nl), _w[t], w.AsSpan(0, nl));
            TensorPrimitives.Add(gram.AsSpan(0, ll), _g[t], gram.AsSpan(0, ll));
        }
    }

    /// <summary>Thread t of <paramref name="count"/> (the pool may give fewer than asked): its contiguous range of row
    /// blocks into its partials (overwritten by the first block).</summary>
    private void Body(int t, int count)
    {
        if (t == 0) _ran = count;
        int n = _n, l = _l;
        var one = new Parallelism(1);
        var av = MatrixViews.View(_a);
        var qv = MatrixViews.View(_q!);
        var wv = MatrixView<T>.Of(_w[t], 0, n, l, l, 1);
        var gv = MatrixView<T>.Of(_g[t], 0, l, l, l, 1);
        int b0 = (int)((long)_blocks * t / count), b1 = (int)((long)_blocks * (t + 1) / count);
        if (b0 == b1)
        {
            Array.Clear(_w[t]);
            Array.Clear(_g[t]);
        }
        for (int b = b0; b < b1; b++)
        {
            int i0 = b * _rows, r = Math.Min(_rows, _m - i0);
            var ab = av.Block(i0, 0, r, n);
            var yv = MatrixView<T>.Of(_y[t], 0, r, l, l, 1);
            T beta = b == b0 ? T.Zero : T.One;
            Gemm.Multiply(T.One, ab, qv, T.Zero, yv, one);
            Gemm.Multiply(T.One, ab.Transposed, yv, beta, wv, one);
            Gemm.Multiply(T.One, yv.Transposed, yv, beta, gv, one);
        }
    }
}
