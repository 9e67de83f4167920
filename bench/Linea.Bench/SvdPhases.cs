using System.Diagnostics;

namespace Linea.Bench;

/// <summary>
/// <c>svdphases [--sizes 1000] [--samples 3]</c>: times the phases of Linea's float64 SVD separately (copy, gebrd,
/// bidiagonal solve with vectors, back-transformation) so the slowest phase is known before tuning it. Best of samples.
/// </summary>
/// Run with LINEA_NUM_THREADS=1 for single-thread figures.
internal static class SvdPhases
{
    public static int Run(string[] args)
    {
        int[] sizes = [1000];
        int samples = 3;
        for (int i = 1; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--sizes") sizes = args[i + 1].Split(',').Select(int.Parse).ToArray();
            else if (args[i] == "--samples") samples = int.Parse(args[i + 1]);
        }
        foreach (int n in sizes)
        {
            var a = NDArray.Normal<double>([n, n], 0.0, 1.0, 7);
            double values = double.MaxValue, gebrd = double.MaxValue, solve = double.MaxValue, back = double.MaxValue, total = double.MaxValue;
            for (int s = 0; s < samples; s++)
            {
                var sw = Stopwatch.StartNew();
                var work = ColMajor.FromMatrix(a);
                var d = new double[n]; var e = new double[n - 1]; var tq = new double[n]; var tp = new double[n];
                Gebrd.Blocked(Linea.Kernels.MatrixView<double>.ColumnMajor(work, 0, n, n, n), d, e, tq, tp, Parallelism.Default);
                double t1 = sw.Elapsed.TotalSeconds;
                var ub = new double[n * n]; var vb = new double[n * n];
                var dq = (double[])d.Clone(); var eq = (double[])e.Clone();
                var tq0 = sw.Elapsed.TotalSeconds;
                Bdsqr.Solve<double>(n, dq, eq, default, default, Parallelism.Default);
                values = Math.Min(values, sw.Elapsed.TotalSeconds - tq0);
                t1 += sw.Elapsed.TotalSeconds - tq0;
                Bdsdc.Solve<double>(d, e, Linea.Kernels.MatrixView<double>.ColumnMajor(ub, 0, n, n, n), Linea.Kernels.MatrixView<double>.ColumnMajor(vb, 0, n, n, n), Parallelism.Default, new double[Bdsdc.WorkspaceSize(n)], new int[Bdsdc.IntWorkspaceSize(n)]);
                double t2 = sw.Elapsed.TotalSeconds;
                Ormqr.ApplyLeft(false, Linea.Kernels.MatrixView<double>.ColumnMajor(work, 0, n, n, n), n, tq, Linea.Kernels.MatrixView<double>.ColumnMajor(ub, 0, n, n, n), QrParams.Auto, Parallelism.Default);
                double t3 = sw.Elapsed.TotalSeconds;
                gebrd = Math.Min(gebrd, t1); solve = Math.Min(solve, t2 - t1); back = Math.Min(back, t3 - t2);
                sw.Restart();
                Linalg.Svd(a);
                total = Math.Min(total, sw.Elapsed.TotalSeconds);
            }
            double sytrd = double.MaxValue, steqr = double.MaxValue, stedc = double.MaxValue, ormtr = double.MaxValue;
            var sym = a + a.T;
            for (int s = 0; s < samples; s++)
            {
                var sw = Stopwatch.StartNew();
                var work = ColMajor.FromMatrix(sym);
                var d = new double[n]; var e = new double[n - 1]; var tau = new double[n - 1];
                Sytrd.Blocked(Linea.Kernels.MatrixView<double>.ColumnMajor(work, 0, n, n, n), d, e, tau, Parallelism.Default);
                double t1 = sw.Elapsed.TotalSeconds;
                var d2 = (double[])d.Clone(); var e2 = (double[])e.Clone();
                Sterf.Solve<double>(n, d, e);
                double t2 = sw.Elapsed.TotalSeconds;
                var z = new double[n * n];
                Stedc.Solve<double>(d2, e2, Linea.Kernels.MatrixView<double>.ColumnMajor(z, 0, n, n, n), Parallelism.Default, new double[Stedc.WorkspaceSize(n)], new int[Stedc.IntWorkspaceSize(n)]);
                double t3 = sw.Elapsed.TotalSeconds;
                Ormqr.ApplyLeft(false, Linea.Kernels.MatrixView<double>.ColumnMajor(work, 1, n - 1, n - 1, n), n - 1, tau, Linea.Kernels.MatrixView<double>.ColumnMajor(z, 1, n - 1, n, n), QrParams.Auto, Parallelism.Default);
                double t4 = sw.Elapsed.TotalSeconds;
                sytrd = Math.Min(sytrd, t1); steqr = Math.Min(steqr, t2 - t1); stedc = Math.Min(stedc, t3 - t2); ormtr = Math.Min(ormtr, t4 - t3);
            }
            Console.WriteLine($"eigh phases n={n}: sytrd {sytrd:F3} s, values-only root-free QL {steqr:F3} s, divide and conquer {stedc:F3} s, ormtr {ormtr:F3} s");
            Console.WriteLine($"svd phases n={n}: gebrd {gebrd:F3} s, bidiagonal divide and conquer {solve:F3} s, ormqr(U) {back:F3} s, whole svd {total:F3} s; values-only bidiagonal QR {values:F3} s");
        }
        return 0;
    }
}
