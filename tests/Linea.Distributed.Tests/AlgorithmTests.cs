namespace Linea.Distributed.Tests;

/// <summary>
/// TSQR least squares, PCA and k-means at 2 and 3 ranks on row blocks of shared .npy files (balanced splits, all rows on
/// one rank with the others empty, and blocks shorter than the column count), each compared in the worker with the
/// single-process answer (Linalg.Lstsq, Linea.ML's Pca, KMeans with InitialCenters on the whole matrix) within tolerances
/// from perturbation theory stated there; a NaN on one rank and mismatched blocks fail on every rank without a hang.
/// </summary>
public sealed class AlgorithmTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "linea-distributed-" + Guid.NewGuid().ToString("N"));

    [MpiFact]
    public void Tsqr_pca_and_kmeans_equal_the_single_process_answers_at_2_ranks() =>
        MpiRun.AssertPasses(2, "algorithms", minPassed: 110, _dir);

    [MpiFact]
    public void Tsqr_pca_and_kmeans_equal_the_single_process_answers_at_3_ranks() =>
        MpiRun.AssertPasses(3, "algorithms", minPassed: 165, _dir);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
