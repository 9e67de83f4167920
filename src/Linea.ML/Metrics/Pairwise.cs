using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Linea.Kernels.Threading;

namespace Linea.ML;

/// <summary>Pairwise similarities and distances between the rows of two matrices (scikit-learn's
/// <c>sklearn.metrics.pairwise</c>), each computed as one matrix product.</summary>
public static partial class Pairwise
{
    /// <summary>
    /// Euclidean distances between the rows of X (n x p) and Y (m x p, X when null), shape (n, m). The bulk comes from
    /// one GEMM through ||x - y||^2 = ||x||^2 - 2 x.y + ||y||^2, applied to the rows shifted by their common mean
    /// (distances do not change under a shift, and the shift removes the cancellation that an offset shared by all
    /// points would cause). That identity errs by up to about (p + 3) eps (||x||^2 + ||y||^2) (the rounding of a p-term
    /// dot product; sqrt(p) eps with high probability, Higham and Mary 2019), so it cannot resolve points that are close
    /// compared with their norms: every pair whose computed squared distance is at most sqrt((p + 3) eps)
    /// (||x||^2 + ||y||^2) is recomputed directly as the sum of squared differences of the original rows (accumulated in
    /// double, as SciPy's <c>cdist</c> does), which gives near-duplicates full relative accuracy and identical rows
    /// exactly 0. A pair kept from the GEMM has a relative error of about sqrt(eps) at most (sqrt(p eps) in the
    /// worst case); for ordinary data it is a few ulps, and such data pays only the GEMM and one fused O(n m) pass.
    /// When Y is X (null) the result is exactly symmetric with an exactly zero diagonal. O(n m p).
    /// </summary>
    /// <param name="x">n x p.</param>
    /// <param name="y">m x p, or null for X itself.</param>
    /// <param name="squared">Return squared distances (skips the square root).</param>
    /// <exception cref="ShapeMismatchException">X or Y is not 2-D, or their numbers of columns differ.</exception>
    /// <exception cref="NonFiniteException">X or Y contains NaN or infinity.</exception>
    public static NDArray<T> EuclideanDistances<T>(NDArray<T> x, NDArray<T>? y = null, bool squared = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var other = Check(x, y, "euclidean_distances");
        bool self = ReferenceEquals(other, x);
        int n = (int)x.Shape[0], m = (int)other.Shape[0], p = (int)x.Shape[1];
        if (n == 0 || m == 0 || p == 0) return NDArray.Zeros<T>(n, m);
        var xs = x.Contiguous();
        var ys = self ? xs : other.Contiguous();
        // The common shift: the mean of all rows of X and Y.
        var shift = (self ? xs.Sum(0) : xs.Sum(0) + ys.Sum(0)) / T.CreateTruncating(self ? n : n + m);
        var xc = xs - shift;
        var yc = self ? xc : ys - shift;
        var xx = (xc * xc).Sum(1).Contiguous();
        var yy = self ? xx : (yc * yc).Sum(1).Contiguous();
        var d2 = xc.MatMul(yc.T).Contiguous();
        T limit = T.CreateTruncating(Math.Sqrt((p + 3) * double.CreateTruncating(Precision.Eps<T>())));
        // Blocks of RowBlock rows dealt to the threads in turn (with Y = X the rows shorten down the triangle, so
        // interleaving balances them); each row is finished and square-rooted while in cache.
        int threads = (long)n * m >= ParallelMinEntries ? Parallelism.Default.Count : 1;
        SplitJob.Run(threads, (t, count) =>
        {
            var g = d2.AsSpan();
            var xRows = xs.AsReadOnlySpan();
            var yRows = ys.AsReadOnlySpan();
            var xn = xx.AsReadOnlySpan();
            var yn = yy.AsReadOnlySpan();
            for (int i0 = t * RowBlock; i0 < n; i0 += count * RowBlock)
            {
                for (int i = i0; i < Math.Min(i0 + RowBlock, n); i++)
                {
                    int j0 = self ? i + 1 : 0;
                    if (self) g[i * m + i] = T.Zero;
                    var row = g.Slice(i * m + j0, m - j0);
                    FinishRow(row, xn[i], yn[j0..], limit, xRows.Slice(i * p, p), yRows[(j0 * p)..]);
                    if (!squared) TensorPrimitives.Sqrt(row, row);
                }
            }
        });
        if (self)
            SplitJob.Run(threads, (t, count) => MirrorUpper(d2.AsSpan(), n, t, count));
        return d2;
    }

    /// <summary>Rows per block of the finishing pass.</summary>
    private const int RowBlock = 32;

    /// <summary>Results with fewer entries are finished on one thread.</summary>
    private const long ParallelMinEntries = 1 << 18;

