using System.Numerics;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

/// <summary>
/// The blocked tridiagonal reduction (latrd panels + rank-2k trailing updates) computes the same Householder
/// sequence as the unblocked one, so d, e and the reflectors agree up to rounding (O(n eps ||A||)); tiny panel widths
/// and crossovers make the blocked path run at small n, across panel boundaries and remainders.
/// </summary>
public class SytrdBlockedTests
{
    [Theory]
    [InlineData(9, 3, 2)]
    [InlineData(10, 3, 2)]
    [InlineData(17, 4, 5)]
    [InlineData(40, 5, 6)]
    [InlineData(67, 8, 9)]
    [InlineData(130, 32, 20)]
    public void Blocked_matches_unblocked(int n, int nb, int nx)
    {
        Compare<double>(n, nb, nx);
        Compare<float>(n, nb, nx);
    }

    private static void Compare<T>(int n, int nb, int nx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = Generators.Normal<double>([n, n], (ulong)(n * 31 + nb));
        var s = MatrixGenerators.Cast<T>((g + g.T) * 0.5);
        var a1 = new T[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a1[i + j * n] = s[i, j];
        var a2 = (T[])a1.Clone();
        T[] d1 = new T[n], e1 = new T[n - 1], t1 = new T[n - 1], d2 = new T[n], e2 = new T[n - 1], t2 = new T[n - 1];
        Sytrd.Unblocked(Linea.Kernels.MatrixView<T>.ColumnMajor(a1, 0, n, n, n), d1, e1, t1, Parallelism.Default);
        Sytrd.Blocked(Linea.Kernels.MatrixView<T>.ColumnMajor(a2, 0, n, n, n), d2, e2, t2, Parallelism.Default, nb, nx);
        double tol = 30 * n * NumAssert.Eps<T>() * Checks.Fro(Checks.ToDouble(s));
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(double.CreateTruncating(d1[i] - d2[i])) <= tol, $"d[{i}]");
        for (int i = 0; i < n - 1; i++) Assert.True(Math.Abs(double.CreateTruncating(e1[i] - e2[i])) <= tol, $"e[{i}]");
        for (int i = 0; i < n - 1; i++) Assert.True(Math.Abs(double.CreateTruncating(t1[i] - t2[i])) <= 30 * n * NumAssert.Eps<T>() * 2, $"tau[{i}]");
        // The reflectors (strictly below the subdiagonal) agree too.
        for (int j = 0; j < n; j++)
            for (int i = j + 2; i < n; i++)
                Assert.True(Math.Abs(double.CreateTruncating(a1[i + j * n] - a2[i + j * n])) <= 30 * n * NumAssert.Eps<T>() * 10, $"v[{i},{j}]");
    }
}
