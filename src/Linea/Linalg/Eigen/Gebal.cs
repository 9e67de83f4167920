using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Balancing of a general matrix before its eigenvalues are computed (LAPACK's gebal with job 'B'), in place on an
/// n x n matrix view (any strides; column-major is the fast layout):
/// <list type="number">
/// <item>A permutation P^T A P isolates eigenvalues: rows whose off-diagonal entries (in the still active columns) are
/// all zero are moved to the bottom, then columns whose off-diagonal entries (in the active rows) are all zero to the
/// left. The result is upper triangular outside rows and columns ilo..ihi, whose diagonal entries there are
/// eigenvalues.</item>
/// <item>A diagonal similarity D^-1 A D on rows and columns ilo..ihi, with powers of two on the diagonal of D (exact),
/// makes each row and column pair of about equal 2-norm; this reduces the norm and so the error bound of the
/// eigenvalues (Parlett and Reinsch's algorithm, with LAPACK's 0.95 progress test and range guards).</item>
/// </list>
/// O(n^2) per permutation search and per scaling sweep; a few sweeps in practice.
/// </summary>
internal static class Gebal
{
    /// <summary>
    /// Balances the n x n view a in place. On return rows and columns outside ilo..ihi (0-based, inclusive) hold isolated
    /// eigenvalues; <paramref name="scale"/>[j] is the index row and column j were swapped with for j &lt; ilo or
    /// j &gt; ihi, and the scaling factor d_j for ilo &lt;= j &lt;= ihi. For n = 0, ilo = 0 and ihi = -1.
    /// </summary>
    public static void Balance<T>(in MatrixView<T> a, Span<T> scale, out int ilo, out int ihi) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)a.Rows);
        int k = 0, l = n - 1;
        if (n == 0) { ilo = 0; ihi = -1; return; }

        // Rows isolating an eigenvalue go to the bottom.
        bool found = true;
        while (found)
        {
            found = false;
            for (int j = l; j >= 0; j--)
            {
                if (!RowIsolated(a, j, 0, l)) continue;
                scale[l] = T.CreateTruncating(j);
                Exchange(n, a, j, l, k, l);
                if (l == 0) { ilo = ihi = 0; return; }
                l--;
                found = true;
                break;
            }
        }

        // Columns isolating an eigenvalue go to the left.
        found = true;
        while (found)
        {
            found = false;
            for (int j = k; j <= l; j++)
            {
                if (!ColumnIsolated(a, j, k, l)) continue;
                scale[k] = T.CreateTruncating(j);
                Exchange(n, a, j, k, k, l);
                k++;
                found = true;
                break;
            }
        }

        for (int i = k; i <= l; i++) scale[i] = T.One;
        ilo = k;
        ihi = l;
        ScaleRowsAndColumns(n, a, scale, k, l);
    }

    /// <summary>Whether row j has no nonzero entry in columns 0..l other than the diagonal.</summary>
    private static bool RowIsolated<T>(in MatrixView<T> a, int j, int from, int l) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = from; i <= l; i++)
            if (i != j && a[j, i] != T.Zero) return false;
        return true;
    }

    /// <summary>Whether column j has no nonzero entry in rows k..l other than the diagonal.</summary>
    private static bool ColumnIsolated<T>(in MatrixView<T> a, int j, int k, int l) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = k; i <= l; i++)
            if (i != j && a[i, j] != T.Zero) return false;
        return true;
    }

    /// <summary>Swaps rows and columns j and m (columns over rows 0..l, rows over columns k..n-1: the rest is zero).</summary>
    private static void Exchange<T>(int n, in MatrixView<T> a, int j, int m, int k, int l) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (j == m) return;
        for (int r = 0; r <= l; r++) (a[r, j], a[r, m]) = (a[r, m], a[r, j]);
        for (int c = k; c < n; c++) (a[j, c], a[m, c]) = (a[m, c], a[j, c]);
    }

    /// <summary>
    /// The iterative scaling of rows and columns k..l: each sweep multiplies column i by a power of two f and row i by
    /// 1/f when that reduces ||column i|| + ||row i|| (2-norms over the active block) below 0.95 of its value, without
    /// pushing the largest entries of the row or column (over all of it) out of range; stops after a sweep that changes
    /// nothing. The row norms and maxima come from one column-oriented pass per sweep, kept up to date as columns are
    /// scaled (a row-by-row walk of a column-major matrix would miss the cache on every entry).
    /// </summary>
    private static void ScaleRowsAndColumns<T>(int n, in MatrixView<T> a, Span<T> scale, int k, int l) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T two = T.CreateTruncating(2), factor = T.CreateTruncating(0.95);
        T sfmin1 = MachineConstants<T>.SmallNum, sfmax1 = T.One / sfmin1;
        T sfmin2 = sfmin1 * two, sfmax2 = T.One / sfmin2;
        int len = l - k + 1;
        var rowSs = new T[n];  // sum of squares of row i over columns k..l
        var rowMax = new T[n]; // largest magnitude of row i over columns k..n-1
        bool noconv = true;
        while (noconv)
        {
            noconv = false;
            RowStatistics(n, a, k, l, rowSs, rowMax);
            for (int i = k; i <= l; i++)
            {
                T c = Nrm2.Compute(a.Block(k, i, len, 1));
                T r = RowNorm(a, i, k, len, rowSs[i]);
                T ca = T.Zero, ra = rowMax[i];
                for (int p = 0; p <= l; p++) ca = T.Max(ca, T.Abs(a[p, i]));
                if (c == T.Zero || r == T.Zero) continue;

                T g = r / two, f = T.One, s = c + r;
                while (c < g && T.Max(f, T.Max(c, ca)) < sfmax2 && T.Min(r, T.Min(g, ra)) > sfmin2)
                {
                    f *= two; c *= two; ca *= two;
                    r /= two; g /= two; ra /= two;
                }
                g = c / two;
                while (g >= r && T.Max(r, ra) < sfmax2 && T.Min(T.Min(f, c), T.Min(g, ca)) > sfmin2)
                {
                    f /= two; c /= two; g /= two; ca /= two;
                    r *= two; ra *= two;
                }

                if (c + r >= factor * s) continue;
                if (f < T.One && scale[i] < T.One && f * scale[i] <= sfmin1) continue;
                if (f > T.One && scale[i] > T.One && scale[i] >= sfmax1 / f) continue;
                g = T.One / f;
                scale[i] *= f;
                noconv = true;
                for (int p = k; p < n; p++) a[i, p] *= g;
                // Column i changes one entry of every other row: update their statistics (exactly, powers of two).
                for (int j = k; j <= l; j++)
                {
                    if (j == i) continue;
                    T x = T.Abs(a[j, i]);
                    if (x == T.Zero) continue;
                    rowSs[j] += x * x * (f * f - T.One);
                    if (f > T.One) rowMax[j] = T.Max(rowMax[j], x * f);
                    else if (x == rowMax[j])
                    {
                        T m = x * f;
                        for (int p = k; p < n; p++) if (p != i) m = T.Max(m, T.Abs(a[j, p]));
                        rowMax[j] = m;
                    }
                }
                Householder.Scale(f, a.Block(0, i, l + 1, 1));
                T ss = T.Zero, mx = T.Zero;
                for (int p = k; p < n; p++)
                {
                    T y = a[i, p];
                    if (p <= l) ss += y * y;
                    mx = T.Max(mx, T.Abs(y));
                }
                rowSs[i] = ss;
                rowMax[i] = mx;
            }
        }
    }

    /// <summary>Sums of squares over columns k..l and largest magnitudes over columns k..n-1 of rows k..l, by columns.</summary>
    private static void RowStatistics<T>(int n, in MatrixView<T> a, int k, int l, T[] rowSs, T[] rowMax) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Array.Clear(rowSs);
        Array.Clear(rowMax);
        for (int c = k; c < n; c++)
        {
            bool active = c <= l;
            for (int i = k; i <= l; i++)
            {
                T y = a[i, c];
                if (active) rowSs[i] += y * y;
                rowMax[i] = T.Max(rowMax[i], T.Abs(y));
            }
        }
    }

    /// <summary>The 2-norm of row i over len columns from k: from its sum of squares when that is safely in range,
    /// else recomputed with scaling (<see cref="Nrm2"/>).</summary>
    private static T RowNorm<T>(in MatrixView<T> a, int i, int k, int len, T sumOfSquares) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T small = MachineConstants<T>.SumOfSquaresFloor;
        if (T.IsFinite(sumOfSquares) && sumOfSquares >= small) return T.Sqrt(sumOfSquares);
        return Nrm2.Compute(a.Block(i, k, 1, len).Transposed);
    }
}
