using System.Numerics;
using Linea.Kernels;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

/// <summary>
/// Householder QR (geqrf, orgqr, ormqr, the triangular solve) and column-pivoted QR on <see cref="MatrixView{T}"/>s
/// that are not a whole column-major array: a block with an offset and a leading dimension larger than its rows
/// inside a bigger array (column-contiguous, the span paths), and a transposed view (row stride = the leading
/// dimension, column stride 1: the general-stride paths); the SVD of tensor views (a sub-block, a transpose).
/// Checked by ||A - Q R|| / (||A|| max(m, n) eps), ||Q^T Q - I|| / (max(m, n) eps) and ||A - U S V^T|| below 30
/// (LAPACK's test ratio), and by the storage around the block being left untouched.
/// </summary>
public class QrSvdViewTests
{
    private const double Sentinel = 12345.0;
    private const double Ratio = 30;

    public static TheoryData<int, int, bool> QrCases => new()
    {
        { 1, 1, false }, { 7, 3, false }, { 7, 3, true }, { 3, 7, true }, { 40, 40, false }, { 40, 40, true },
        { 70, 33, false }, { 70, 33, true }, { 33, 70, true },
    };

    [Theory]
    [MemberData(nameof(QrCases))]
    public void BlockedQrOnABlockOfALargerArrayAndOnATransposedView(int m, int n, bool transposed)
    {
        var a = Random(m, n, 100 + m + n);
        // nb = 4, nx = 2: the blocked paths (larft, larfb through GEMM) run at these small sizes.
        var p = new QrParams(4, 2);
        const int r0 = 3, c0 = 2;
        int ld = (transposed ? n : m) + 5, cols = (transposed ? m : n) + 4;
        var buf = Filled(ld * cols);
        // The block at (r0, c0) of a column-major ld x cols array; transposed: A^T lives there, A is its transpose.
        var block = MatrixView<double>.ColumnMajor(buf, 0, ld, cols, ld).Block(r0, c0, transposed ? n : m, transposed ? m : n);
        var av = transposed ? block.Transposed : block;
        Assert.Equal(transposed ? ld : 1, av.RowStride);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) av[i, j] = a[i, j];

        int k = Math.Min(m, n);
        var tau = new double[k];
        Geqrf.Blocked(av, tau, p, Parallelism.None);
        var r = new double[m, n];
        for (int i = 0; i < k; i++)
            for (int j = i; j < n; j++) r[i, j] = av[i, j];

        // Q (m x m) formed by orgqr on a transposed view of its own, the first k columns seeded with the reflectors.
        var qBuf = new double[m * m];
        var q = MatrixView<double>.ColumnMajor(qBuf, 0, m, m, m).Transposed;
        for (int j = 0; j < k; j++)
            for (int i = 0; i < m; i++) q[i, j] = av[i, j];
        Orgqr.Blocked(q, k, tau, p, Parallelism.None);

