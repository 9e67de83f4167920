using System.Numerics;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

/// <summary>
/// The tridiagonal and bidiagonal reductions with their panels run as one two-thread job (the symmetric product and
/// the two products with the trailing matrix split inside it): sizes above the split thresholds
/// (<see cref="Sytrd.ParallelSymvMin"/>, <see cref="Gebrd.ParallelGemvMin"/>), checked against the unblocked
/// reductions (same Householder sequence up to rounding) and against the per-call split (panelJob: false).
/// The scalars and vectors of reflector i depend on the direction of the vector x_i it is generated from, and the
/// reductions' rounding moves x_i by about n eps ||A||, so their tolerances carry the factor ||A||_F / ||x_i||, with
/// ||x_i|| = |beta_i| the entry of the reduced matrix that the reflector produces (e_i for sytrd's tau_i and taup_i,
/// d_i for tauq_i).
/// </summary>
public class ReductionPanelJobTests
{
    [Theory]
    [InlineData(450, 32, 128)]
    [InlineData(397, 8, 20)]
    public void Sytrd_panel_job_matches_unblocked(int n, int nb, int nx)
    {
        SytrdCompare<double>(n, nb, nx);
        SytrdCompare<float>(n, nb, nx);
    }

    [Theory]
    [InlineData(460, 420, 32, 128)]
    [InlineData(700, 260, 16, 30)]
    [InlineData(300, 300, 8, 20)]
    public void Gebrd_panel_job_matches_unblocked(int m, int n, int nb, int nx)
    {
        GebrdCompare<double>(m, n, nb, nx);
        GebrdCompare<float>(m, n, nb, nx);
    }

    /// <summary>
    /// The panel job's result depends on the requested thread count only: run from inside a busy pool (so the job runs
    /// solo, thread 0 taking the other thread's chunks of every column), it gives the same bits as a two-thread run.
    /// </summary>
    [Fact]
    public void Sytrd_panel_job_solo_gives_the_same_bits()
    {
        const int n = 700;
        var g = Generators.Normal<double>([n, n], 41);
        var s = (g + g.T) * 0.5;
        var a1 = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a1[i + j * n] = s[i, j];
        var a2 = (double[])a1.Clone();
        double[] d1 = new double[n], e1 = new double[n - 1], t1 = new double[n - 1];
        double[] d2 = new double[n], e2 = new double[n - 1], t2 = new double[n - 1];
        Sytrd.Blocked(Linea.Kernels.MatrixView<double>.ColumnMajor(a1, 0, n, n, n), d1, e1, t1, new Parallelism(2), 32, 128);
        Linea.Kernels.Threading.SplitJob.Run(2, (tid, threads) =>
        {
            if (tid == 0) Sytrd.Blocked(Linea.Kernels.MatrixView<double>.ColumnMajor(a2, 0, n, n, n), d2, e2, t2, new Parallelism(2), 32, 128);
        });
        Assert.Equal(d1, d2);
        Assert.Equal(e1, e2);
        Assert.Equal(t1, t2);
        Assert.Equal(a1, a2);
    }

