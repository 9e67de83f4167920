using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Linea.ML;

/// <summary>
/// The cross-products of centred data in one pass over X without a centred copy of it (the shifted-data algorithm):
/// X is walked in row blocks; each block, shifted by s (the mean of the first block, an estimate of the column means),
/// is written into one small contiguous buffer B, and G_s += B^T B, X_s^T y_s and the column sums of B (in double)
/// accumulate. At the end the exact means m = s + sum/n follow, and Xc^T Xc = G_s - n (m - s)(m - s)^T,
/// Xc^T yc = X_s^T y_s - n (m - s)(mean(y) - t). Because s is already close to m, the correction is tiny and cancels
/// nothing (an uncentred X^T X - n m m^T would lose every digit of a feature whose mean dwarfs its spread).
/// Finiteness is checked on the way: a NaN or infinity makes its column sum non-finite, and only then is X scanned for
/// the position to report. Memory: one row-block buffer of about 256 Ki elements, plus the p x p result. O(n p^2).
/// </summary>
internal sealed class CentredGram<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int BlockElements = 1 << 18;

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
        int b = Math.Max(1, Math.Min(n, BlockElements / Math.Max(p, 1)));
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
        var block = new T[b * p];
        var yBlock = new T[b];
        var sums = new double[p];
        double ySum = 0;
        var gram = NDArray.Zeros<T>(p, p);
        var xty = ys is null ? null : NDArray.Zeros<T>(p);
        T ySq = T.Zero;
        for (int i0 = 0; i0 < n; i0 += b)
        {
            int rows = Math.Min(b, n - i0);
            for (int i = 0; i < rows; i++)
            {
                var dst = block.AsSpan(i * p, p);
                TensorPrimitives.Subtract(src.Slice((i0 + i) * p, p), shift, dst);
                AddRow(dst, sums);
            }
            var bm = NDArray.Wrap(block.AsMemory(0, rows * p), rows, p);
            TensorPrimitives.Add(gram.AsReadOnlySpan(), bm.T.MatMul(bm).AsReadOnlySpan(), gram.AsSpan());
            if (xty is not null)
            {
                var yb = yBlock.AsSpan(0, rows);
                TensorPrimitives.Subtract(yspan.Slice(i0, rows), yShift, yb);
                for (int i = 0; i < rows; i++) ySum += double.CreateTruncating(yb[i]);
                ySq += TensorPrimitives.Dot<T>(yb, yb);
                TensorPrimitives.Add(xty.AsReadOnlySpan(), bm.T.MatMul(NDArray.Wrap(yBlock.AsMemory(0, rows), rows)).AsReadOnlySpan(), xty.AsSpan());
            }
        }
        if (!double.IsFinite(sums.Sum())) Guard.Finite(x, where, "X");
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

    private static void AddRow(ReadOnlySpan<T> row, double[] sums)
    {
        if (typeof(T) == typeof(double))
        {
            TensorPrimitives.Add(sums, System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(row), sums);
            return;
        }
        for (int j = 0; j < row.Length; j++) sums[j] += double.CreateTruncating(row[j]);
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
