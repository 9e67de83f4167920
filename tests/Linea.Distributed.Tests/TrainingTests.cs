namespace Linea.Distributed.Tests;

/// <summary>
/// Data-parallel training of Sequential under mpirun: final weights and epoch reports against one-process Fit on the
/// concatenated data (uneven row blocks, ranks with no rows of some batches or none at all, SGD, Nesterov, Adam with
/// decay and clipping, float MSE), bitwise-equal replicas, and bad input failing on every rank.
/// </summary>
public class TrainingTests
{
    [MpiFact]
    public void Data_parallel_weights_equal_one_process_training_to_rounding_at_2_ranks() =>
        MpiRun.AssertPasses(2, "training", minPassed: 2 * 22);

    [MpiFact]
    public void Data_parallel_weights_equal_one_process_training_to_rounding_at_3_ranks() =>
        MpiRun.AssertPasses(3, "training", minPassed: 3 * 22);

    [MpiFact]
    public void Bad_training_input_on_one_rank_fails_on_every_rank_before_training_at_3_ranks() =>
        MpiRun.AssertPasses(3, "training-errors", minPassed: 3 * 7);

    [MpiFact]
    public void Bad_training_input_on_one_rank_fails_on_every_rank_before_training_at_2_ranks() =>
        MpiRun.AssertPasses(2, "training-errors", minPassed: 2 * 7);
}
