using System.Numerics;

namespace Linea.Tests.Sparse.Direct;

/// <summary>Symmetric test matrices for the sparse Cholesky and LDL^T, and the checks they share.</summary>
internal static class CholeskyTestMatrices
{
    /// <summary>
    /// A random sparse SPD n x n matrix: about <paramref name="perRow"/> symmetric off-diagonal pairs per row with values
    /// in [-1, 1], and a diagonal of 1 plus the row's absolute sum (strictly diagonally dominant, so SPD).
    /// </summary>
    public static SparseMatrix<T> RandomSpd<T>(int n, int perRow, int seed, SparseFormat format = SparseFormat.Csc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new System.Random(seed);
        var r = new List<int>(); var c = new List<int>(); var v = new List<T>();
        var diag = new double[n];
        for (int i = 0; i < n; i++)
            for (int t = 0; t < perRow; t++)
            {
                int j = rng.Next(n);
                if (j == i) continue;
                double x = rng.NextDouble() * 2 - 1;
                r.Add(i); c.Add(j); v.Add(T.CreateChecked(x));
                r.Add(j); c.Add(i); v.Add(T.CreateChecked(x));
                diag[i] += Math.Abs(x); diag[j] += Math.Abs(x);
            }
        for (int i = 0; i < n; i++) { r.Add(i); c.Add(i); v.Add(T.CreateChecked(1 + diag[i])); }
        var coo = Linea.Sparse.Coo<T>(n, n, r.ToArray(), c.ToArray(), v.ToArray());
        return coo.AsFormat(format);
    }

    /// <summary>The 3-D Poisson matrix (7-point stencil, 6 on the diagonal) on a g x g x g grid, CSC.</summary>
    public static SparseMatrix<T> Poisson3D<T>(int g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new List<int>(); var c = new List<int>(); var v = new List<T>();
        for (int i = 0; i < g; i++)
            for (int j = 0; j < g; j++)
                for (int k = 0; k < g; k++)
                {
                    int p = (i * g + j) * g + k;
                    r.Add(p); c.Add(p); v.Add(T.CreateChecked(6));
                    foreach (int q in new[] { k + 1 < g ? p + 1 : -1, j + 1 < g ? p + g : -1, i + 1 < g ? p + g * g : -1 })
                        if (q >= 0) { r.Add(p); c.Add(q); v.Add(-T.One); r.Add(q); c.Add(p); v.Add(-T.One); }
                }
        return Linea.Sparse.Coo<T>(g * g * g, g * g * g, r.ToArray(), c.ToArray(), v.ToArray()).ToCsc();
    }

    /// <summary>
    /// The KKT matrix [[H, B^T], [B, -delta I]] of order n + m: H = a random SPD n x n, B a random m x n sparse matrix
    /// (with a unit entry per row so it has full row rank structurally). Symmetric quasi-definite, indefinite.
    /// </summary>
    public static SparseMatrix<double> Kkt(int n, int m, double delta, int seed)
    {
        var h = RandomSpd<double>(n, 3, seed).ToCsr();
        var rng = new System.Random(seed + 1);
        var r = new List<int>(); var c = new List<int>(); var v = new List<double>();
        for (int i = 0; i < n; i++)
        {
            var idx = h.IndicesOf(i); var val = h.ValuesOf(i);
            for (int q = 0; q < idx.Length; q++) { r.Add(i); c.Add(idx[q]); v.Add(val[q]); }
        }
        for (int i = 0; i < m; i++)
        {
            for (int t = 0; t < 3; t++)
            {
                int j = t == 0 ? i % n : rng.Next(n);
                double x = t == 0 ? 1 : rng.NextDouble() * 2 - 1;
                r.Add(n + i); c.Add(j); v.Add(x);
                r.Add(j); c.Add(n + i); v.Add(x);
            }
            r.Add(n + i); c.Add(n + i); v.Add(-delta);
        }
        return Linea.Sparse.Coo<double>(n + m, n + m, r.ToArray(), c.ToArray(), v.ToArray()).ToCsc();
    }

    /// <summary>
    /// A nested-dissection permutation of the g x g grid (row-major numbering): split the longer side at its middle
    /// line, order both halves recursively, the separator line last. Gives a bushy elimination tree.
    /// </summary>
    public static int[] GridDissection(int g)
    {
        var order = new List<int>(g * g);
        void Recurse(int r0, int r1, int c0, int c1)
        {
            if (r1 <= r0 || c1 <= c0) return;
            if ((r1 - r0) * (c1 - c0) <= 4)
            {
                for (int r = r0; r < r1; r++) for (int c = c0; c < c1; c++) order.Add(r * g + c);
                return;
            }
            if (r1 - r0 >= c1 - c0)
            {
                int mid = (r0 + r1) / 2;
                Recurse(r0, mid, c0, c1); Recurse(mid + 1, r1, c0, c1);
                for (int c = c0; c < c1; c++) order.Add(mid * g + c);
            }
            else
            {
                int mid = (c0 + c1) / 2;
                Recurse(r0, r1, c0, mid); Recurse(r0, r1, mid + 1, c1);
                for (int r = r0; r < r1; r++) order.Add(r * g + mid);
            }
        }
        Recurse(0, g, 0, g);
        return order.ToArray();
    }

    /// <summary>A random permutation of 0..n-1.</summary>
    public static int[] RandomPermutation(int n, int seed)
    {
        var p = Enumerable.Range(0, n).ToArray();
        new System.Random(seed).Shuffle(p);
        return p;
    }

    /// <summary>||A||_1 (max column sum of |A|) from the stored values.</summary>
    public static double Norm1<T>(SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var csc = a.ToCsc();
        double max = 0;
        for (int j = 0; j < a.Columns; j++)
        {
            double s = 0;
            foreach (var x in csc.ValuesOf(j)) s += Math.Abs(double.CreateChecked(x));
            max = Math.Max(max, s);
        }
        return max;
    }

    /// <summary>The relative residual ||A x - b||_1 / (||A||_1 ||x||_1 + ||b||_1), evaluated in double.</summary>
    public static double RelativeResidual<T>(SparseMatrix<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var csr = a.ToCsr();
        double r = 0, nx = 0, nb = 0;
        for (int i = 0; i < a.Rows; i++)
        {
            double ri = double.CreateChecked(b[i]);
            var idx = csr.IndicesOf(i); var val = csr.ValuesOf(i);
            for (int k = 0; k < idx.Length; k++) ri -= double.CreateChecked(val[k]) * double.CreateChecked(x[idx[k]]);
            r += Math.Abs(ri);
            nx += Math.Abs(double.CreateChecked(x[i]));
            nb += Math.Abs(double.CreateChecked(b[i]));
        }
        return r / (Norm1(a) * nx + nb);
    }

    /// <summary>The backward-error allowance c n eps for a solve of order n (c = 4).</summary>
    public static double Allowance<T>(int n) where T : unmanaged, IFloatingPointIeee754<T> =>
        4.0 * Math.Max(n, 1) * double.CreateChecked(T.BitIncrement(T.One) - T.One);
}