    /// <summary>Turns the products x_i.y_j of one row into squared distances, value = (||x_i||^2 + ||y_j||^2) - 2 x_i.y_j
    /// (one vectorised pass), and recomputes directly every value not above limit (||x_i||^2 + ||y_j||^2): those the
    /// identity cannot resolve, including any that rounding made negative.</summary>
    private static void FinishRow<T>(Span<T> row, T xNorm, ReadOnlySpan<T> yNorms, T limit, ReadOnlySpan<T> xi, ReadOnlySpan<T> yRows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = xi.Length, j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<T>.Count;
            var vx = new Vector<T>(xNorm);
            var vlimit = new Vector<T>(limit);
            for (; j <= row.Length - w; j += w)
            {
                var norms = new Vector<T>(yNorms[j..]) + vx;
                var value = norms - new Vector<T>(row[j..]) * new Vector<T>(T.CreateTruncating(2));
                value.CopyTo(row[j..]);
                if (Vector.GreaterThanAll(value, vlimit * norms)) continue;
                for (int l = j; l < j + w; l++)
                    if (!(row[l] > limit * (xNorm + yNorms[l]))) row[l] = DirectSquaredDistance(xi, yRows.Slice(l * p, p));
            }
        }
        for (; j < row.Length; j++)
        {
            T norms = xNorm + yNorms[j];
            T value = norms - T.CreateTruncating(2) * row[j];
            row[j] = value > limit * norms ? value : DirectSquaredDistance(xi, yRows.Slice(j * p, p));
        }
    }

    /// <summary>Copies the strict upper triangle of the n x n row-major <paramref name="a"/> to the lower one, in tiles;
    /// thread <paramref name="t"/> of <paramref name="count"/> takes every count-th row of tiles.</summary>
    private static void MirrorUpper<T>(Span<T> a, int n, int t, int count)
    {
        const int Tile = 32;
        for (int ib = t * Tile; ib < n; ib += count * Tile)
        {
            int iEnd = Math.Min(ib + Tile, n);
            for (int jb = 0; jb <= ib; jb += Tile)
                for (int i = ib; i < iEnd; i++)
                {
                    int jEnd = Math.Min(jb + Tile, i);
                    var dst = a.Slice(i * n, n);
                    for (int j = jb; j < jEnd; j++) dst[j] = a[j * n + i];
                }
        }
    }

    /// <summary>Sum of (a_k - b_k)^2 accumulated in double (differences of close values are exact, lanes summed
    /// pairwise at the end), rounded once to T.</summary>
    private static T DirectSquaredDistance<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double s = 0;
        int k = 0;
        if (typeof(T) == typeof(double) && Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var ad = MemoryMarshal.Cast<T, double>(a);
            var bd = MemoryMarshal.Cast<T, double>(b);
            var acc = Vector<double>.Zero;
            for (; k <= ad.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var diff = new Vector<double>(ad[k..]) - new Vector<double>(bd[k..]);
                acc += diff * diff;
            }
            s = Vector.Sum(acc);
        }
        for (; k < a.Length; k++)
        {
            double diff = double.CreateTruncating(a[k]) - double.CreateTruncating(b[k]);
            s += diff * diff;
        }
        return T.CreateTruncating(s);
    }

    /// <summary>Cosine similarities x.y / (||x|| ||y||) between the rows of X (n x p) and Y (m x p, X when null), shape
    /// (n, m): the rows are normalised to unit length and multiplied in one GEMM, O(n m p). A zero row has similarity 0
    /// with everything (scikit-learn leaves zero rows unnormalised).</summary>
    /// <exception cref="ShapeMismatchException">X or Y is not 2-D, or their numbers of columns differ.</exception>
    /// <exception cref="NonFiniteException">X or Y contains NaN or infinity.</exception>
    public static NDArray<T> CosineSimilarity<T>(NDArray<T> x, NDArray<T>? y = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var other = Check(x, y, "cosine_similarity");
        var xn = NormaliseRows(x);
        var yn = ReferenceEquals(other, x) ? xn : NormaliseRows(other);
        return xn.MatMul(yn.T);
    }

    private static NDArray<T> NormaliseRows<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var norms = Linalg.Norm(a, 2.0, axis: 1, keepdims: true);
        return a / NDArray.Where(norms > T.Zero, norms, NDArray.OnesLike(norms));
    }

    private static NDArray<T> Check<T>(NDArray<T> x, NDArray<T>? y, string where) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.Matrix(x, where, minRows: 0);
        if (y is null) return x;
        Guard.Matrix(y, where, minRows: 0);
        if (y.Shape[1] != x.Shape[1])
            throw new ShapeMismatchException(where, [x.Shape, y.Shape],
                $"{where}: X has shape {x.Shape} and Y has shape {y.Shape}; they need the same number of columns (features)");
        return y;
    }
}
