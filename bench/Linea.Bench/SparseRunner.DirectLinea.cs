// The Linea side of the cholesky and lu cases of the `sparse` runner (SparseRunner.Direct.cs).
using System.Diagnostics;
using System.Globalization;

namespace Linea.Bench;

internal static partial class SparseRunner
{
    /// <summary>
    /// Times Linea's sparse Cholesky on <paramref name="a"/> with <paramref name="ordering"/> (--ordering): analysis and
    /// factorization separately, nnz(L) with the diagonal, one solve with b = ones.
    /// </summary>
    private static DirectResult LineaCholesky(SparseMatrix<double> a, SparseOrdering ordering, int samples)
    {
        // Warm the JIT on a small Poisson matrix; then each sample analyzes and factors from scratch.
        var small = SparseBenchMatrices.Poisson2D(30);
        SparseCholeskyAnalysis.Analyze(small, ordering).Factor(small, Parallelism.Default);
        var analyzeTimes = new double[Math.Max(1, samples)];
        var factorTimes = new double[analyzeTimes.Length];
        SparseCholesky<double>? chol = null;
        long allocated = 0;
        for (int r = 0; r < analyzeTimes.Length; r++)
        {
            chol = null;
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            var analysis = SparseCholeskyAnalysis.Analyze(a, ordering);
            analyzeTimes[r] = sw.Elapsed.TotalSeconds;
            sw.Restart();
            chol = analysis.Factor(a, Parallelism.Default);
            factorTimes[r] = sw.Elapsed.TotalSeconds;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        }
        var b = new double[a.Rows];
        Array.Fill(b, 1.0);
        var x = new double[a.Rows];
        chol!.Solve(b, x);
        var (factorPeak, factorBytes) = CholeskyMemory(a, chol.Analysis);
        Array.Sort(analyzeTimes);
        Array.Sort(factorTimes);
        var inv = CultureInfo.InvariantCulture;
        return new DirectResult(analyzeTimes[analyzeTimes.Length / 2], factorTimes[factorTimes.Length / 2], chol.Nnz,
            DirectResidual.Relative(a, x, b),
            [
                new("ordering", chol.Ordering.ToString().ToLowerInvariant()),
                new("nsuper", chol.Analysis.SupernodeCount.ToString(inv)),
                new("stored_lower", chol.Analysis.StoredEntries.ToString(inv)),
                // Managed bytes allocated by one analysis + factorization (an upper bound on its managed peak; native
                // memory not counted) against the factor's values (8 bytes per stored entry of L).
                new("alloc_mb", (allocated / 1e6).ToString("F1", inv)),
                new("factor_values_mb", (chol.Analysis.StoredEntries * 8 / 1e6).ToString("F1", inv)),
                new("peak_bytes", factorPeak.ToString(inv)),
                new("factor_bytes", factorBytes.ToString(inv)),
                new("peak_over_factor", ((double)factorPeak / factorBytes).ToString("F2", inv)),
            ]);
    }

