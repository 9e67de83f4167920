using System.Numerics;

namespace Linea;

/// <summary>
/// Shared pieces of the symmetric eigensolver and the SVD: LAPACK's scaling of matrices whose largest entry is near
/// overflow or underflow (by a power of two, exact), and the sign convention for singular and eigen-vectors.
/// </summary>
internal static class SpectralScaling
{
    /// <summary>
    /// The power of two by which to multiply a matrix whose largest magnitude is <paramref name="amax"/> so that the
    /// iterations neither overflow nor underflow (LAPACK's syev/gesdd: only when amax is outside
    /// [sqrt(safmin / eps), sqrt(safmax eps)]); 1 otherwise, and for a zero matrix.
    /// </summary>
    /// <remarks>
    /// Kept for callers that want the factor itself; it overflows for subnormal <paramref name="amax"/> (2^1030 is not
    /// a double), so the solvers use <see cref="Exponent{T}(T)"/> and <see cref="ScaleB{T}(Span{T}, int)"/> instead.
    /// </remarks>
    public static T Factor<T>(T amax) where T : unmanaged, IFloatingPointIeee754<T> => T.ScaleB(T.One, Exponent(amax));

    /// <summary>
    /// The power of two k such that 2^k <paramref name="amax"/> is about 1, when amax lies outside
    /// [sqrt(safmin / eps), sqrt(safmax eps)] (LAPACK's syev/gesdd range); 0 inside it, for zero and for non-finite
    /// values. Works for subnormal amax (down to 4.9e-324 in double, 1.4e-45 in float), where the factor 2^k itself
    /// is not representable: apply it with <see cref="ScaleB{T}(Span{T}, int)"/>, which scales each entry exactly.
    /// </summary>
    public static int Exponent<T>(T amax) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (amax == T.Zero || !T.IsFinite(amax)) return 0;
        double eps = MachineConstants<T>.UlpDouble;
        double safmin = MachineConstants<T>.SafeMinDouble;
        double rmin = Math.Sqrt(safmin / eps), rmax = Math.Sqrt(1 / safmin * eps);
        double a = double.CreateTruncating(amax);
        if (a >= rmin && a <= rmax) return 0;
        return -Math.ILogB(a);
    }

    /// <summary>x_i := 2^k x_i, exactly unless the result under- or overflows (the unscaling of tiny results). O(n).</summary>
    public static void ScaleB<T>(Span<T> x, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (k == 0) return;
        for (int i = 0; i < x.Length; i++) x[i] = T.ScaleB(x[i], k);
    }

    /// <summary>
    /// Flips the sign of column j of the column-major rows x cols matrix q (and of the same column of
    /// <paramref name="partner"/>, when given, with its own row count) unless its entry of largest magnitude (the first
    /// such on ties) is positive, for the columns firstColumn .. cols - 1. O(rows cols).
    /// </summary>
    public static void NormalizeColumnSigns<T>(T[] q, int rows, int cols, T[]? partner, int partnerRows, int firstColumn = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = firstColumn; j < cols; j++)
        {
            if (rows == 0) continue;
            var col = q.AsSpan(j * rows, rows);
            // The largest magnitude in one SIMD pass, then its first position (a NaN column falls back to the scan).
            T largest = MaxAbs.Of<T>(col);
            int best = 0;
            while (best < rows && T.Abs(col[best]) != largest) best++;
            if (best == rows)
            {
                best = 0;
                T bestAbs = T.NegativeOne;
                for (int i = 0; i < rows; i++)
                {
                    T v = T.Abs(col[i]);
                    if (v > bestAbs) { bestAbs = v; best = i; }
                }
            }
            if (col[best] >= T.Zero) continue;
            for (int i = 0; i < rows; i++) col[i] = -col[i];
            if (partner is not null)
            {
                var pc = partner.AsSpan(j * partnerRows, partnerRows);
                for (int i = 0; i < partnerRows; i++) pc[i] = -pc[i];
            }
        }
    }

    /// <summary>
    /// Sorts <paramref name="values"/> (ascending, or descending when <paramref name="descending"/>) and permutes the
    /// first values.Length columns of the column-major matrices q (qRows rows) and p (pRows rows) alike. Stable. O(n log n + n rows).
    /// </summary>
    public static void SortWithColumns<T>(Span<T> values, bool descending, T[]? q, int qRows, T[]? p, int pRows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = values.Length;
        var keys = values.ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (x, y) =>
        {
            int c = keys[x].CompareTo(keys[y]);
            if (descending) c = -c;
            return c != 0 ? c : x.CompareTo(y);
        });
        bool identity = true;
        for (int i = 0; i < n; i++) if (order[i] != i) { identity = false; break; }
        if (identity) return;
        for (int i = 0; i < n; i++) values[i] = keys[order[i]];
        Permute(q, qRows, order);
        Permute(p, pRows, order);
    }

    private static void Permute<T>(T[]? q, int rows, int[] order) where T : unmanaged
    {
        if (q is null || rows == 0) return;
        // In place, one cycle of the permutation at a time, with one column of scratch (not a copy of q).
        int n = order.Length;
        var column = new T[rows];
        var done = new bool[n];
        for (int start = 0; start < n; start++)
        {
            if (done[start] || order[start] == start) continue;
            Array.Copy(q, start * rows, column, 0, rows);
            int j = start;
            for (; order[j] != start; j = order[j]) { Array.Copy(q, order[j] * rows, q, j * rows, rows); done[j] = true; }
            Array.Copy(column, 0, q, j * rows, rows);
            done[j] = true;
        }
    }
}
