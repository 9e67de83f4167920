using System.Numerics;

namespace Linea.Calc.Exact;

/// <summary>
/// Fraction-free elimination (Bareiss 1968) for the determinant and for solving: on an integer matrix every
/// intermediate entry is a minor of the input, so numbers stay bounded by Hadamard's bound and every division is exact.
/// </summary>
internal static class Bareiss
{
    /// <summary>The determinant of the square matrix <paramref name="a"/>, checking sizes against <see cref="ExactLimits"/>.</summary>
    public static BigRational Determinant(ExactArray a, string op)
    {
        int n = a.Rows;
        if (n == 0) return BigRational.One;
        ExactLimits.CheckOperations((double)n * n * n / 3, op);
        int maxBits = ExactLimits.MaxBits;
        var cancel = ExactLimits.Cancellation;
        // Clear denominators row by row: det(A) = det(D A) / prod(l_i) with l_i the lcm of row i's denominators.
        var m = new BigInteger[n * n];
        var scale = BigInteger.One;
        for (int i = 0; i < n; i++)
        {
            var l = BigInteger.One;
            for (int j = 0; j < n; j++) l = ExactArray.Lcm(l, a[i * n + j].Denominator);
            for (int j = 0; j < n; j++)
            {
                var x = a[i * n + j];
                m[i * n + j] = x.IsInteger ? x.Numerator * l : x.Numerator * (l / x.Denominator);
            }
            scale *= l;
            CheckBits(scale, maxBits);
        }
        int sign = 1;
        var previous = BigInteger.One;
        for (int k = 0; k < n - 1; k++)
        {
            if (m[k * n + k].IsZero)
            {
                int p = k + 1;
                while (p < n && m[p * n + k].IsZero) p++;
                if (p == n) return BigRational.Zero;
                for (int j = 0; j < n; j++) (m[k * n + j], m[p * n + j]) = (m[p * n + j], m[k * n + j]);
                sign = -sign;
            }
            var pivot = m[k * n + k];
            for (int i = k + 1; i < n; i++)
            {
                cancel.ThrowIfCancellationRequested();
                var mik = m[i * n + k];
                for (int j = k + 1; j < n; j++)
                {
                    var v = (pivot * m[i * n + j] - mik * m[k * n + j]) / previous; // exact (Sylvester's identity)
                    CheckBits(v, maxBits);
                    m[i * n + j] = v;
                }
                m[i * n + k] = BigInteger.Zero;
            }
            previous = pivot;
        }
        var det = m[n * n - 1];
        return ExactLimits.Check(new BigRational(sign < 0 ? -det : det, scale));
    }

