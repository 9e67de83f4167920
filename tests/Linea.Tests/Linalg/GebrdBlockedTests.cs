using System.Numerics;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

/// <summary>
/// The blocked bidiagonalization (labrd panels + two GEMM trailing updates) computes the same reflectors as the
/// unblocked one, so d, e, tauq, taup and the stored vectors agree up to rounding; tiny panel widths and crossovers
/// run the blocked path at small sizes, square and tall, across panel boundaries.
/// </summary>
public class GebrdBlockedTests
{
    [Theory]
    [InlineData(9, 9, 3, 2)]
    [InlineData(12, 10, 3, 2)]
    [InlineData(30, 17, 4, 5)]
    [InlineData(40, 40, 5, 6)]
    [InlineData(100, 67, 8, 9)]
    [InlineData(300, 200, 32, 20)]
    public void Blocked_matches_unblocked(int m, int n, int nb, int nx)
    {
        Compare<double>(m, n, nb, nx);
        Compare<float>(m, n, nb, nx);
    }

    /// <summary>
    /// Columns from <c>rank</c> on are zero, so the later row reflectors have nothing to annihilate (taup = 0, u = e_0):
    /// the one-pass panel, which forms A u from the unscaled row, must then give X = 0 as the unblocked reduction does.
    /// </summary>
    [Theory]
    [InlineData(40, 30, 4, 5, 6)]
    [InlineData(200, 150, 32, 20, 70)]
    [InlineData(120, 120, 8, 9, 1)]
    public void Blocked_matches_unblocked_when_row_reflectors_vanish(int m, int n, int nb, int nx, int rank)
    {
        Compare<double>(m, n, nb, nx, rank);
        Compare<float>(m, n, nb, nx, rank);
    }

    /// <summary>
    /// A matrix too narrow for a blocked step is reduced in place when it is compact (ld = m) and through a compact
    /// copy when not: both give the same bits, and the compact one allocates nothing of size m n (it took a fresh
    /// m x n copy per call before).
    /// </summary>
    [Theory]
    [InlineData(1011, 100)]
    [InlineData(37, 29)]
    public void Unblocked_rest_in_place_when_compact(int m, int n)
    {
        var g = Generators.Normal<double>([m, n], (ulong)(m + 7 * n));
        int ld = m + 5;
        var compact = new double[m * n];
        var strided = new double[ld * n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) compact[i + j * m] = strided[i + j * ld] = g[i, j];
        double[] d1 = new double[n], e1 = new double[n - 1], q1 = new double[n], p1 = new double[n];
        double[] d2 = new double[n], e2 = new double[n - 1], q2 = new double[n], p2 = new double[n];
        Gebrd.Blocked(Linea.Kernels.MatrixView<double>.ColumnMajor(strided, 0, m, n, ld), d2, e2, q2, p2, Parallelism.None, 32, 128);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Gebrd.Blocked(Linea.Kernels.MatrixView<double>.ColumnMajor(compact, 0, m, n, m), d1, e1, q1, p1, Parallelism.None, 32, 128);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < (long)m * n * sizeof(double) / 4, $"{allocated} bytes allocated for a {m} x {n} reduction");
        Assert.Equal(d2, d1); Assert.Equal(e2, e1); Assert.Equal(q2, q1); Assert.Equal(p2, p1);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++) Assert.Equal(strided[i + j * ld], compact[i + j * m]);
    }

    private static void Compare<T>(int m, int n, int nb, int nx, int rank = int.MaxValue) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = MatrixGenerators.Cast<T>(Generators.Normal<double>([m, n], (ulong)(m * 131 + n)));
        var a1 = new T[m * n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) a1[i + j * m] = j < rank ? g[i, j] : T.Zero;
        var a2 = (T[])a1.Clone();
        T[] d1 = new T[n], e1 = new T[n - 1], q1 = new T[n], p1 = new T[n];
        T[] d2 = new T[n], e2 = new T[n - 1], q2 = new T[n], p2 = new T[n];
        Gebrd.Unblocked(Linea.Kernels.MatrixView<T>.ColumnMajor(a1, 0, m, n, m), d1, e1, q1, p1);
        Gebrd.Blocked(Linea.Kernels.MatrixView<T>.ColumnMajor(a2, 0, m, n, m), d2, e2, q2, p2, Parallelism.Default, nb, nx);
        double eps = NumAssert.Eps<T>();
        double fro = Math.Sqrt(a1.Sum(v => double.CreateTruncating(v * v)));
        double tol = 30 * Math.Max(m, n) * eps * fro;
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(double.CreateTruncating(d1[i] - d2[i])) <= tol, $"d[{i}]");
        for (int i = 0; i < n - 1; i++) Assert.True(Math.Abs(double.CreateTruncating(e1[i] - e2[i])) <= tol, $"e[{i}]");
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(double.CreateTruncating(q1[i] - q2[i])) <= 30 * m * eps * 2, $"tauq[{i}]");
            Assert.True(Math.Abs(double.CreateTruncating(p1[i] - p2[i])) <= 30 * m * eps * 2, $"taup[{i}]");
        }
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++)
            {
                bool stored = i > j || (i < j - 1); // column reflector below the diagonal, row reflector right of the superdiagonal
                if (!stored) continue;
                Assert.True(Math.Abs(double.CreateTruncating(a1[i + j * m] - a2[i + j * m])) <= 30 * m * eps * 10, $"reflector entry [{i},{j}]");
            }
    }
}
