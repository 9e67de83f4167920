namespace Linea.Distributed.Tests;

/// <summary>
/// ScaLAPACK through mpirun: grids 1 x 2 and 2 x 1 at 2 ranks, 1 x 3 and 3 x 1 at 3 ranks. The worker compares with
/// Linea's single-process Solve / Cholesky / QrR / Lstsq within n eps cond tolerances, checks redistributions exactly,
/// and checks that every error is thrown on every rank (see ScaLapackScenarios). The exit code carries every rank's
/// verdict (a FAIL on any rank makes it nonzero); the PASS counts allow 3 lines less than exact, because mpirun's
/// forwarding now and then splices two ranks' lines into one.
/// </summary>
public class ScaLapackTests
{
    [ScaLapackFact]
    public void Redistribution_round_trips_exactly_on_a_1x2_grid() => MpiRun.AssertPasses(2, "scalapack-redistribute", minPassed: 2 * 167 - 3);

    [ScaLapackFact]
    public void Redistribution_round_trips_exactly_on_a_2x1_grid() => MpiRun.AssertPasses(2, "scalapack-redistribute", minPassed: 2 * 167 - 3, "2x1");

    [ScaLapackFact]
    public void Redistribution_round_trips_exactly_on_a_1x3_grid_with_empty_ranks() => MpiRun.AssertPasses(3, "scalapack-redistribute", minPassed: 3 * 167 - 3);

    [ScaLapackFact]
    public void Solve_cholesky_qr_and_lstsq_equal_linalg_on_a_1x2_grid() => MpiRun.AssertPasses(2, "scalapack-solve", minPassed: 2 * 20 - 3);

    [ScaLapackFact]
    public void Solve_cholesky_qr_and_lstsq_equal_linalg_on_a_2x1_grid() => MpiRun.AssertPasses(2, "scalapack-solve", minPassed: 2 * 20 - 3, "2x1");

    [ScaLapackFact]
    public void Solve_cholesky_qr_and_lstsq_equal_linalg_on_a_1x3_grid() => MpiRun.AssertPasses(3, "scalapack-solve", minPassed: 3 * 20 - 3);

    [ScaLapackFact]
    public void Solve_cholesky_qr_and_lstsq_equal_linalg_on_a_3x1_grid() => MpiRun.AssertPasses(3, "scalapack-solve", minPassed: 3 * 20 - 3, "3x1");

    [ScaLapackFact]
    public void Errors_are_thrown_alike_on_every_rank_at_2_ranks()
    {
        MpiRunResult r = MpiRun.AssertPasses(2, "scalapack-errors", minPassed: 2 * 15 - 3);
        Assert.Contains("[rank 1] PASS singular.pdgesv", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("[rank 1] PASS not_pd.minor_order", r.StdOut, StringComparison.Ordinal);
    }

    [ScaLapackFact]
    public void Errors_are_thrown_alike_on_every_rank_on_a_3x1_grid()
    {
        MpiRunResult r = MpiRun.AssertPasses(3, "scalapack-errors", minPassed: 3 * 15 - 3, "3x1");
        Assert.Contains("[rank 2] PASS nonfinite.solve", r.StdOut, StringComparison.Ordinal);
    }
}
