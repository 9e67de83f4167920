using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Linea.Kernels;
using Linea.Kernels.Gemm;
using Linea.Kernels.Threading;

namespace Linea.ML;

/// <summary>
/// The data part of the logistic Newton Hessian, block (a, b) = X1^T diag(c_ab) X1 for the design X1 = [X 1] (the
/// column of ones only when fitting intercepts) and per-sample weights c_ab = P_a (delta_ab - P_b), formed in row
/// blocks without a weighted or augmented copy of X. X (n x p, contiguous, double) is read in place. For each pair
/// a &lt;= b the row blocks are split over the threads in contiguous ranges; a thread writes its block's weighted rows
/// into its own small buffer S (rows x d) and accumulates a d x d partial with single-threaded GEMMs:
/// on the diagonal (c = P_a (1 - P_a) &gt;= 0) S = sqrt(c) X1_b and the partial gains S^T S (the symmetric one-triangle
/// path); off the diagonal S = c X1_b and the partial's first p rows gain X_b^T S (X_b^T read from X through strides), its
/// intercept row the column sums of S. The partials are summed into the block and its mirror.
/// Memory: per thread one row block (about 64 Ki doubles, at least 256 rows) and two d x d squares, allocated once by
/// the constructor and reused by every Newton step. O(m^2 n d^2 / 2) flops per Hessian.
/// </summary>
internal sealed class LogisticHessian
{
    /// <summary>Elements of one row block: 512 KiB of doubles, so a block stays in L2 between its writing and the GEMM's packing.</summary>
    private const int BlockElements = 1 << 16;

    /// <summary>Below this n d^2 per block pair the pass runs on one thread (the hand-off would cost more than it saves).</summary>
    private const long ParallelWork = 1L << 22;

    private readonly int _n, _p, _d, _m, _rows, _blocks, _threads;
    private readonly bool _intercept;
    private readonly Workspace[] _work;
    private readonly Action<int, int> _body;

    // The pass in progress (read by the threads' body, created once so that a pass allocates no closure).
    private NDArray<double>? _x;
    private double[]? _probs;
    private int _a, _b, _ran;

    /// <summary>A thread's buffers: the weighted row block S (rows x d), the GEMM's d x d product and the d x d partial.</summary>
    private readonly record struct Workspace(double[] Block, double[] Product, double[] Partial);

    /// <summary>Allocates the per-thread buffers for an n x p design with m score columns.</summary>
    public LogisticHessian(int n, int p, int m, bool intercept)
    {
        _n = n;
        _p = p;
        _d = p + (intercept ? 1 : 0);
        _m = m;
        _intercept = intercept;
        _rows = Math.Max(1, Math.Min(n, Math.Max(SymmetricProduct.MinDepth, BlockElements / _d)));
        _blocks = (n + _rows - 1) / _rows;
        _threads = (long)n * _d * _d < ParallelWork ? 1 : Math.Max(1, Math.Min(Parallelism.Default.Count, _blocks));
        _work = new Workspace[_threads];
        for (int t = 0; t < _threads; t++)
            _work[t] = new Workspace(new double[_rows * _d], new double[_d * _d], new double[_d * _d]);
        _body = Body;
    }

    /// <summary>
    /// Writes every block (a, b) of the data Hessian into <paramref name="h"/> (m d x m d, row-major, both triangles),
    /// from X (n x p) and the probabilities (n x m: P for softmax, sigma for one column).
    /// </summary>
    public void Form(NDArray<double> x, double[] probs, double[] h)
    {
        int dim = _m * _d;
        _x = x;
        _probs = probs;
        for (int a = 0; a < _m; a++)
            for (int b = a; b < _m; b++)
            {
                int threads = _threads;
                if (threads == 1) Accumulate(x, probs, a, b, 0, _n, _work[0]);
                else
                {
                    (_a, _b, _ran) = (a, b, threads);
                    SplitJob.Run(threads, _body);
                    threads = _ran;
                }
                var sum = _work[0].Partial;
                for (int t = 1; t < threads; t++) TensorPrimitives.Add(sum, _work[t].Partial, sum);
                for (int r = 0; r < _d; r++)
                    for (int c = 0; c < _d; c++)
                    {
                        double v = sum[r * _d + c];
                        h[(a * _d + r) * dim + b * _d + c] = v;
                        h[(b * _d + c) * dim + a * _d + r] = v;
                    }
            }
        _x = null;
        _probs = null;
    }

    /// <summary>Thread t of <paramref name="count"/>: its contiguous range of row blocks. The pool may give fewer threads
    /// than asked (busy with another caller: then the body runs once, as (0, 1)), so the split follows the count the
    /// body is given, and thread 0 records it.</summary>
    private void Body(int t, int count)
    {
        if (t == 0) _ran = count;
        int r0 = (int)Math.Min(_n, (long)_blocks * t / count * _rows);
        int r1 = (int)Math.Min(_n, (long)_blocks * (t + 1) / count * _rows);
        Accumulate(_x!, _probs!, _a, _b, r0, r1, _work[t]);
    }

    /// <summary>Rows [r0, r1) of block pair (a, b) into the workspace's partial (cleared first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Accumulate(NDArray<double> x, double[] probs, int a, int b, int r0, int r1, Workspace w)
    {
        int p = _p, d = _d, m = _m;
        var s = w.Block;
        var partial = w.Partial;
        Array.Clear(partial);
        var one = new Parallelism(1);
        var xs = x.AsReadOnlySpan();
        bool diagonal = a == b;
        for (int i0 = r0; i0 < r1; i0 += _rows)
        {
            int rows = Math.Min(_rows, r1 - i0);
            for (int i = 0; i < rows; i++)
            {
                int row = i0 + i;
                double pa = probs[row * m + a];
                double c = diagonal ? Math.Sqrt(pa * (1 - pa)) : -pa * probs[row * m + b];
                var dst = s.AsSpan(i * d, d);
                TensorPrimitives.Multiply(xs.Slice(row * p, p), c, dst[..p]);
                if (_intercept) dst[p] = c;
            }
            if (diagonal)
            {
                // S^T S: one storage read as S^T and S, so the GEMM takes its one-triangle path when rows >= 256.
                Gemm.Multiply(d, d, rows, 1.0, s, 0, 1, d, s, 0, d, 1, 0.0, w.Product, 0, d, 1, one);
                TensorPrimitives.Add(partial, w.Product, partial);
            }
            else
            {
                // X_b^T S into the first p rows (X_b^T is X's row block read through its strides), then the intercept row.
                var xb = MatrixViews.View(x).Block(i0, 0, rows, p).Transposed;
                var sb = MatrixView<double>.Of(s, 0, rows, d, d, 1);
                var cb = MatrixView<double>.Of(partial, 0, p, d, d, 1);
                Gemm.Multiply(1.0, xb, sb, 1.0, cb, one);
                if (_intercept)
                {
                    var last = partial.AsSpan(p * d, d);
                    for (int i = 0; i < rows; i++) TensorPrimitives.Add(last, s.AsSpan(i * d, d), last);
                }
            }
        }
    }
}
