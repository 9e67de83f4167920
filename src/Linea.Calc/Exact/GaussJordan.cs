namespace Linea.Calc.Exact;

/// <summary>Exact Gauss-Jordan elimination to reduced row echelon form, in place on a row-major rational matrix.</summary>
internal static class GaussJordan
{
    /// <summary>
    /// Reduces the rows x cols matrix <paramref name="m"/> (row-major) to reduced row echelon form, looking for
    /// pivots only in the first <paramref name="pivotColumns"/> columns (the coefficient part of an augmented
    /// matrix). The pivot of each column is the first nonzero entry at or below the current row. Returns the pivot
    /// columns in order. Every new number is checked against <see cref="ExactLimits.MaxBits"/>.
    /// </summary>
    public static int[] Reduce(BigRational[] m, int rows, int cols, int pivotColumns, string op)
    {
        ExactLimits.CheckOperations((double)rows * cols * Math.Min(rows, pivotColumns), op);
        var pivots = new List<int>();
        int r = 0;
        for (int c = 0; c < pivotColumns && r < rows; c++)
        {
            int p = r;
            while (p < rows && m[p * cols + c].IsZero) p++;
            if (p == rows) continue;
            if (p != r) SwapRows(m, cols, p, r);
            var pivot = m[r * cols + c];
            if (pivot != BigRational.One)
            {
                var inv = pivot.Reciprocal();
                for (int j = c; j < cols; j++) m[r * cols + j] = ExactLimits.Check(m[r * cols + j] * inv);
            }
            for (int i = 0; i < rows; i++)
            {
                if (i == r) continue;
                var f = m[i * cols + c];
                if (f.IsZero) continue;
                for (int j = c; j < cols; j++)
                {
                    var v = m[r * cols + j];
                    if (!v.IsZero) m[i * cols + j] = ExactLimits.Check(m[i * cols + j] - f * v);
                }
            }
            pivots.Add(c);
            r++;
        }
        return [.. pivots];
    }

    public static void SwapRows(BigRational[] m, int cols, int a, int b)
    {
        for (int j = 0; j < cols; j++) (m[a * cols + j], m[b * cols + j]) = (m[b * cols + j], m[a * cols + j]);
    }

    /// <summary>The first column (below <paramref name="limit"/>) that is not a pivot column.</summary>
    public static int FirstNonPivot(int[] pivots, int limit)
    {
        for (int c = 0; c < limit; c++)
            if (c >= pivots.Length || pivots[c] != c) return c;
        return limit;
    }
}
