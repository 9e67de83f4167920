using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Linea.Kernels;
using Linea.Kernels.Gemm;
using Linea.Kernels.Threading;

namespace Linea.ML;

/// <summary>
/// The data part of the logistic Newton Hessian, block (a, b) = X1^T diag(c_ab) X1 for the design X1 = [X 1] (the
/// column of ones only when fitting intercepts) and per-sample weights c_ab = P_a (delta_ab - P_b), formed in row
/// blocks without a weighted or augmented copy of X. X (n x p, contiguous, double) is read in place. All q = m (m + 1)
/// / 2 pairs a &lt;= b go through one GEMM per row block: a thread writes the block's weighted rows of every pair side by
/// side into its buffer S (rows x q d, pair by pair) and accumulates its q d x d partial O += S^T X_b (X_b the block of X
/// read in place; the intercept column of O gains S's column sums), one product of q d x p per block instead of q
/// products of d x d, which at d = 41 run mostly on edge tiles. The threads take contiguous ranges of row blocks in one
/// parallel call per Hessian; their partials are summed and written into each block and its mirror.
/// Memory: per thread the row block S (about 64 Ki doubles, at least 32 rows), the q d x d partial and q d column sums, allocated once by
/// the constructor and reused by every Newton step. O(m^2 n d^2 / 2) flops per Hessian.
/// </summary>
internal sealed class LogisticHessian
{
    /// <summary>Elements of one thread's row block S: 512 KiB of doubles, so a block stays in L2 between its writing and the GEMM's packing.</summary>
    private const int BlockElements = 1 << 16;

    /// <summary>Below this n q d^2 the pass runs on one thread (the hand-off would cost more than it saves).</summary>
    private const long ParallelWork = 1L << 22;

    private readonly int _n, _p, _d, _m, _pairs, _rows, _blocks, _threads;
    private readonly bool _intercept;
    private readonly Workspace[] _work;
    private readonly Action<int, int> _body;

    // The pass in progress (read by the threads' body, created once so that a pass allocates no closure).
    private NDArray<double>? _x;
    private double[]? _probs;
    private int _ran;

    /// <summary>A thread's buffers: the weighted row block S (rows x q d), the q d x d partial and S's column sums (q d).</summary>
    private readonly record struct Workspace(double[] Block, double[] Partial, double[] ColumnSums);

    /// <summary>Allocates the per-thread buffers for an n x p design with m score columns.</summary>
    public LogisticHessian(int n, int p, int m, bool intercept)
    {
        _n = n;
        _p = p;
        _d = p + (intercept ? 1 : 0);
        _m = m;
        _pairs = m * (m + 1) / 2;
        _intercept = intercept;
        int width = _pairs * _d;
        _rows = Math.Max(1, Math.Min(n, Math.Max(32, BlockElements / width)));
        _blocks = (n + _rows - 1) / _rows;
        _threads = (long)n * width * _d < ParallelWork ? 1 : Math.Max(1, Math.Min(Parallelism.Default.Count, _blocks));
        _work = new Workspace[_threads];
        for (int t = 0; t < _threads; t++)
            _work[t] = new Workspace(new double[_rows * width], new double[width * _d], new double[width]);
        _body = Body;
    }

    /// <summary>
    /// Writes every block (a, b) of the data Hessian into <paramref name="h"/> (m d x m d, row-major, both triangles),
    /// from X (n x p) and the probabilities (n x m: P for softmax, sigma for one column).
    /// </summary>
    public void Form(NDArray<double> x, double[] probs, double[] h)
    {
        int dim = _m * _d, d = _d;
        int threads = _threads;
        if (threads == 1) Accumulate(x, probs, 0, _n, _work[0]);
        else
        {
            (_x, _probs, _ran) = (x, probs, threads);
            SplitJob.Run(threads, _body);
            threads = _ran;
            _x = null;
            _probs = null;
        }
        var sum = _work[0].Partial;
        for (int t = 1; t < threads; t++) TensorPrimitives.Add(sum, _work[t].Partial, sum);
        int q = 0;
        for (int a = 0; a < _m; a++)
            for (int b = a; b < _m; b++, q++)
                for (int r = 0; r < d; r++)
                    for (int c = 0; c < d; c++)
                    {
                        double v = sum[(q * d + r) * d + c];
                        h[(a * d + r) * dim + b * d + c] = v;
                        h[(b * d + c) * dim + a * d + r] = v;
                    }
    }

    /// <summary>Thread t of <paramref name="count"/>: its contiguous range of row blocks. The pool may give fewer threads
    /// than asked (busy with another caller: then the body runs once, as (0, 1)), so the split follows the count the
    /// body is given, and thread 0 records it.</summary>
    private void Body(int t, int count)
    {
        if (t == 0) _ran = count;
        int r0 = (int)Math.Min(_n, (long)_blocks * t / count * _rows);
        int r1 = (int)Math.Min(_n, (long)_blocks * (t + 1) / count * _rows);
        Accumulate(_x!, _probs!, r0, r1, _work[t]);
    }

    /// <summary>Rows [r0, r1) of every pair into the workspace's partial (cleared first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Accumulate(NDArray<double> x, double[] probs, int r0, int r1, Workspace w)
    {
        int p = _p, d = _d, m = _m, width = _pairs * d;
        var s = w.Block;
        var partial = w.Partial;
        var sums = w.ColumnSums;
        Array.Clear(partial);
        Array.Clear(sums);
        var one = new Parallelism(1);
        var xs = x.AsReadOnlySpan();
        var xv = MatrixViews.View(x);
        // O's first p columns (q d x p, row stride d) and, with intercepts, its last column (stride d).
        var weights = MatrixView<double>.Of(partial, 0, width, p, d, 1);
        for (int i0 = r0; i0 < r1; i0 += _rows)
        {
            int rows = Math.Min(_rows, r1 - i0);
            for (int i = 0; i < rows; i++)
            {
                int row = i0 + i;
                var xr = xs.Slice(row * p, p);
                int q = 0;
                for (int a = 0; a < m; a++)
                {
                    double pa = probs[row * m + a];
                    for (int b = a; b < m; b++, q++)
                    {
                        double c = a == b ? pa * (1 - pa) : -pa * probs[row * m + b];
                        var dst = s.AsSpan(i * width + q * d, d);
                        TensorPrimitives.Multiply(xr, c, dst[..p]);
                        if (_intercept) dst[p] = c;
                    }
                }
            }
            var sb = MatrixView<double>.Of(s, 0, rows, width, width, 1);
            Gemm.Multiply(1.0, sb.Transposed, xv.Block(i0, 0, rows, p), 1.0, weights, one);
            if (_intercept)
                for (int i = 0; i < rows; i++) TensorPrimitives.Add(sums, s.AsSpan(i * width, width), sums);
        }
        // O[:, p] = S^T 1, the column sums of every block's S.
        if (_intercept) for (int k = 0; k < width; k++) partial[k * d + p] = sums[k];
    }
}
