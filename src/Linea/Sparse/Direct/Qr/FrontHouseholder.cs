using System.Numerics;
using System.Numerics.Tensors;

namespace Linea;

/// <summary>
/// The dense kernel of the multifrontal QR: Householder QR of one front (rows x cols, column-major) with Heath's rank
/// detection on its first <c>pivotal</c> columns. A pivotal column whose part below the current pivot row has norm at
/// most the tolerance is dead: those entries are zeroed and the pivot row does not advance. The remaining (contribution)
/// columns are always reduced while rows remain, so the rows below the last pivot row come out zero: the contribution
/// block is upper trapezoidal. The pivotal columns are reduced one at a time (BLAS-2: a dot and an axpy per reflector and
/// trailing column); wide contribution parts go through panels and block reflectors on GEMM (<c>FactorBlocked</c>).
/// Allocates nothing itself (the block reflector's GEMM scratch is pooled).
/// </summary>
internal static class FrontHouseholder
{
    /// <summary>
    /// Factors the front (rows x cols, column-major at the start of <paramref name="buffer"/>) in place. Its rows are sorted by their first nonzero column (a staircase):
    /// <paramref name="stair"/>[j] rows have their first entry at or before column j, so column j's reflector only spans
    /// rows p..max(stair[j], p) - 1 (the rows below hold zeros there). On return reflector h (h &lt; the returned count)
    /// has its pivot at row <paramref name="start"/>[h] == h of column <paramref name="column"/>[h], spans rows up to
    /// <paramref name="end"/>[h] - 1, its vector (1 implied at the pivot) lies below the pivot, and <paramref name="tau"/>[h];
    /// R's rows sit on the pivot rows. <paramref name="live"/>[j] (initialised false by the caller) says whether pivotal
    /// column j took a pivot row; <paramref name="reached"/>[j] (initialised -1) is the pivot position p when column j was
    /// reduced. Returns the number of reflectors.
    /// </summary>
    public static int Factor<T>(T[] buffer, int rows, int cols, int pivotal, ReadOnlySpan<int> stair, T tolerance, bool keepNonzero,
        Span<int> start, Span<int> end, Span<int> column, Span<T> tau, Span<bool> live, Span<int> reached, T[] tWork, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var front = buffer.AsSpan(0, rows * cols);
        int p = 0, h = 0;
        int reducedTo = cols; // columns from here on go through the blocked path
        for (int j = 0; j < cols && p < rows; j++)
        {
            if (j >= pivotal && cols - j >= BlockedMinColumns) { reducedTo = j; break; }
            reached[j] = p;
            int e = Math.Max(stair[j], p), len = e - p;
            if (len == 0) continue; // no row left with an entry in column j: a pivotal column is then dead
            var col = front.Slice(j * rows + p, len);
            T restSq = SumOfSquares(col[1..]);
            T alpha = col[0];
            if (j < pivotal)
            {
                T norm = T.Sqrt(alpha * alpha + restSq);
                bool dead = keepNonzero ? norm == T.Zero : norm <= tolerance;
                live[j] = !dead;
                if (dead) { col.Clear(); continue; }
            }
            T t, beta;
            if (restSq == T.Zero)
            {
                t = T.Zero;
                beta = alpha;
            }
            else
            {
                T norm = T.Sqrt(alpha * alpha + restSq);
                beta = alpha >= T.Zero ? -norm : norm;
                t = (beta - alpha) / beta;
                TensorPrimitives.Multiply(col[1..], T.One / (alpha - beta), col[1..]);
                col[0] = beta;
                var v = col[1..];
                for (int jj = j + 1; jj < cols; jj++)
                {
                    var c2 = front.Slice(jj * rows + p, len);
                    T d = (c2[0] + TensorPrimitives.Dot<T>(v, c2[1..])) * t;
                    if (d == T.Zero) continue;
                    c2[0] -= d;
                    TensorPrimitives.MultiplyAdd(v, -d, c2[1..], c2[1..]);
                }
            }
            start[h] = p;
            end[h] = e;
            column[h] = j;
            tau[h] = t;
            h++;
            p++;
        }
        if (reducedTo < cols) h = FactorBlocked(buffer, rows, cols, reducedTo, p, h, stair, start, end, column, tau, reached, tWork, parallelism);
        return h;
    }

    /// <summary>Fewest remaining contribution columns for which the blocked (GEMM) path is taken.</summary>
    internal const int BlockedMinColumns = 48;

    /// <summary>Panel width of the blocked path.</summary>
    internal const int PanelWidth = 32;

    /// <summary>
    /// The contribution columns j0.. (no rank detection there) in panels of <see cref="PanelWidth"/>, as LAPACK's geqrf
    /// but within the staircase: a panel's reflectors span the rows down to the stair of its last column, are formed
    /// by the unblocked QR of that panel, and reach the trailing columns as one block reflector I - V T V^T through GEMM.
    /// </summary>
    private static int FactorBlocked<T>(T[] a, int rows, int cols, int j, int p, int h, ReadOnlySpan<int> stair,
        Span<int> start, Span<int> end, Span<int> column, Span<T> tau, Span<int> reached, T[] tWork, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        while (j < cols && p < rows)
        {
            int ib = Math.Min(PanelWidth, cols - j);
            int e = Math.Max(stair[j + ib - 1], p);
            int k = Math.Min(ib, e - p);
            if (k == 0) { reached[j++] = p; continue; } // no row reaches column j
            int d = p + j * rows;
            var panel = Kernels.MatrixView<T>.ColumnMajor(a, d, e - p, k, rows);
            Geqrf.Unblocked(panel, tau.Slice(h, k));
            if (j + k < cols)
            {
                Householder.FormT(panel, tau.Slice(h, k), tWork);
                Householder.ApplyBlockLeft(true, panel, tWork, Kernels.MatrixView<T>.ColumnMajor(a, d + k * rows, e - p, cols - j - k, rows), parallelism);
            }
            for (int i = 0; i < k; i++)
            {
                reached[j + i] = p + i;
                start[h] = p + i;
                end[h] = e;
                column[h] = j + i;
                h++;
            }
            j += k;
            p += k;
        }
        return h;
    }

    /// <summary>sum x_i^2, rescaled when the plain sum overflows or underflows.</summary>
    private static T SumOfSquares<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.IsEmpty) return T.Zero;
        T s = TensorPrimitives.SumOfSquares(x);
        if (T.IsNormal(s) && T.IsFinite(s)) return s;
        T scale = TensorPrimitives.MaxMagnitude(x);
        scale = T.Abs(scale);
        if (scale == T.Zero) return T.Zero;
        T acc = T.Zero;
        foreach (T v in x) { T y = v / scale; acc += y * y; }
        return acc * scale * scale; // may overflow only when the norm itself is out of range
    }
}
