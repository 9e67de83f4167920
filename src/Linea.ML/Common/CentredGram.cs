using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Linea.Kernels.Gemm;
using Linea.Kernels.Threading;

namespace Linea.ML;

/// <summary>
/// The cross-products of centred data in one pass over X without a centred copy of it (the shifted-data algorithm):
/// X is walked in row blocks; each block, shifted by s (the mean of the first block, an estimate of the column means),
/// is written into one small contiguous buffer B, and G_s += B^T B, X_s^T y_s and the column sums of B (in double)
/// accumulate. At the end the exact means m = s + sum/n follow, and Xc^T Xc = G_s - n (m - s)(m - s)^T,
/// Xc^T yc = X_s^T y_s - n (m - s)(mean(y) - t). Because s is already close to m, the correction is tiny and cancels
/// nothing (an uncentred X^T X - n m m^T would lose every digit of a feature whose mean dwarfs its spread).
/// Finiteness is checked on the way: a NaN or infinity makes its column sum non-finite, and only then is X scanned for
/// the position to report. The row blocks (about 64 Ki elements, at least 256 rows) are split over the threads in
/// contiguous ranges, each thread accumulating its own partial with single-threaded one-triangle GEMMs; y rides along as
/// an extra column of the block, so X_s^T y_s and y_s^T y_s come from the same product. Memory per thread: one block,
/// two (p + 1) x (p + 1) squares. O(n p^2) flops (n p^2 / 2 multiply-adds through the symmetric GEMM path).
/// </summary>
internal sealed class CentredGram<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Elements of one row block: 512 KiB of doubles, so a block stays in L2 between its copy and the GEMM's packing.</summary>
    private const int BlockElements = 1 << 16;

    /// <summary>Least rows per block: the GEMM's symmetric one-triangle path needs an inner dimension of at least 256.</summary>
    private const int MinBlockRows = SymmetricProduct.MinDepth;

    /// <summary>Below this n p^2 the pass runs on one thread (the hand-off would cost more than it saves).</summary>
    private const long ParallelWork = 1L << 22;

    private CentredGram(NDArray<T> gram, NDArray<T>? xty, NDArray<T> xMean, T yMean, T ySumSquares)
    {
        Gram = gram;
        Xty = xty;
        XMean = xMean;
        YMean = yMean;
        YSumSquares = ySumSquares;
    }

    /// <summary>Xc^T Xc, p x p (exactly symmetric).</summary>
    public NDArray<T> Gram { get; }

    /// <summary>Xc^T yc, (p,), or null without y.</summary>
    public NDArray<T>? Xty { get; }

    /// <summary>Column means of X (zeros when not centring).</summary>
    public NDArray<T> XMean { get; }

    /// <summary>Mean of y (0 when not centring or without y).</summary>
    public T YMean { get; }

    /// <summary>Sum of (y - YMean)^2 (0 without y).</summary>
    public T YSumSquares { get; }

    /// <summary>Computes the cross-products of X (n x p, 2-D, n &gt;= 1) and optionally y (n,), centred by their means when
    /// <paramref name="centre"/>. Throws <see cref="NonFiniteException"/> naming <paramref name="where"/> for NaN or infinity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CentredGram<T> Compute(NDArray<T> x, NDArray<T>? y, bool centre, string where)
    {
        int n = (int)x.Shape[0], p = (int)x.Shape[1];
        var xs = x.Contiguous();
        var ys = y?.Contiguous();
        var src = xs.AsReadOnlySpan();
        var yspan = ys is null ? default : ys.AsReadOnlySpan();
        int b = Math.Max(1, Math.Min(n, Math.Max(MinBlockRows, BlockElements / (p + 1))));
        // The shift: the mean of the first block (in double), rounded to T.
        var shift = new T[p];
        T yShift = T.Zero;
        if (centre)
        {
            var first = new double[p];
            double yFirst = 0;
            for (int i = 0; i < b; i++)
            {
                AddRow(src.Slice(i * p, p), first);
                if (ys is not null) yFirst += double.CreateTruncating(yspan[i]);
            }
            for (int j = 0; j < p; j++) shift[j] = T.CreateTruncating(first[j] / b);
            if (ys is not null) yShift = T.CreateTruncating(yFirst / b);
            if (!double.IsFinite(first.Sum())) Guard.Finite(x, where, "X");
        }
        // The pass: row blocks split over the threads in contiguous ranges; each thread owns a partial and runs its
        // GEMMs single-threaded, and the partials are summed at the end.
        int blocks = (n + b - 1) / b;
        int threads = (long)n * p * p < ParallelWork ? 1 : Math.Min(Parallelism.Default.Count, blocks);
        var partials = new Partial[threads];
        if (threads == 1) partials[0] = Accumulate(src, yspan, p, b, 0, n, shift, yShift);
        else
        {
            var xArr = xs;
            var yArr = ys;
            int ran = threads;
            // The pool may give fewer threads than asked (busy with another caller: then the body runs once, as
            // (0, 1)), so the split follows the count the body is given, never the count asked for.
            SplitJob.Run(threads, (t, count) =>
            {
                if (t == 0) ran = count;
                int r0 = (int)((long)blocks * t / count) * b, r1 = Math.Min(n, (int)((long)blocks * (t + 1) / count) * b);
                partials[t] = Accumulate(xArr.AsReadOnlySpan(), yArr is null ? default : yArr.AsReadOnlySpan(), p, b, r0, r1, shift, yShift);
            });
            threads = ran;
        }
        int q = ys is null ? p : p + 1;
        var acc = partials[0].Gram;
        var sums = partials[0].Sums;
        for (int t = 1; t < threads; t++)
        {
            TensorPrimitives.Add(acc, partials[t].Gram, acc);
            TensorPrimitives.Add(sums, partials[t].Sums, sums);
        }
        // Unpack [X_s y_s]^T [X_s y_s] (q x q, lower triangle valid and mirrored): the leading p x p block, the last row
        // (X_s^T y_s), the corner (y_s^T y_s); the last entry of the sums is the y sum.
        var gram = NDArray.Zeros<T>(p, p);
        var gg = gram.AsSpan();
        for (int i = 0; i < p; i++) acc.AsSpan(i * q, p).CopyTo(gg.Slice(i * p, p));
        var xty = ys is null ? null : NDArray.FromArray(acc.AsSpan(p * q, p).ToArray(), p);
        T ySq = ys is null ? T.Zero : acc[p * q + p];
        double ySum = ys is null ? 0 : sums[p];
        if (!double.IsFinite(sums.AsSpan(0, p).ToArray().Sum())) Guard.Finite(x, where, "X");
        if (ys is not null && !double.IsFinite(ySum)) Guard.Finite(y!, where, "y");
        // Move from the shift to the exact means: d = m - s, e = mean(y) - t.
        var mean = new T[p];
        var d = new T[p];
        T e = centre ? T.CreateTruncating(ySum / n) : T.Zero;
        var g = gram.AsSpan();
        T nt = T.CreateTruncating(n);
        for (int j = 0; j < p; j++)
        {
            d[j] = centre ? T.CreateTruncating(sums[j] / n) : T.Zero;
            mean[j] = shift[j] + d[j];
        }
        if (centre)
        {
            for (int i = 0; i < p; i++)
                for (int j = 0; j < p; j++) g[i * p + j] -= nt * d[i] * d[j];
            if (xty is not null)
            {
                var xy = xty.AsSpan();
                for (int j = 0; j < p; j++) xy[j] -= nt * d[j] * e;
                ySq -= nt * e * e;
            }
        }
        Symmetrise(g, p);
        return new CentredGram<T>(gram, xty, NDArray.Wrap(mean, p), yShift + e, ySq);
    }

    /// <summary>A thread's share of the pass: G of the shifted [X y] block rows (q x q, q = p + 1 with y) and their column sums in double.</summary>
    private readonly record struct Partial(T[] Gram, double[] Sums);

    /// <summary>
    /// Rows [r0, r1) of X (and y), block by block: each block shifted into a contiguous rows x q buffer (y, shifted, as
    /// its last column, so X_s^T y_s and y_s^T y_s come out of the same product), then G += B^T B by one single-threaded
    /// GEMM (the one-triangle symmetric path, B^T and B on one storage) into a scratch square that is added to G.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Partial Accumulate(ReadOnlySpan<T> src, ReadOnlySpan<T> ysrc, int p, int b, int r0, int r1, T[] shift, T yShift)
    {
        bool withY = !ysrc.IsEmpty;
        int q = withY ? p + 1 : p;
        var block = new T[b * q];
        var product = new T[q * q];
        var g = new T[q * q];
        var sums = new double[q];
        var one = new Parallelism(1);
        for (int i0 = r0; i0 < r1; i0 += b)
        {
            int rows = Math.Min(b, r1 - i0);
            for (int i = 0; i < rows; i++)
            {
                var dst = block.AsSpan(i * q, q);
                ShiftRow(src.Slice((i0 + i) * p, p), shift, dst[..p], sums);
                if (withY)
                {
                    dst[p] = ysrc[i0 + i] - yShift;
                    sums[p] += double.CreateTruncating(dst[p]);
                }
            }
            Gemm.Multiply(q, q, rows, T.One, block, 0, 1, q, block, 0, q, 1, T.Zero, product, 0, q, 1, one);
            TensorPrimitives.Add(g, product, g);
        }
        return new Partial(g, sums);
    }

    /// <summary>sums += row (in double), for the first block's mean: for double rows the column sums' own vector loop.</summary>
    private static void AddRow(ReadOnlySpan<T> row, double[] sums)
    {
        if (typeof(T) == typeof(double))
        {
            Linea.Ops.SumReduce<double>.CombineInto(sums, System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(row));
            return;
        }
        for (int j = 0; j < row.Length; j++) sums[j] += double.CreateTruncating(row[j]);
    }

    /// <summary>dst = row - shift and sums += dst (in double), in one pass with explicit vectors: called once per row, it
    /// is inlined into <see cref="Accumulate"/>'s optimised code, where per-row calls into TensorPrimitives ran as
    /// unoptimised tier-0 code for a process's first ten or so fits (a Lasso fit of 50,000 x 100: 22-42 ms, then 10).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ShiftRow(ReadOnlySpan<T> row, ReadOnlySpan<T> shift, Span<T> dst, double[] sums)
    {
        int j = 0;
        if (typeof(T) == typeof(double) && Vector.IsHardwareAccelerated)
        {
            var r = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(row);
            var sh = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(shift);
            var d = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(dst);
            int w = Vector<double>.Count;
            for (; j + w <= r.Length; j += w)
            {
                var v = new Vector<double>(r.Slice(j)) - new Vector<double>(sh.Slice(j));
                v.CopyTo(d.Slice(j));
                (new Vector<double>(sums, j) + v).CopyTo(sums, j);
            }
        }
        for (; j < row.Length; j++)
        {
            dst[j] = row[j] - shift[j];
            sums[j] += double.CreateTruncating(dst[j]);
        }
    }

    /// <summary>Averages G and G^T (the GEMM's two triangles agree to rounding; the solvers expect exact symmetry).</summary>
    private static void Symmetrise(Span<T> g, int p)
    {
        T half = T.CreateTruncating(0.5);
        for (int i = 0; i < p; i++)
            for (int j = 0; j < i; j++)
            {
                T v = (g[i * p + j] + g[j * p + i]) * half;
                g[i * p + j] = v;
                g[j * p + i] = v;
            }
    }
}
