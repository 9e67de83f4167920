using System.Numerics;
using Linea.Kernels;
using Linea.Kernels.Threading;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

/// <summary>
/// The multishift QR iteration with its Schur vector updates and half of its products with H on a second thread (<see cref="QrIterationWorker{T}"/>,
/// through <see cref="Hseqr"/> with two threads): on a random upper Hessenberg H0 and Z0 = I, the results must be an
/// orthogonal Z and a real Schur form T with H0 Z = Z T, each to LAPACK's test ratio (below 30 in units of n eps), so a
/// lost, repeated or reordered update fails. Also with the active block inside the matrix (Z's row offset), inside a
/// busy pool (the one-thread fallback), and cancelled (the worker stops and the pool stays usable).
/// </summary>
public class QrIterationWorkerTests
{
    private static readonly EigParams Queued = EigParams.Auto with { QueueMinOrder = 16 };

    [Theory]
    [InlineData(120, 0, 0)]
    [InlineData(300, 0, 0)]
    [InlineData(200, 7, 5)] // active block 7..194: Z's rows outside it stay those of the identity
    public void Queued_updates_give_an_orthogonal_Schur_factorization_double(int n, int top, int bottom) =>
        Check<double>(n, top, bottom, new Parallelism(2));

    [Fact]
    public void Queued_updates_give_an_orthogonal_Schur_factorization_float() => Check<float>(160, 0, 0, new Parallelism(2));

    [Fact]
    public void Inside_a_busy_pool_the_iteration_runs_on_one_thread()
    {
        Exception? error = null;
        SplitJob.Run(2, (tid, threads) =>
        {
            if (tid != 0) return;
            try { Check<double>(150, 0, 0, new Parallelism(2)); }
            catch (Exception e) { error = e; }
        });
        if (error is not null) throw error;
    }

    [Fact]
    public void Cancellation_stops_the_worker_and_leaves_the_pool_usable()
    {
        int n = 200;
        var (h, _) = RandomHessenberg<double>(n, 0, 0, 3);
        var z = Identity<double>(n);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var parallelism = new Parallelism(2) { Cancellation = cts.Token };
        Assert.Throws<OperationCanceledException>(() => Hseqr.Run(true, true, 0, n - 1, View(h, n), new double[n], new double[n], View(z, n), Queued, parallelism));
        Check<double>(120, 0, 0, new Parallelism(2));
    }

    private static void Check<T>(int n, int top, int bottom, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int ilo = top, ihi = n - 1 - bottom;
        var (h, h0) = RandomHessenberg<T>(n, ilo, ihi, (ulong)(n + top));
        var z = Identity<T>(n);
        var wr = new T[n];
        var wi = new T[n];
        Assert.Equal(0, Hseqr.Run(true, true, ilo, ihi, View(h, n), wr, wi, View(z, n), Queued, parallelism));

        double eps = NumAssert.Eps<T>();
        double normH = 0;
        foreach (var x in h0) normH += double.CreateTruncating(x) * double.CreateTruncating(x);
        normH = Math.Sqrt(normH);

        // Orthogonality: ||Z^T Z - I||_F / (n eps).
        double orth = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = i == j ? -1 : 0;
                for (int k = 0; k < n; k++) s += double.CreateTruncating(z[k + i * n]) * double.CreateTruncating(z[k + j * n]);
                orth += s * s;
            }
        Assert.True(Math.Sqrt(orth) / (n * eps) < 30, $"||Z^T Z - I|| = {Math.Sqrt(orth) / (n * eps):F2} n eps");

        // Backward error: ||H0 Z - Z T||_F / (n eps ||H0||_F), T quasi-triangular.
        double res = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i > j + 1) Assert.Equal(T.Zero, h[i + j * n]);
                if (i == j + 1 && h[i + j * n] != T.Zero)
                    Assert.True(i + 1 >= n || h[i + 1 + (j + 1) * n] == T.Zero, $"T has two consecutive nonzero subdiagonal entries at {i}");
                double s = 0;
                for (int k = 0; k < n; k++)
                    s += double.CreateTruncating(h0[i + k * n]) * double.CreateTruncating(z[k + j * n])
                        - double.CreateTruncating(z[i + k * n]) * double.CreateTruncating(h[k + j * n]);
                res += s * s;
            }
        Assert.True(Math.Sqrt(res) / (n * eps * normH) < 30, $"||H0 Z - Z T|| = {Math.Sqrt(res) / (n * eps * normH):F2} n eps ||H0||");

        // Rows outside the active block are untouched (the identity's).
        for (int i = 0; i < n; i++)
        {
            if (i >= ilo && i <= ihi) continue;
            for (int j = 0; j < n; j++) Assert.Equal(i == j ? T.One : T.Zero, z[i + j * n]);
        }
    }

    /// <summary>A random upper Hessenberg matrix (column-major) whose subdiagonal is zero where the active block
    /// ilo..ihi begins and ends, and a copy of it.</summary>
    private static (T[] H, T[] Copy) RandomHessenberg<T>(int n, int ilo, int ihi, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random((int)seed);
        var h = new T[n * n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i <= Math.Min(j + 1, n - 1); i++)
                h[i + j * n] = T.CreateTruncating(rng.NextDouble() * 2 - 1);
        if (ilo > 0) h[ilo + (ilo - 1) * n] = T.Zero;
        if (ihi < n - 1) h[ihi + 1 + ihi * n] = T.Zero;
        // Outside the active block H must already be upper triangular.
        for (int j = 0; j < ilo; j++) if (j + 1 < n) h[j + 1 + j * n] = T.Zero;
        for (int j = ihi + 1; j + 1 < n; j++) h[j + 1 + j * n] = T.Zero;
        return (h, (T[])h.Clone());
    }

    private static T[] Identity<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var z = new T[n * n];
        for (int i = 0; i < n; i++) z[i + i * n] = T.One;
        return z;
    }

    private static MatrixView<T> View<T>(T[] a, int n) where T : unmanaged => MatrixView<T>.ColumnMajor(a, 0, n, n, n);
}