    private static void SytrdCompare<T>(int n, int nb, int nx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = Generators.Normal<double>([n, n], (ulong)(n * 7 + nb));
        var s = MatrixGenerators.Cast<T>((g + g.T) * 0.5);
        var a1 = new T[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a1[i + j * n] = s[i, j];
        var a2 = (T[])a1.Clone();
        var a3 = (T[])a1.Clone();
        T[] d1 = new T[n], e1 = new T[n - 1], t1 = new T[n - 1];
        T[] d2 = new T[n], e2 = new T[n - 1], t2 = new T[n - 1];
        T[] d3 = new T[n], e3 = new T[n - 1], t3 = new T[n - 1];
        Sytrd.Unblocked(Linea.Kernels.MatrixView<T>.ColumnMajor(a1, 0, n, n, n), d1, e1, t1, Parallelism.None);
        Sytrd.Blocked(Linea.Kernels.MatrixView<T>.ColumnMajor(a2, 0, n, n, n), d2, e2, t2, new Parallelism(2), nb, nx, panelJob: true);
        Sytrd.Blocked(Linea.Kernels.MatrixView<T>.ColumnMajor(a3, 0, n, n, n), d3, e3, t3, new Parallelism(2), nb, nx, panelJob: false);
        double eps = NumAssert.Eps<T>();
        double norm = Checks.Fro(Checks.ToDouble(s));
        double tol = 30 * n * eps * norm;
        foreach (var (d, e, t, a, label) in new[] { (d2, e2, t2, a2, "job"), (d3, e3, t3, a3, "per call") })
        {
            for (int i = 0; i < n; i++) Assert.True(Math.Abs(double.CreateTruncating(d1[i] - d[i])) <= tol, $"{label} d[{i}]");
            for (int i = 0; i < n - 1; i++) Assert.True(Math.Abs(double.CreateTruncating(e1[i] - e[i])) <= tol, $"{label} e[{i}]");
            for (int i = 0; i < n - 1; i++) Assert.True(Math.Abs(double.CreateTruncating(t1[i] - t[i])) <= 30 * n * eps * 2 * Sensitivity(norm, e1[i]), $"{label} tau[{i}]");
            for (int j = 0; j < n - 1; j++)
                for (int i = j + 2; i < n; i++)
                    Assert.True(Math.Abs(double.CreateTruncating(a1[i + j * n] - a[i + j * n])) <= 30 * n * eps * 10 * Sensitivity(norm, e1[j]), $"{label} v[{i},{j}]");
        }
    }

    private static void GebrdCompare<T>(int m, int n, int nb, int nx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = MatrixGenerators.Cast<T>(Generators.Normal<double>([m, n], (ulong)(m * 17 + n)));
        var a1 = new T[m * n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) a1[i + j * m] = g[i, j];
        var a2 = (T[])a1.Clone();
        var a3 = (T[])a1.Clone();
        T[] d1 = new T[n], e1 = new T[n - 1], q1 = new T[n], p1 = new T[n];
        T[] d2 = new T[n], e2 = new T[n - 1], q2 = new T[n], p2 = new T[n];
        T[] d3 = new T[n], e3 = new T[n - 1], q3 = new T[n], p3 = new T[n];
        Gebrd.Unblocked(Linea.Kernels.MatrixView<T>.ColumnMajor(a1, 0, m, n, m), d1, e1, q1, p1);
        Gebrd.Blocked(Linea.Kernels.MatrixView<T>.ColumnMajor(a2, 0, m, n, m), d2, e2, q2, p2, new Parallelism(2), nb, nx, panelJob: true);
        Gebrd.Blocked(Linea.Kernels.MatrixView<T>.ColumnMajor(a3, 0, m, n, m), d3, e3, q3, p3, new Parallelism(2), nb, nx, panelJob: false);
        double eps = NumAssert.Eps<T>();
        double norm = Checks.Fro(Checks.ToDouble(g));
        double tol = 30 * Math.Max(m, n) * eps * norm;
        foreach (var (d, e, q, p, a, label) in new[] { (d2, e2, q2, p2, a2, "job"), (d3, e3, q3, p3, a3, "per call") })
        {
            for (int i = 0; i < n; i++) Assert.True(Math.Abs(double.CreateTruncating(d1[i] - d[i])) <= tol, $"{label} d[{i}]");
            for (int i = 0; i < n - 1; i++) Assert.True(Math.Abs(double.CreateTruncating(e1[i] - e[i])) <= tol, $"{label} e[{i}]");
            for (int i = 0; i < n; i++)
            {
                Assert.True(Math.Abs(double.CreateTruncating(q1[i] - q[i])) <= 30 * m * eps * 2 * Sensitivity(norm, d1[i]), $"{label} tauq[{i}]");
                double ep = i < n - 1 ? double.CreateTruncating(e1[i]) : norm;
                Assert.True(Math.Abs(double.CreateTruncating(p1[i] - p[i])) <= 30 * m * eps * 2 * Sensitivity(norm, ep), $"{label} taup[{i}]");
            }
            for (int j = 0; j < n; j++)
                for (int i = 0; i < m; i++)
                {
                    if (!(i > j || i < j - 1)) continue;
                    // Below the diagonal: tauq_j's vector (from column j, |beta| = |d_j|); right of the superdiagonal:
                    // taup_i's vector (from row i, |beta| = |e_i|).
                    double beta = i > j ? double.CreateTruncating(d1[j]) : double.CreateTruncating(e1[i]);
                    Assert.True(Math.Abs(double.CreateTruncating(a1[i + j * m] - a[i + j * m])) <= 30 * m * eps * 10 * Sensitivity(norm, beta), $"{label} reflector entry [{i},{j}]");
                }
        }
    }

    /// <summary>||A||_F / ||x||, at least 1: how much a reflector's scalar and vector amplify a perturbation of size eps ||A|| of the vector x it is generated from.</summary>
    private static double Sensitivity<T>(double norm, T beta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double b = Math.Abs(double.CreateTruncating(beta));
        return b > 0 ? Math.Max(1, norm / b) : double.PositiveInfinity;
    }
}
