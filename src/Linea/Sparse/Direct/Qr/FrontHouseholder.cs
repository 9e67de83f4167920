using System.Numerics;
using System.Numerics.Tensors;

namespace Linea;

/// <summary>
/// The dense kernel of the multifrontal QR: Householder QR of one front (rows x cols, column-major) with Heath's rank
/// detection on its first <c>pivotal</c> columns. A pivotal column whose part below the current pivot row has norm at
/// most the tolerance is dead: those entries are zeroed and the pivot row does not advance. The remaining (contribution)
/// columns are always reduced while rows remain, so the rows below the last pivot row come out zero: the contribution
/// block is upper trapezoidal. Unblocked (BLAS-2: a dot and an axpy per reflector and trailing column); allocates nothing.
/// </summary>
internal static class FrontHouseholder
{
    /// <summary>
    /// Factors <paramref name="front"/> in place. Its rows are sorted by their first nonzero column (a staircase):
    /// <paramref name="stair"/>[j] rows have their first entry at or before column j, so column j's reflector only spans
    /// rows p..max(stair[j], p) - 1 (the rows below hold zeros there). On return reflector h (h &lt; the returned count)
    /// has its pivot at row <paramref name="start"/>[h] == h of column <paramref name="column"/>[h], spans rows up to
    /// <paramref name="end"/>[h] - 1, its vector (1 implied at the pivot) lies below the pivot, and <paramref name="tau"/>[h];
    /// R's rows sit on the pivot rows. <paramref name="live"/>[j] (initialised false by the caller) says whether pivotal
    /// column j took a pivot row; <paramref name="reached"/>[j] (initialised -1) is the pivot position p when column j was
    /// reduced. Returns the number of reflectors.
    /// </summary>
    public static int Factor<T>(Span<T> front, int rows, int cols, int pivotal, ReadOnlySpan<int> stair, T tolerance, bool keepNonzero,
        Span<int> start, Span<int> end, Span<int> column, Span<T> tau, Span<bool> live, Span<int> reached) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = 0, h = 0;
        for (int j = 0; j < cols && p < rows; j++)
        {
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
