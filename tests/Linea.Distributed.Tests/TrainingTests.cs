namespace Linea.Distributed.Tests;

/// <summary>
/// Data-parallel training of Sequential under mpirun: final weights and epoch reports against one-process Fit on the
/// concatenated data (uneven row blocks, ranks with no rows of some batches or none at all, SGD, Nesterov, Adam with
/// decay and clipping, float MSE), bitwise-equal replicas, and bad input failing on every rank.
/// The exit code carries every rank's verdict (a FAIL on any rank makes it nonzero); the PASS counts allow 3 lines
/// less than exact, because mpirun's forwarding now and then splices two ranks' lines into one.
/// </summary>
public class TrainingTests
{
    [MpiFact]
    public void Data_parallel_weights_equal_one_process_training_to_rounding_at_2_ranks() =>
        MpiRun.AssertPasses(2, "training", minPassed: 2 * 22 - 3);

    [MpiFact]
    public void Data_parallel_weights_equal_one_process_training_to_rounding_at_3_ranks() =>
        MpiRun.AssertPasses(3, "training", minPassed: 3 * 22 - 3);

    [MpiFact]
    public void Bad_training_input_on_one_rank_fails_on_every_rank_before_training_at_3_ranks() =>
        MpiRun.AssertPasses(3, "training-errors", minPassed: 3 * 7 - 3);

    [MpiFact]
    public void Bad_training_input_on_one_rank_fails_on_every_rank_before_training_at_2_ranks() =>
        MpiRun.AssertPasses(2, "training-errors", minPassed: 2 * 7 - 3);
}
