using System.Numerics;

namespace Linea.Tests.Sparse;

/// <summary>Sparse test matrices built through Sparse.Coo: finite-difference Poisson, convection-diffusion, random.</summary>
internal static class SparseTestProblems
{
    /// <summary>tridiag(-1, 2, -1), n x n: SPD with eigenvalues 2 - 2 cos(k pi / (n + 1)).</summary>
    public static SparseMatrix<T> Poisson1D<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (r, c, v) = (new List<int>(), new List<int>(), new List<T>());
        for (int i = 0; i < n; i++)
        {
            r.Add(i); c.Add(i); v.Add(T.CreateChecked(2));
            if (i > 0) { r.Add(i); c.Add(i - 1); v.Add(-T.One); }
            if (i + 1 < n) { r.Add(i); c.Add(i + 1); v.Add(-T.One); }
        }
        return Linea.Sparse.Coo<T>(n, n, r.ToArray(), c.ToArray(), v.ToArray());
    }

    /// <summary>
    /// The 5-point Laplacian on a g x g grid (n = g^2), shifted by -<paramref name="shift"/> I: eigenvalues
    /// 4 - 2 cos(i pi / (g + 1)) - 2 cos(j pi / (g + 1)) - shift. Upwind convection of strength <paramref name="convection"/>
    /// in x makes it nonsymmetric (entries -1 - c to the west, -1 to the east, diagonal 4 + c).
    /// </summary>
    public static SparseMatrix<T> Poisson2D<T>(int g, double shift = 0, double convection = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g * g;
        var (r, c, v) = (new List<int>(n * 5), new List<int>(n * 5), new List<T>(n * 5));
        void Add(int i, int j, double x) { r.Add(i); c.Add(j); v.Add(T.CreateChecked(x)); }
        for (int y = 0; y < g; y++)
            for (int x = 0; x < g; x++)
            {
                int i = y * g + x;
                Add(i, i, 4 + convection - shift);
                if (x > 0) Add(i, i - 1, -1 - convection);
                if (x + 1 < g) Add(i, i + 1, -1);
                if (y > 0) Add(i, i - g, -1);
                if (y + 1 < g) Add(i, i + g, -1);
            }
        return Linea.Sparse.Coo<T>(n, n, r.ToArray(), c.ToArray(), v.ToArray());
    }

    /// <summary>A random m x n sparse matrix with about <paramref name="perRow"/> entries per row plus a diagonal weight.</summary>
    public static SparseMatrix<T> Random<T>(int m, int n, int perRow, ulong seed, double diagonal = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new System.Random((int)seed);
        var (r, c, v) = (new List<int>(), new List<int>(), new List<T>());
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k < perRow; k++) { r.Add(i); c.Add(rng.Next(n)); v.Add(T.CreateChecked(rng.NextDouble() * 2 - 1)); }
            if (diagonal != 0 && i < n) { r.Add(i); c.Add(i); v.Add(T.CreateChecked(diagonal)); }
        }
        return Linea.Sparse.Coo<T>(m, n, r.ToArray(), c.ToArray(), v.ToArray());
    }

    /// <summary>A deterministic right-hand side with entries in [-1, 1].</summary>
    public static T[] Rhs<T>(int n, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new System.Random((int)seed);
        var b = new T[n];
        for (int i = 0; i < n; i++) b[i] = T.CreateChecked(rng.NextDouble() * 2 - 1);
        return b;
    }

    /// <summary>||b - A x|| computed in double from the stored values (independent of the solver's arithmetic).</summary>
    public static double Residual<T>(SparseMatrix<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var csr = a.ToCsr();
        double s = 0;
        for (int i = 0; i < a.Rows; i++)
        {
            double ri = double.CreateChecked(b[i]);
            var idx = csr.IndicesOf(i);
            var val = csr.ValuesOf(i);
            for (int k = 0; k < idx.Length; k++) ri -= double.CreateChecked(val[k]) * double.CreateChecked(x[idx[k]]);
            s += ri * ri;
        }
        return Math.Sqrt(s);
    }

    /// <summary>The rounding allowance of a residual evaluated in T: c eps (max row sum of |A| ||x|| + ||b||).</summary>
    public static double RoundingAllowance<T>(SparseMatrix<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var csr = a.ToCsr();
        double rowMax = 0;
        for (int i = 0; i < a.Rows; i++)
        {
            double s = 0;
            foreach (var v in csr.ValuesOf(i)) s += Math.Abs(double.CreateChecked(v));
            rowMax = Math.Max(rowMax, s);
        }
        return 10 * double.CreateChecked(T.BitIncrement(T.One) - T.One) * (rowMax * Norm(x) + Norm(b)) * Math.Sqrt(Math.Max(a.Rows, 1));
    }

    public static double Norm<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double s = 0;
        foreach (var v in x) s += double.CreateChecked(v) * double.CreateChecked(v);
        return Math.Sqrt(s);
    }

    /// <summary>The extreme eigenvalues of the g x g grid Laplacian and its condition number.</summary>
    public static double Poisson2DCondition(int g)
    {
        double h = Math.PI / (g + 1);
        double min = 4 - 4 * Math.Cos(h), max = 4 + 4 * Math.Cos(h);
        return max / min;
    }
}
