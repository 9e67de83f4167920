using System.Numerics;

namespace Linea;

/// <summary>
/// The sparse factors of P A Q = L U in compressed columns, as <see cref="GilbertPeierlsLu"/> leaves them: L unit lower
/// triangular with its unit diagonal stored first in each column, U upper triangular with its diagonal stored last in
/// each column, both with row indices in pivot order (0..n-1) and unsorted within a column. <c>P[k]</c> is the
/// original row chosen as pivot k, <c>Q[k]</c> the original column factored at step k. The index and value arrays may be
/// longer than the counts <c>Lp[N]</c> and <c>Up[N]</c>.
/// </summary>
internal sealed class LuFactors<T>(int n, int[] lp, int[] li, T[] lx, int[] up, int[] ui, T[] ux, int[] p, int[] q)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly int N = n;
    public readonly int[] Lp = lp, Li = li, Up = up, Ui = ui, P = p, Q = q;
    public readonly T[] Lx = lx, Ux = ux;

    /// <summary>The order of the trailing block factored dense (0 when every column was factored sparse).</summary>
    public int DenseTailOrder { get; init; }

    public int NnzL => Lp[N];

    public int NnzU => Up[N];

    /// <summary>U[k, k], the k-th pivot.</summary>
    public T Pivot(int k) => Ux[Up[k + 1] - 1];

    /// <summary>Overwrites y with L^-1 y (y in pivot order), column by column. O(nnz(L)).</summary>
    public void SolveL(Span<T> y)
    {
        for (int k = 0; k < N; k++)
        {
            T yk = y[k];
            if (yk == T.Zero) continue;
            for (int t = Lp[k] + 1, end = Lp[k + 1]; t < end; t++) y[Li[t]] -= Lx[t] * yk;
        }
    }

    /// <summary>Overwrites y with U^-1 y, column by column from the last. O(nnz(U)).</summary>
    public void SolveU(Span<T> y)
    {
        for (int k = N - 1; k >= 0; k--)
        {
            int end = Up[k + 1] - 1;
            T yk = y[k] / Ux[end];
            y[k] = yk;
            if (yk == T.Zero) continue;
            for (int t = Up[k]; t < end; t++) y[Ui[t]] -= Ux[t] * yk;
        }
    }

    /// <summary>Overwrites y with U^-T y: forward, one dot product per column of U. O(nnz(U)).</summary>
    public void SolveUTransposed(Span<T> y)
    {
        for (int k = 0; k < N; k++)
        {
            int end = Up[k + 1] - 1;
            T s = y[k];
            for (int t = Up[k]; t < end; t++) s -= Ux[t] * y[Ui[t]];
            y[k] = s / Ux[end];
        }
    }

    /// <summary>Overwrites y with L^-T y: backward, one dot product per column of L. O(nnz(L)).</summary>
    public void SolveLTransposed(Span<T> y)
    {
        for (int k = N - 1; k >= 0; k--)
        {
            T s = y[k];
            for (int t = Lp[k] + 1, end = Lp[k + 1]; t < end; t++) s -= Lx[t] * y[Li[t]];
            y[k] = s;
        }
    }

    /// <summary>x = A^-1 b = Q U^-1 L^-1 P b, with <paramref name="work"/> of length n. b and x may alias.</summary>
    public void Solve(ReadOnlySpan<T> b, Span<T> x, Span<T> work)
    {
        for (int k = 0; k < N; k++) work[k] = b[P[k]];
        SolveL(work);
        SolveU(work);
        for (int k = 0; k < N; k++) x[Q[k]] = work[k];
    }

    /// <summary>x = A^-T b = P^T L^-T U^-T Q^T b, with <paramref name="work"/> of length n. b and x may alias.</summary>
    public void SolveTransposed(ReadOnlySpan<T> b, Span<T> x, Span<T> work)
    {
        for (int k = 0; k < N; k++) work[k] = b[Q[k]];
        SolveUTransposed(work);
        SolveLTransposed(work);
        for (int k = 0; k < N; k++) x[P[k]] = work[k];
    }
}