    /// <summary>
    /// Times Linea's sparse LU on <paramref name="a"/> with <paramref name="ordering"/> (ordering and factorization in
    /// one call), nnz(L) + nnz(U), one solve with b = ones.
    /// </summary>
    private static DirectResult LineaLu(SparseMatrix<double> a, SparseOrdering ordering, int samples)
    {
        if (double.TryParse(Environment.GetEnvironmentVariable("LINEA_LU_DENSITY"), NumberStyles.Float, CultureInfo.InvariantCulture, out double density))
            DenseTail.DensityOverride = density; // experiments only
        // LINEA_LU_METHOD=gilbertpeierls|multifrontal forces the numeric factorization (experiments: the left-looking LU
        // is main's before the multifrontal path, so both run in one process against the same peers)
        var parameters = Enum.TryParse<SparseLuMethod>(Environment.GetEnvironmentVariable("LINEA_LU_METHOD"), ignoreCase: true, out var method)
            ? new SparseLuParams(method) : SparseLuParams.Default;
        // Warm the JIT on a small matrix of the same kind; Sparse.Lu orders and factors in one call (analysis: na).
        Sparse.Lu(SparseBenchMatrices.ConvectionDiffusion2D(30), ordering, parameters: parameters);
        var times = new double[Math.Max(1, samples)];
        SparseLu<double>? lu = null;
        long allocated = 0;
        for (int r = 0; r < times.Length; r++)
        {
            lu = null;
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            lu = Sparse.Lu(a, ordering, parameters: parameters);
            times[r] = sw.Elapsed.TotalSeconds;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        }
        var b = new double[a.Rows];
        Array.Fill(b, 1.0);
        var x = new double[a.Rows];
        lu!.Solve(b, x);
        var (analyzeAlloc, factorPeak, factorBytes, phaseAnalyze, phaseFactor) = LuMemory(a, ordering, parameters);
        Array.Sort(times);
        var inv = CultureInfo.InvariantCulture;
        return new DirectResult(double.NaN, times[times.Length / 2], lu.NnzL + lu.NnzU, DirectResidual.Relative(a, x, b),
            [
                new("ordering", lu.Ordering.ToString().ToLowerInvariant()),
                new("method", lu.Method.ToString().ToLowerInvariant()),
                new("nnz_l", lu.NnzL.ToString(inv)),
                new("nnz_u", lu.NnzU.ToString(inv)),
                new("alloc_mb", (allocated / 1e6).ToString("F1", inv)),
                new("factor_values_mb", ((lu.NnzL + lu.NnzU) * 8 / 1e6).ToString("F1", inv)),
                new("dense_tail", lu.DenseTailOrder.ToString(inv)),
                // one more run with the two phases timed apart (not the median: where the time goes)
                new("phase_analyze_s", phaseAnalyze.ToString("F4", inv)),
                new("phase_factor_s", phaseFactor.ToString("F4", inv)),
                new("analyze_alloc_bytes", analyzeAlloc.ToString(inv)),
                new("peak_bytes", factorPeak.ToString(inv)),
                new("factor_bytes", factorBytes.ToString(inv)),
                new("peak_over_factor", ((double)factorPeak / factorBytes).ToString("F2", inv)),
            ]);
    }

    /// <summary>
    /// The managed memory of the LU's two phases, run apart through the internals Sparse.Lu chains: the bytes the
    /// analysis (CSC copy, ordering, column counts) allocates, the bytes the numeric factorization allocates (its peak
    /// can be no higher: everything it holds was allocated inside it), and the bytes the factors hold.
    /// </summary>
    private static (long AnalyzeAlloc, long FactorPeak, long FactorBytes, double AnalyzeSeconds, double FactorSeconds) LuMemory(SparseMatrix<double> a, SparseOrdering ordering,
        SparseLuParams parameters)
    {
        const string op = "sparse lu";
        GC.Collect();
        long t0 = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        var csc = SparseLuFactory.Prepare(op, a);
        var analysis = SparseLuFactory.Analyze(op, csc, ordering, null, parameters, Parallelism.Default);
        double analyze = sw.Elapsed.TotalSeconds;
        long t1 = GC.GetTotalAllocatedBytes(precise: true);
        sw.Restart();
        var f = SparseLuFactory.Factor(op, csc, analysis, 0.1, parameters, Parallelism.Default);
        double factor = sw.Elapsed.TotalSeconds;
        long t2 = GC.GetTotalAllocatedBytes(precise: true);
        return (t1 - t0, t2 - t1, f.Bytes, analyze, factor);
    }

    /// <summary>
    /// The managed bytes the numeric Cholesky allocates (an upper bound on its peak) and the bytes the factor holds:
    /// the supernodal values plus the analysis's structure (row indices, pointers, permutation) that the solves read.
    /// </summary>
    private static (long FactorPeak, long FactorBytes) CholeskyMemory(SparseMatrix<double> a, SparseCholeskyAnalysis analysis)
    {
        GC.Collect();
        long t0 = GC.GetTotalAllocatedBytes(precise: true);
        var chol = analysis.Factor(a, Parallelism.Default);
        long t1 = GC.GetTotalAllocatedBytes(precise: true);
        long structure = 4L * (analysis.Rows.Length + analysis.Start.Length + analysis.Perm.Length) + 8L * (analysis.RowPtr.Length + analysis.LPtr.Length);
        GC.KeepAlive(chol);
        return (t1 - t0, analysis.StoredEntries * sizeof(double) + structure);
    }
}
