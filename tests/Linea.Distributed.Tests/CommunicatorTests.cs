namespace Linea.Distributed.Tests;

/// <summary>
/// The communicator under mpirun at 2 and 3 ranks. Each test starts one job whose worker checks a group of related
/// results against values derived by hand from the ranks (see the worker's scenarios) and prints PASS/FAIL lines.
/// </summary>
public class CommunicatorTests
{
    [MpiFact]
    public void Collectives_on_uneven_sizes_with_a_zero_length_rank_at_2_ranks() =>
        MpiRun.AssertPasses(2, "collectives", minPassed: 62);

    [MpiFact]
    public void Collectives_on_uneven_sizes_with_a_zero_length_rank_at_3_ranks() =>
        MpiRun.AssertPasses(3, "collectives", minPassed: 93);

    [MpiFact]
    public void Tensor_row_blocks_shapes_and_sends_at_3_ranks() =>
        MpiRun.AssertPasses(3, "tensors", minPassed: 33);

    [MpiFact]
    public void Tensor_row_blocks_shapes_and_sends_at_2_ranks() =>
        MpiRun.AssertPasses(2, "tensors", minPassed: 2 * 10);

    [MpiFact]
    public void Mismatched_lengths_throw_on_every_rank_naming_each_ranks_lengths()
    {
        MpiRunResult r = MpiRun.AssertPasses(3, "mismatch", minPassed: 47);
        Assert.Contains("[rank 2] PASS allreduce.lengths", r.StdOut, StringComparison.Ordinal);
    }

    [MpiFact]
    public void A_rank_that_throws_fails_the_whole_job_quickly_with_its_message()
    {
        MpiRunResult r = MpiRun.Scenario(3, "throw", TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode != 0, $"the job should fail; {r}");
        Assert.Contains("rank 2 of 3 failed: System.InvalidOperationException: deliberate failure on the last rank (2)", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL throw", r.StdOut, StringComparison.Ordinal);
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(30), $"the abort should end the job within seconds; {r}");
    }

    [MpiFact]
    public void An_unknown_scenario_is_reported_without_starting_mpi()
    {
        MpiRunResult r = MpiRun.Scenario(2, "no-such-scenario", TimeSpan.FromSeconds(60));
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("unknown scenario 'no-such-scenario'", r.StdErr, StringComparison.Ordinal);
    }
}