        double anorm = Frobenius(a), eps = NumAssert.Eps<double>();
        var qr = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int l = 0; l < m; l++) s += q[i, l] * r[l, j];
                qr[i, j] = a[i, j] - s;
            }
        Assert.True(Frobenius(qr) <= Ratio * Math.Max(m, n) * eps * anorm, $"||A - QR|| = {Frobenius(qr)}");
        Assert.True(OrthogonalityError(q, m) <= Ratio * m * eps, $"||Q^T Q - I|| = {OrthogonalityError(q, m)}");

        // ormqr: Q^T A from the packed view equals R (on a block of another array, with general strides).
        var cBuf = Filled(2 * m * n + 7);
        var c = MatrixView<double>.Of(cBuf, 3, m, n, transposed ? n : 1, transposed ? 1 : m);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) c[i, j] = a[i, j];
        Ormqr.ApplyLeft(true, av, k, tau, c, p, Parallelism.None);
        double worst = 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) worst = Math.Max(worst, Math.Abs(c[i, j] - r[i, j]));
        Assert.True(worst <= Ratio * Math.Max(m, n) * eps * anorm, $"Q^T A differs from R by {worst}");
        Assert.Equal(Sentinel, cBuf[0]);
        Assert.Equal(Sentinel, cBuf[^1]);

        // R x = b by back substitution on the (strided) view: backward error ||b - R x|| <= c n eps ||R|| ||x||.
        if (m >= n)
        {
            var b = new double[n];
            for (int i = 0; i < n; i++) b[i] = i + 1;
            var x = (double[])b.Clone();
            Assert.Equal(-1, UpperTriangularSolve.Solve(av.Block(0, 0, n, n), MatrixView<double>.ColumnMajor(x, 0, n, 1, n)));
            double res = 0, rn = 0, xn = 0;
            for (int i = 0; i < n; i++)
            {
                double t = b[i];
                for (int j = i; j < n; j++) { t -= r[i, j] * x[j]; rn += r[i, j] * r[i, j]; }
                res += t * t;
                xn += x[i] * x[i];
            }
            Assert.True(Math.Sqrt(res) <= Ratio * n * eps * Math.Sqrt(rn) * Math.Sqrt(xn), $"||b - R x|| = {Math.Sqrt(res)}");
        }

        AssertOutsideUntouched(buf, ld, cols, r0, c0, transposed ? n : m, transposed ? m : n);
    }

    [Theory]
    [InlineData(9, 6, false)]
    [InlineData(9, 6, true)]
    [InlineData(6, 9, true)]
    public void ColumnPivotedQrOnAView(int m, int n, bool transposed)
    {
        var a = Random(m, n, 7 + m);
        const int r0 = 1, c0 = 2;
        int ld = (transposed ? n : m) + 3, cols = (transposed ? m : n) + 3;
        var buf = Filled(ld * cols);
        var block = MatrixView<double>.ColumnMajor(buf, 0, ld, cols, ld).Block(r0, c0, transposed ? n : m, transposed ? m : n);
        var av = transposed ? block.Transposed : block;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) av[i, j] = a[i, j];
        int k = Math.Min(m, n);
        var tau = new double[k];
        var jpvt = new int[n];
        Geqp3.Factor(av, tau, jpvt);
        for (int i = 1; i < k; i++) Assert.True(Math.Abs(av[i, i]) <= Math.Abs(av[i - 1, i - 1]) * (1 + 1e-12));
        // Q^T (A P) = R: apply Q^T to the permuted columns of A.
        var c = new double[m * n];
        var cv = MatrixView<double>.ColumnMajor(c, 0, m, n, m);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) cv[i, j] = a[i, jpvt[j]];
        Ormqr.ApplyLeft(true, av, k, tau, cv, QrParams.Auto, Parallelism.None);
        double worst = 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) worst = Math.Max(worst, Math.Abs(cv[i, j] - (i <= j && i < k ? av[i, j] : 0)));
        Assert.True(worst <= Ratio * Math.Max(m, n) * NumAssert.Eps<double>() * Frobenius(a), $"Q^T A P differs from R by {worst}");
        AssertOutsideUntouched(buf, ld, cols, r0, c0, transposed ? n : m, transposed ? m : n);
    }

    [Theory]
    [InlineData(20, 12)]
    [InlineData(9, 9)]
    public void BidiagonalReductionOnARowMajorBlockMatchesTheColumnMajorOne(int m, int n)
    {
        // gebd2 on a row-major block of a larger array (the general-stride paths: strided column reflectors,
        // contiguous row reflectors) gives the column-major reduction's d, e, tauq and taup up to rounding.
        var a = Random(m, n, 3 * m + n);
        var cm = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) cm[i + j * m] = a[i, j];
        int ld = n + 3;
        var buf = Filled((m + 2) * ld);
        var rm = MatrixView<double>.Of(buf, 1 * ld + 2, m, n, ld, 1);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) rm[i, j] = a[i, j];
        double[] d1 = new double[n], e1 = new double[n - 1], q1 = new double[n], p1 = new double[n];
        double[] d2 = new double[n], e2 = new double[n - 1], q2 = new double[n], p2 = new double[n];
        Gebrd.Unblocked(MatrixView<double>.ColumnMajor(cm, 0, m, n, m), d1, e1, q1, p1);
        Gebrd.Unblocked(rm, d2, e2, q2, p2);
        double tol = Ratio * Math.Max(m, n) * NumAssert.Eps<double>() * Frobenius(a);
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(d1[i] - d2[i]) <= tol, $"d[{i}]");
            Assert.True(Math.Abs(q1[i] - q2[i]) <= Ratio * m * NumAssert.Eps<double>(), $"tauq[{i}]");
            Assert.True(Math.Abs(p1[i] - p2[i]) <= Ratio * m * NumAssert.Eps<double>(), $"taup[{i}]");
            if (i < n - 1) Assert.True(Math.Abs(e1[i] - e2[i]) <= tol, $"e[{i}]");
            for (int r = 0; r < m; r++) Assert.True(Math.Abs(cm[r + i * m] - rm[r, i]) <= tol, $"reflectors at ({r}, {i})");
        }
        for (int p = 0; p < buf.Length; p++)
        {
            int i = p / ld - 1, j = p % ld - 2;
            if (i < 0 || i >= m || j < 0 || j >= n) Assert.True(buf[p] == Sentinel, $"storage at {p} outside the block was written");
        }
    }

    [Theory]
    [InlineData(12, 8)]
    [InlineData(8, 12)]
    [InlineData(60, 45)]
    public void SvdOfASubBlockAndOfATransposedTensor(int m, int n)
    {
        var big = Generators.Normal<double>([m + 5, n + 6], (ulong)(m * 31 + n));
        var sub = big[2..(2 + m), 3..(3 + n)];
        CheckSvd(sub);
        CheckSvd(sub.T);
        CheckSvd(big.T[1..(1 + n), 4..(4 + m)]);
    }

    [Theory]
    [InlineData(12, 8)]
    [InlineData(45, 60)]
    public void QrOfASubBlockAndOfATransposedTensor(int m, int n)
    {
        var big = Generators.Normal<double>([m + 4, n + 3], (ulong)(m + 17 * n));
        foreach (var a in new[] { big[1..(1 + m), 2..(2 + n)], big[1..(1 + m), 2..(2 + n)].T })
        {
            var (q, r) = Linea.Linalg.Qr(a);
            Assert.True(FactorChecks.Backward(a, FactorChecks.D(q).MatMul(FactorChecks.D(r))) <= Ratio);
            Assert.True(FactorChecks.Orthogonality(q) <= Ratio);
            FactorChecks.UpperTriangular(r);
        }
    }

    private static void CheckSvd(NDArray<double> a)
    {
        var (u, s, vh) = Linea.Linalg.Svd(a, false);
        int k = (int)s.Dims[0];
        var us = u.Copy();
        for (int i = 0; i < us.Dims[0]; i++)
            for (int j = 0; j < k; j++) us[i, j] *= s[j];
        Assert.True(FactorChecks.Backward(a, us.MatMul(vh)) <= Ratio, "||A - U S V^T||");
        Assert.True(FactorChecks.Orthogonality(u) <= Ratio, "||U^T U - I||");
        Assert.True(FactorChecks.Orthogonality(vh.T) <= Ratio, "||V^T V - I||");
        for (int j = 1; j < k; j++) Assert.True(s[j] <= s[j - 1]);
    }

    private static double[,] Random(int m, int n, int seed)
    {
        var rng = new Random(seed);
        var a = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) a[i, j] = rng.NextDouble() * 2 - 1;
        return a;
    }

    private static double[] Filled(int length)
    {
        var b = new double[length];
        Array.Fill(b, Sentinel);
        return b;
    }

    private static double Frobenius(double[,] a)
    {
        double s = 0;
        foreach (var x in a) s += x * x;
        return Math.Sqrt(s);
    }

    private static double OrthogonalityError(in MatrixView<double> q, int m)
    {
        double s = 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                double d = i == j ? -1 : 0;
                for (int l = 0; l < m; l++) d += q[l, i] * q[l, j];
                s += d * d;
            }
        return Math.Sqrt(s);
    }

    private static void AssertOutsideUntouched(double[] buf, int ld, int cols, int r0, int c0, int rows, int bcols)
    {
        for (int j = 0; j < cols; j++)
            for (int i = 0; i < ld; i++)
            {
                bool inside = i >= r0 && i < r0 + rows && j >= c0 && j < c0 + bcols;
                if (!inside) Assert.True(buf[i + j * ld] == Sentinel, $"storage at ({i}, {j}) outside the block was written");
            }
    }
}
