using System.Numerics;
using Linea.Kernels;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

/// <summary>
/// The reductions take a strided view, so they can reduce a block in place inside a larger matrix: the block at
/// (2, 1) of a column-major array with leading dimension n + 5. The result must reconstruct the block (A = Q T Q^T for
/// sytrd, A = Q B P^T for gebrd, with Q and P applied from the stored reflectors by ormqr) to O(n eps ||A||), and
/// every element outside what the
/// reduction may write (everything outside the block, and for sytrd the block's strict upper triangle) must be
/// bitwise unchanged.
/// </summary>
public class ReductionOfBlockTests
{
    private const int RowOffset = 2, ColOffset = 1, ExtraRows = 5, ExtraCols = 3;

    [Theory]
    [InlineData(1, 32, 128, 1)]
    [InlineData(9, 3, 2, 1)]
    [InlineData(40, 5, 6, 1)]
    [InlineData(130, 8, 20, 2)]
    [InlineData(420, 32, 128, 2)]   // trailing orders above Sytrd.ParallelSymvMin: the panel job on a strided block
    public void Sytrd_of_a_block_reconstructs_it_and_leaves_the_rest(int n, int nb, int nx, int threads)
    {
        SytrdBlock<double>(n, nb, nx, threads);
        SytrdBlock<float>(n, nb, nx, threads);
    }

    [Theory]
    [InlineData(1, 1, 32, 128, 1)]
    [InlineData(12, 9, 3, 2, 1)]
    [InlineData(50, 40, 5, 6, 1)]
    [InlineData(300, 260, 16, 32, 2)]   // (m - i)(n - i) above 2 Gebrd.ParallelGemvMin: the panel job on a strided block
    public void Gebrd_of_a_block_reconstructs_it_and_leaves_the_rest(int m, int n, int nb, int nx, int threads)
    {
        GebrdBlock<double>(m, n, nb, nx, threads);
        GebrdBlock<float>(m, n, nb, nx, threads);
    }

    private static void GebrdBlock<T>(int m, int n, int nb, int nx, int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = MatrixGenerators.Cast<T>(Generators.Normal<double>([m, n], (ulong)(m * 17 + n)));
        int ld = m + ExtraRows, cols = n + ExtraCols;
        var store = new T[ld * cols];
        var rng = new Random(m + n);
        for (int i = 0; i < store.Length; i++) store[i] = T.CreateTruncating(rng.NextDouble() * 2 - 1);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++) store[RowOffset + i + (ColOffset + j) * ld] = a[i, j];
        var before = (T[])store.Clone();
        T[] d = new T[n], e = new T[Math.Max(n - 1, 0)], tauq = new T[n], taup = new T[n];
        var block = MatrixView<T>.Of(store, RowOffset + ColOffset * ld, m, n, 1, ld);
        Gebrd.Blocked(block, d, e, tauq, taup, new Parallelism(threads), nb, nx);

        for (int j = 0; j < cols; j++)
            for (int i = 0; i < ld; i++)
            {
                int bi = i - RowOffset, bj = j - ColOffset;
                bool inside = bi >= 0 && bi < m && bj >= 0 && bj < n;
                if (!inside) Assert.True(before[i + j * ld] == store[i + j * ld], $"({i}, {j}) changed");
            }

