namespace Linea.ML.Clustering;

/// <summary>How <see cref="SpectralClustering{T}"/> turns samples into a similarity graph.</summary>
public enum SpectralAffinity
{
    /// <summary>W_ij = exp(-gamma ||x_i - x_j||²) for i ≠ j, W_ii = 0 (a dense graph).</summary>
    Rbf,

    /// <summary>W_ij = 1 when j is among the nNeighbors nearest neighbours of i (itself excluded), symmetrised as (W + Wᵀ) / 2.</summary>
    NearestNeighbors,

    /// <summary>X is itself the affinity matrix: square, symmetric, non-negative (its diagonal is ignored).</summary>
    Precomputed,
}
