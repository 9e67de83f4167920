using System.Numerics;

namespace Linea;

/// <summary>
/// What the numeric sparse QR of a tall m x n matrix F (columns in the order <see cref="Perm"/>) produced: Q^T F[:, perm]
/// (the fronts' reflectors applied in order) has R(k, :) on row <see cref="PivotRow"/>[k] for each live column k and (up
/// to the dropped entries of dead columns) zeros on every other row. Rows are original row indices of F.
/// </summary>
internal sealed class SparseQrFactors<T>(int rows, int columns, int[] perm, int[] pivotRow, T[] diag, FrontQ<T>[] fronts,
    SparseMatrix<T> r) where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _maxFrontRows = fronts.Length == 0 ? 0 : fronts.Max(f => f.RowIds.Length);

    public int Rows { get; } = rows;
    public int Columns { get; } = columns;
    public int[] Perm { get; } = perm;
    /// <summary>The row of F that holds R's row k, or -1 when column k is dead (dependent).</summary>
    public int[] PivotRow { get; } = pivotRow;
    public T[] Diag { get; } = diag;
    public SparseMatrix<T> R { get; } = r;
    public int FrontCount => fronts.Length;
    public long NnzV => fronts.Sum(f => f.Nnz);

    /// <summary>y := Q^T y in F's row numbering (before the row permutation): the fronts in order. O(nnz(V)).</summary>
    public void ApplyQTInPlace(Span<T> y)
    {
        var work = new T[_maxFrontRows];
        foreach (var f in fronts) f.Apply(y, work, transpose: true);
    }

    /// <summary>y := Q y in F's row numbering: the fronts in reverse. O(nnz(V)).</summary>
    public void ApplyQInPlace(Span<T> y)
    {
        var work = new T[_maxFrontRows];
        for (int i = fronts.Length - 1; i >= 0; i--) fronts[i].Apply(y, work, transpose: false);
    }

    /// <summary>
    /// The row order that makes Q^T F P = [R; 0] exact: position k &lt; n holds live column k's pivot row; the dead
    /// columns' positions and positions n..m-1 take the unused rows in increasing order.
    /// </summary>
    public int[] RowOrder()
    {
        var order = new int[Rows];
        var used = new bool[Rows];
        foreach (int p in PivotRow) if (p >= 0) used[p] = true;
        int nextUnused = 0;
        for (int k = 0; k < Rows; k++)
        {
            if (k < Columns && PivotRow[k] >= 0) { order[k] = PivotRow[k]; continue; }
            while (used[nextUnused]) nextUnused++;
            order[k] = nextUnused++;
        }
        return order;
    }

    /// <summary>
    /// Back substitution R(live, live) z(live) = c(live), z(dead) = 0, in place on <paramref name="z"/> (length n, R's
    /// row numbering). Each live column divides by its diagonal then updates the rows above it. O(nnz(R)).
    /// </summary>
    public void SolveUpperInPlace(Span<T> z)
    {
        for (int k = Columns - 1; k >= 0; k--)
        {
            if (PivotRow[k] < 0) { z[k] = T.Zero; continue; }
            T xk = z[k] / Diag[k];
            z[k] = xk;
            var idx = R.RunIndices(k);
            var val = R.RunValues(k);
            for (int p = 0; p < idx.Length; p++)
                if (idx[p] < k) z[idx[p]] -= val[p] * xk;
        }
    }

    /// <summary>
    /// Forward substitution R(live, live)^T z(live) = c(live), z(dead) = 0, in place (R's column k is R^T's row k).
    /// The equations of dead columns are skipped. O(nnz(R)).
    /// </summary>
    public void SolveUpperTransposedInPlace(Span<T> z)
    {
        for (int k = 0; k < Columns; k++)
        {
            if (PivotRow[k] < 0) { z[k] = T.Zero; continue; }
            T s = z[k];
            var idx = R.RunIndices(k);
            var val = R.RunValues(k);
            for (int p = 0; p < idx.Length; p++)
                if (idx[p] < k) s -= val[p] * z[idx[p]];
            z[k] = s / Diag[k];
        }
    }
}