        // Q (m x m) from the column reflectors, P (n x n) = diag(1, P') from the row reflectors copied into QR layout.
        var q = new T[m * m];
        for (int i = 0; i < m; i++) q[i + i * m] = T.One;
        Ormqr.ApplyLeft(false, MatrixView<T>.Of(store, RowOffset + ColOffset * ld, m, n, 1, ld), n, tauq,
            MatrixView<T>.ColumnMajor(q, 0, m, m, m), QrParams.Auto, Parallelism.None);
        var p = new T[n * n];
        for (int i = 0; i < n; i++) p[i + i * n] = T.One;
        if (n > 1)
        {
            int k = n - 1;
            var wp = new T[k * k];
            for (int i = 0; i < k; i++)
                for (int r = i + 1; r < k; r++) wp[r + i * k] = store[RowOffset + i + (ColOffset + r + 1) * ld];
            Ormqr.ApplyLeft(false, MatrixView<T>.ColumnMajor(wp, 0, k, k, k), k, taup, MatrixView<T>.ColumnMajor(p, 1, k, n, n),
                QrParams.Auto, Parallelism.None);
        }
        // ||A - Q[:, :n] B P^T||_F in double.
        var qb = new double[m * n];  // Q[:, :n] B
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++)
            {
                double s = double.CreateTruncating(q[i + j * m]) * double.CreateTruncating(d[j]);
                if (j > 0) s += double.CreateTruncating(q[i + (j - 1) * m]) * double.CreateTruncating(e[j - 1]);
                qb[i + j * m] = s;
            }
        double res = 0, norm = 0;
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++)
            {
                double s = 0;
                for (int k = 0; k < n; k++) s += qb[i + k * m] * double.CreateTruncating(p[j + k * n]);
                double x = double.CreateTruncating(a[i, j]);
                res += (x - s) * (x - s);
                norm += x * x;
            }
        double eps = NumAssert.Eps<T>();
        double scaled = Math.Sqrt(res) / (m * eps * Math.Max(Math.Sqrt(norm), double.Epsilon));
        Assert.True(scaled < 30, $"{typeof(T).Name} {m}x{n}: ||A - Q B P^T|| = {scaled:F2} m eps ||A||");
    }

    private static void SytrdBlock<T>(int n, int nb, int nx, int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = Generators.Normal<double>([n, n], (ulong)(n * 13 + nb));
        var sym = MatrixGenerators.Cast<T>((g + g.T) * 0.5);
        int ld = n + ExtraRows, cols = n + ExtraCols;
        var store = new T[ld * cols];
        var rng = new Random(n);
        for (int i = 0; i < store.Length; i++) store[i] = T.CreateTruncating(rng.NextDouble() * 2 - 1);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++) store[RowOffset + i + (ColOffset + j) * ld] = sym[i, j];
        var before = (T[])store.Clone();
        T[] d = new T[n], e = new T[Math.Max(n - 1, 0)], tau = new T[Math.Max(n - 1, 0)];
        var block = MatrixView<T>.Of(store, RowOffset + ColOffset * ld, n, n, 1, ld);
        Sytrd.Blocked(block, d, e, tau, new Parallelism(threads), nb, nx);

        // Untouched: everything outside the block's lower triangle.
        for (int j = 0; j < cols; j++)
            for (int i = 0; i < ld; i++)
            {
                int bi = i - RowOffset, bj = j - ColOffset;
                bool lower = bi >= 0 && bi < n && bj >= 0 && bj < n && bi >= bj;
                if (!lower) Assert.True(before[i + j * ld] == store[i + j * ld], $"({i}, {j}) changed");
            }

        // Q = diag(1, Q') with Q' from the reflectors below the subdiagonal of the block.
        var q = new T[n * n];
        for (int i = 0; i < n; i++) q[i + i * n] = T.One;
        if (n > 1)
            Ormqr.ApplyLeft(false, MatrixView<T>.Of(store, RowOffset + 1 + ColOffset * ld, n - 1, n - 1, 1, ld), n - 1, tau,
                MatrixView<T>.ColumnMajor(q, 1, n - 1, n, n), QrParams.Auto, Parallelism.None);
        // ||A - Q T Q^T||_F, all in double.
        var qt = new double[n * n];  // Q T
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                double s = double.CreateTruncating(q[i + j * n]) * double.CreateTruncating(d[j]);
                if (j > 0) s += double.CreateTruncating(q[i + (j - 1) * n]) * double.CreateTruncating(e[j - 1]);
                if (j < n - 1) s += double.CreateTruncating(q[i + (j + 1) * n]) * double.CreateTruncating(e[j]);
                qt[i + j * n] = s;
            }
        double res = 0, norm = 0;
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int k = 0; k < n; k++) s += qt[i + k * n] * double.CreateTruncating(q[j + k * n]);
                double a = double.CreateTruncating(sym[i, j]);
                res += (a - s) * (a - s);
                norm += a * a;
            }
        double eps = NumAssert.Eps<T>();
        double scaled = Math.Sqrt(res) / (n * eps * Math.Max(Math.Sqrt(norm), double.Epsilon));
        Assert.True(scaled < 30, $"{typeof(T).Name} n={n}: ||A - Q T Q^T|| = {scaled:F2} n eps ||A||");
    }
}
