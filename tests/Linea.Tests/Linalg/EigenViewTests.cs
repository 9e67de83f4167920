using System.Numerics;
using Linea.Kernels;

namespace Linea.Tests.Linalg;

/// <summary>
/// The eigensolvers on <see cref="MatrixView{T}"/>s that are not a whole managed array: a column-major block, with a
/// leading dimension larger than its order and an offset, inside native memory (the general eigenproblem's whole
/// pipeline, gebal to the normalised eigenvectors) or inside a larger managed array (the divide and conquer, on one and
/// two threads), and balancing on a row-major view. Checked by residuals ||A v - lambda v|| / (n eps ||A||) and
/// ||V^T V - I|| / (n eps) below 30 (LAPACK's test ratio), and by the storage around the block being left untouched.
/// </summary>
public class EigenViewTests
{
    private const double Sentinel = 12345.0;

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    [InlineData(150)] // above the multishift crossover: laqr0, aggressive early deflation and laqr5 on the view
    public void EigPipelineOnABlockOfNativeMemory(int n)
    {
        int ld = n + 5, cols = n + 4;
        var rng = new Random(15 + n);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) a[i, j] = rng.NextDouble() * 2 - 1;

        // Column-major storage of ld x cols in native memory: the transpose of a row-major (cols, ld) tensor.
        using var hStore = FilledNative(cols, ld);
        using var zStore = FilledNative(cols, ld);
        var hBlock = hStore.T[3..(3 + n), 2..(2 + n)];
        var zBlock = zStore.T[3..(3 + n), 2..(2 + n)];
        var h = MatrixViews.View(hBlock);
        var z = MatrixViews.View(zBlock);
        Assert.Equal(1, h.RowStride);
        Assert.Equal(ld, h.ColStride);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) h[i, j] = a[i, j];

        var p = EigParams.Auto;
        var bal = new double[n];
        Gebal.Balance(h, bal, out int ilo, out int ihi);
        var tau = new double[Math.Max(n - 1, 1)];
        Gehrd.Reduce(ilo, ihi, h, tau, p, Parallelism.None);
        for (int j = 0; j < n; j++) h.Column(j).CopyTo(z.Column(j));
        Orghr.Form(ilo, ihi, z, tau, Parallelism.None);
        for (int j = 0; j + 2 < n; j++) h.Column(j, j + 2, n - j - 2).Clear();
        var wr = new double[n];
        var wi = new double[n];
        Assert.Equal(0, Hseqr.Run(true, true, ilo, ihi, h, wr, wi, z, p, Parallelism.None));
        var v = new double[n * n];
        var vm = MatrixView<double>.ColumnMajor(v, 0, n, n, n);
        Trevc.RightVectors(h, z, vm, p.VectorNb, Parallelism.None);
        Gebak.RightVectors(ilo, ihi, bal, vm);
        EigenvectorNormalization.Normalize<double>(wi, vm);

        double anorm = 0;
        for (int j = 0; j < n; j++)
        {
            double c = 0;
            for (int i = 0; i < n; i++) c += Math.Abs(a[i, j]);
            anorm = Math.Max(anorm, c);
        }
        double worst = 0;
        for (int j = 0; j < n; j++)
        {
            if (wi[j] < 0) continue;
            var lambda = new Complex(wr[j], wi[j]);
            double r2 = 0, x2 = 0;
            for (int i = 0; i < n; i++)
            {
                Complex ax = Complex.Zero;
                for (int k = 0; k < n; k++) ax += a[i, k] * Vec(v, n, wi[j], j, k);
                Complex xi = Vec(v, n, wi[j], j, i);
                r2 += (ax - lambda * xi).Magnitude * (ax - lambda * xi).Magnitude;
                x2 += xi.Magnitude * xi.Magnitude;
            }
            Assert.True(Math.Abs(Math.Sqrt(x2) - 1) <= 30 * n * Eps, $"eigenvector {j} has norm {Math.Sqrt(x2)}");
            worst = Math.Max(worst, Math.Sqrt(r2) / (n * Eps * Math.Max(anorm, 1e-300)));
        }
        Assert.True(worst < 30, $"residual ratio {worst}");
        AssertOutsideUntouched(hStore, 3, 2, n);
        AssertOutsideUntouched(zStore, 3, 2, n);
    }

    [Theory]
    [InlineData(100, 1)]
    [InlineData(300, 2)] // above Stedc.ParallelHalvesMin: the halves on two threads through the pinned address
    public void StedcOnABlockOfALargerArray(int n, int threads)
    {
        var rng = new Random(7 + n);
        var d = new double[n];
        var e = new double[Math.Max(n - 1, 0)];
        for (int i = 0; i < n; i++) d[i] = rng.NextDouble() * 2 - 1;
        for (int i = 0; i + 1 < n; i++) e[i] = rng.NextDouble() * 2 - 1;
        var d0 = (double[])d.Clone();
        var e0 = (double[])e.Clone();
        int ld = n + 7, off = 5 + 3 * ld;
        var store = new double[off + ld * (n + 2)];
        Array.Fill(store, Sentinel);
        var z = MatrixView<double>.ColumnMajor(store, off, n, n, ld);
        Assert.True(Stedc.Solve<double>(d, e, z, new Parallelism(threads), new double[Stedc.WorkspaceSize(n)], new int[Stedc.IntWorkspaceSize(n)], leafSize: 16));

        double tnorm = 0;
        for (int i = 0; i < n; i++) tnorm = Math.Max(tnorm, Math.Abs(d0[i]) + (i > 0 ? Math.Abs(e0[i - 1]) : 0) + (i + 1 < n ? Math.Abs(e0[i]) : 0));
        double res = 0, orth = 0;
        for (int j = 0; j < n; j++)
        {
            double r2 = 0;
            for (int i = 0; i < n; i++)
            {
                double tz = d0[i] * z[i, j] + (i > 0 ? e0[i - 1] * z[i - 1, j] : 0) + (i + 1 < n ? e0[i] * z[i + 1, j] : 0);
                r2 += (tz - d[j] * z[i, j]) * (tz - d[j] * z[i, j]);
            }
            res = Math.Max(res, Math.Sqrt(r2));
            for (int k = 0; k <= j; k++)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += z[i, j] * z[i, k];
                orth = Math.Max(orth, Math.Abs(s - (j == k ? 1 : 0)));
            }
        }
        Assert.True(res / (n * Eps * tnorm) < 30, $"residual ratio {res / (n * Eps * tnorm)}");
        Assert.True(orth / (n * Eps) < 30, $"orthogonality ratio {orth / (n * Eps)}");
        for (int idx = 0; idx < store.Length; idx++)
        {
            long rel = idx - off;
            bool inside = rel >= 0 && rel % ld < n && rel / ld < n;
            if (!inside) Assert.Equal(Sentinel, store[idx]);
        }
    }

    [Fact]
    public void BalancingARowMajorViewMatchesItsColumnMajorCopy()
    {
        // A badly scaled matrix (entries spread over 2^-20 .. 2^20) with a zero row and column to isolate.
        const int n = 30;
        var rng = new Random(3);
        var rowMajor = new double[n * n];
        var colMajor = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double x = i == 4 && j != 4 || j == 9 && i != 9 ? 0 : (rng.NextDouble() - 0.5) * Math.ScaleB(1.0, rng.Next(-20, 21));
                rowMajor[i * n + j] = x;
                colMajor[i + j * n] = x;
            }
        var s1 = new double[n];
        var s2 = new double[n];
        var rm = MatrixView<double>.RowMajor(rowMajor, n, n);
        Gebal.Balance(rm, s1, out int ilo1, out int ihi1);
        Gebal.Balance(MatrixView<double>.ColumnMajor(colMajor, 0, n, n, n), s2, out int ilo2, out int ihi2);
        Assert.Equal(ilo2, ilo1);
        Assert.Equal(ihi2, ihi1);
        Assert.True(ilo1 > 0 || ihi1 < n - 1, "the zero row and column isolate eigenvalues");
        Assert.Equal(s2, s1);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) Assert.Equal(colMajor[i + j * n], rowMajor[i * n + j]);
    }

    private const double Eps = 2.220446049250313e-16; // the unit in the last place of 1 (LAPACK's dlamch('P'))

    /// <summary>Entry i of eigenvector j from LAPACK's packed real form (wi = the imaginary part of eigenvalue j).</summary>
    private static Complex Vec(double[] v, int n, double wi, int j, int i) =>
        wi == 0 ? new Complex(v[i + j * n], 0) : new Complex(v[i + j * n], v[i + (j + 1) * n]);

    private static NDArray<double> FilledNative(int rows, int cols)
    {
        var t = NDArray.Zeros<double>(new Shape(rows, cols), StorageKind.Native);
        Assert.Equal(StorageKind.Native, t.StorageKind);
        var all = MatrixViews.View(t);
        for (int i = 0; i < rows; i++) all.Row(i).Fill(Sentinel);
        return t;
    }

    private static void AssertOutsideUntouched(NDArray<double> store, int r0, int c0, int n)
    {
        var t = MatrixViews.View(store.T);
        for (long i = 0; i < t.Rows; i++)
            for (long j = 0; j < t.Cols; j++)
            {
                bool inside = i >= r0 && i < r0 + n && j >= c0 && j < c0 + n;
                if (!inside) Assert.Equal(Sentinel, t[i, j]);
            }
    }
}
