using System.Numerics;

namespace Linea;

/// <summary>
/// In-place sparse triangular solves over CSR rows, the application step of every incomplete factorisation. A triangle
/// is given by its rows' entries <c>col/val[start[i] .. end[i])</c> (strictly below or strictly above the diagonal) and
/// the inverse of its diagonal (null for a unit diagonal). Each is one pass over the triangle's entries, nothing allocated.
/// </summary>
internal static class TriangularSweeps
{
    /// <summary>Solves L y = y (forward substitution).</summary>
    public static void Lower<T>(ReadOnlySpan<int> start, ReadOnlySpan<int> end, int[] col, T[] val, T[]? invDiag, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < y.Length; i++)
        {
            T s = y[i];
            for (int p = start[i]; p < end[i]; p++) s -= val[p] * y[col[p]];
            y[i] = invDiag is null ? s : s * invDiag[i];
        }
    }

    /// <summary>Solves U y = y (backward substitution).</summary>
    public static void Upper<T>(ReadOnlySpan<int> start, ReadOnlySpan<int> end, int[] col, T[] val, T[]? invDiag, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = y.Length - 1; i >= 0; i--)
        {
            T s = y[i];
            for (int p = start[i]; p < end[i]; p++) s -= val[p] * y[col[p]];
            y[i] = invDiag is null ? s : s * invDiag[i];
        }
    }

    /// <summary>Solves L^T y = y for L stored by rows (strictly lower entries): a column sweep from the last row up.</summary>
    public static void LowerTransposed<T>(ReadOnlySpan<int> start, ReadOnlySpan<int> end, int[] col, T[] val, T[]? invDiag, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = y.Length - 1; i >= 0; i--)
        {
            T yi = invDiag is null ? y[i] : y[i] * invDiag[i];
            y[i] = yi;
            for (int p = start[i]; p < end[i]; p++) y[col[p]] -= val[p] * yi;
        }
    }

    /// <summary>Solves U^T y = y for U stored by rows (strictly upper entries): a column sweep from the first row down.</summary>
    public static void UpperTransposed<T>(ReadOnlySpan<int> start, ReadOnlySpan<int> end, int[] col, T[] val, T[]? invDiag, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < y.Length; i++)
        {
            T yi = invDiag is null ? y[i] : y[i] * invDiag[i];
            y[i] = yi;
            for (int p = start[i]; p < end[i]; p++) y[col[p]] -= val[p] * yi;
        }
    }
}
