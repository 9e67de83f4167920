// The cg and eigsh cases of the `sparse` runner.
using System.Diagnostics;

namespace Linea.Bench;

internal static partial class SparseRunner
{
    /// <summary>Times SparseLinalg's cg (b = ones, rtol 1e-8) or eigsh (k = 10, largest algebraic) on <paramref name="a"/>: seconds and the line's extra fields.</summary>
    private static (double Seconds, string Fields) RunSolver(string op, SparseMatrix<double> a, int samples)
    {
        if (op == "cg")
        {
            var b = new double[a.Rows];
            Array.Fill(b, 1.0);
            var result = SparseLinalg.Cg<double>(a, b, rtol: 1e-8);
            double seconds = Median(samples, () => result = SparseLinalg.Cg<double>(a, b, rtol: 1e-8));
            // The true relative residual ||b - A x|| / ||b||, as the SciPy side prints it.
            var ax = new double[a.Rows];
            a.Matvec(result.X.AsReadOnlySpan(), ax);
            double r2 = 0;
            for (int i = 0; i < ax.Length; i++) r2 += (b[i] - ax[i]) * (b[i] - ax[i]);
            return (seconds, FormattableString.Invariant(
                $"iterations={result.Iterations} converged={(result.Converged ? 1 : 0)} rel_residual={Math.Sqrt(r2 / a.Rows):E2}"));
        }
        else
        {
            // Warm the JIT on a small Poisson matrix, then one timed run at full size (as SciPy's single run).
            SparseLinalg.Eigsh(SparseBenchMatrices.Poisson2D(20), k: 10, which: Which.LargestAlgebraic, returnEigenvectors: false);
            var sw = Stopwatch.StartNew();
            var result = SparseLinalg.Eigsh(a, k: 10, which: Which.LargestAlgebraic, returnEigenvectors: false);
            double seconds = sw.Elapsed.TotalSeconds;
            var w = result.Eigenvalues.ToArray();
            Array.Sort(w);
            return (seconds, FormattableString.Invariant($"largest={w[^1]:G12} kth={w[0]:G12} restarts={result.Restarts} matvecs={result.Matvecs}"));
        }
    }
}