    /// <summary>
    /// Solves A X = B for square A by fraction-free Gauss-Jordan elimination (Bareiss's division step applied to the
    /// rows above the pivot too): after clearing denominators row by row, every intermediate entry is a minor of
    /// [A | B], so all divisions are exact integer divisions and sizes stay bounded. At the end the left block is
    /// d I with d = ±det of the scaled A, and X = (right block) / d. Returns null when A is singular, with the rank
    /// of A's leading columns found so far in <paramref name="missingColumn"/> (the first column without a pivot).
    /// </summary>
    public static BigRational[]? Solve(ExactArray a, ExactArray b, string op, out int missingColumn)
    {
        int n = a.Rows, k = b.Rank == 2 ? b.Cols : 1, cols = n + k;
        ExactLimits.CheckOperations((double)n * n * cols, op);
        int maxBits = ExactLimits.MaxBits;
        var cancel = ExactLimits.Cancellation;
        var m = new BigInteger[n * cols];
        for (int i = 0; i < n; i++)
        {
            var l = BigInteger.One;
            for (int j = 0; j < n; j++) l = ExactArray.Lcm(l, a[i * n + j].Denominator);
            for (int j = 0; j < k; j++) l = ExactArray.Lcm(l, b[i * k + j].Denominator);
            CheckBits(l, maxBits);
            for (int j = 0; j < cols; j++)
            {
                var e = j < n ? a[i * n + j] : b[i * k + j - n];
                m[i * cols + j] = e.IsInteger ? e.Numerator * l : e.Numerator * (l / e.Denominator);
            }
        }
        var previous = BigInteger.One;
        for (int c = 0; c < n; c++)
        {
            int p = c;
            while (p < n && m[p * cols + c].IsZero) p++;
            if (p == n)
            {
                missingColumn = c;
                return null;
            }
            if (p != c)
                for (int j = 0; j < cols; j++) (m[c * cols + j], m[p * cols + j]) = (m[p * cols + j], m[c * cols + j]);
            var pivot = m[c * cols + c];
            for (int i = 0; i < n; i++)
            {
                if (i == c) continue;
                cancel.ThrowIfCancellationRequested();
                var f = m[i * cols + c];
                for (int j = 0; j < cols; j++)
                {
                    if (j == c) continue;
                    var v = BigInteger.DivRem(pivot * m[i * cols + j] - f * m[c * cols + j], previous, out var rem);
                    if (!rem.IsZero) throw new InvalidOperationException($"{op}: internal error, inexact fraction-free division");
                    CheckBits(v, maxBits);
                    m[i * cols + j] = v;
                }
                m[i * cols + c] = BigInteger.Zero;
            }
            previous = pivot;
        }
        missingColumn = -1;
        var d = previous; // every diagonal entry now equals the last pivot
        var result = new BigRational[n * k];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++)
                result[i * k + j] = ExactLimits.Check(new BigRational(m[i * cols + n + j], d));
        return result;
    }

    /// <summary>
    /// The reduced row echelon form of a matrix by fraction-free Gauss-Jordan elimination (the pivot of each column
    /// is the first nonzero entry at or below the current row): after clearing each row's denominators every
    /// intermediate entry is a minor of the input, so divisions are exact and sizes bounded; at the end every pivot
    /// equals the last one, d, and R is the reduced rows divided by d. Returns R (row-major) and the pivot columns.
    /// </summary>
    public static (BigRational[] R, int[] PivotColumns) Rref(ExactArray a, string op)
    {
        int rows = a.Rows, cols = a.Cols;
        int maxBits = ExactLimits.MaxBits;
        var cancel = ExactLimits.Cancellation;
        var m = Modular.ClearDenominators(a, null, out var scales);
        foreach (var l in scales) CheckBits(l, maxBits);
        var pivots = new List<int>();
        var previous = BigInteger.One;
        int r = 0;
        for (int c = 0; c < cols && r < rows; c++)
        {
            int p = r;
            while (p < rows && m[p * cols + c].IsZero) p++;
            if (p == rows) continue;
            if (p != r)
                for (int j = 0; j < cols; j++) (m[r * cols + j], m[p * cols + j]) = (m[p * cols + j], m[r * cols + j]);
            var pivot = m[r * cols + c];
            for (int i = 0; i < rows; i++)
            {
                if (i == r) continue;
                cancel.ThrowIfCancellationRequested();
                var f = m[i * cols + c];
                for (int j = 0; j < cols; j++)
                {
                    if (j == c) continue;
                    var v = BigInteger.DivRem(pivot * m[i * cols + j] - f * m[r * cols + j], previous, out var rem);
                    if (!rem.IsZero) throw new InvalidOperationException($"{op}: internal error, inexact fraction-free division");
                    CheckBits(v, maxBits);
                    m[i * cols + j] = v;
                }
                m[i * cols + c] = BigInteger.Zero;
            }
            previous = pivot;
            pivots.Add(c);
            r++;
        }
        var result = new BigRational[rows * cols];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < cols; j++)
                result[i * cols + j] = ExactLimits.Check(new BigRational(m[i * cols + j], previous));
        return (result, [.. pivots]);
    }

    private static void CheckBits(BigInteger v, int maxBits)
    {
        if ((long)v.GetBitLength() > maxBits) throw ExactLimits.TooManyBits(maxBits);
    }
}
