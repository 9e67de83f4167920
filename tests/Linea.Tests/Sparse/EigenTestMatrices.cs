namespace Linea.Tests.Sparse;

/// <summary>Small sparse symmetric test matrices built with Sparse.Coo, and checks shared by the eigensolver tests.</summary>
internal static class EigenTestMatrices
{
    /// <summary>The 1-D Poisson matrix tridiag(-1, 2, -1) of order n; eigenvalues 2 - 2 cos(j pi / (n + 1)).</summary>
    public static SparseMatrix<double> Poisson1D(int n) => SparseTestProblems.Poisson1D<double>(n);

    /// <summary>The 2-D Poisson matrix (5-point stencil: 4 on the diagonal, -1 to the grid neighbours) on a g x g grid.</summary>
    public static SparseMatrix<T> Poisson2D<T>(int g) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        SparseTestProblems.Poisson2D<T>(g);

    /// <summary>A random sparse symmetric n x n matrix: about <paramref name="perRow"/> off-diagonal pairs per row plus a diagonal.</summary>
    public static SparseMatrix<double> RandomSymmetric(int n, int perRow, int seed)
    {
        var rng = new System.Random(seed);
        var r = new List<int>(); var c = new List<int>(); var v = new List<double>();
        for (int i = 0; i < n; i++)
        {
            r.Add(i); c.Add(i); v.Add(rng.NextDouble() * 2 - 1);
            for (int t = 0; t < perRow; t++)
            {
                int j = rng.Next(n); double x = rng.NextDouble() * 2 - 1;
                r.Add(i); c.Add(j); v.Add(x); r.Add(j); c.Add(i); v.Add(x);
            }
        }
        return Linea.Sparse.Coo<double>(n, n, r.ToArray(), c.ToArray(), v.ToArray());
    }

    /// <summary>The diagonal matrix diag(d).</summary>
    public static SparseMatrix<double> Diagonal(double[] d)
    {
        var idx = Enumerable.Range(0, d.Length).ToArray();
        return Linea.Sparse.Coo<double>(d.Length, d.Length, idx, idx, d);
    }

    /// <summary>max over j of ||A v_j - w_j v_j||.</summary>
    public static double MaxResidual(ILinearOperator<double> a, NDArray<double> w, NDArray<double> v)
    {
        int n = a.Rows, k = (int)w.Shape[0];
        var x = new double[n]; var y = new double[n]; double worst = 0;
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < n; i++) x[i] = v[i, j];
            a.Matvec(x, y);
            double s = 0;
            for (int i = 0; i < n; i++) { double d = y[i] - w[j] * x[i]; s += d * d; }
            worst = Math.Max(worst, Math.Sqrt(s));
        }
        return worst;
    }

    /// <summary>max |V^T V - I| entrywise for the n x k V.</summary>
    public static double OrthogonalityError(NDArray<double> v)
    {
        int n = (int)v.Shape[0], k = (int)v.Shape[1]; double worst = 0;
        for (int p = 0; p < k; p++)
            for (int q = 0; q < k; q++)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += v[i, p] * v[i, q];
                worst = Math.Max(worst, Math.Abs(s - (p == q ? 1 : 0)));
            }
        return worst;
    }

    /// <summary>The dense eigenvalues, ascending.</summary>
    public static double[] DenseEigenvalues(SparseMatrix<double> a) => Linea.Linalg.Eigvalsh(a.ToDense()).ToArray();
}
