namespace Linea.ML.Clustering;

/// <summary>How <see cref="SpectralClustering{T}"/> stores the graph and finds the spectral embedding.</summary>
public enum SpectralSolver
{
    /// <summary><see cref="Sparse"/> for <see cref="SpectralAffinity.NearestNeighbors"/> with more than
    /// <see cref="SpectralClustering{T}.SparseThreshold"/> samples (and for a sparse precomputed affinity),
    /// <see cref="Dense"/> otherwise: the RBF graph is dense by nature, and for small n the dense eigensolver is quicker.</summary>
    Auto,

    /// <summary>A dense (n, n) graph and <see cref="Linalg.Eigh{T}"/>: O(n²) memory, O(n³) time.</summary>
    Dense,

    /// <summary>A sparse graph (k-NN or precomputed sparse) and the k largest eigenpairs of D^-1/2 W D^-1/2 from
    /// <see cref="SparseLinalg.Eigsh{T}"/> (thick-restart Lanczos): O(n nNeighbors) memory for the graph plus O(n ncv)
    /// for the Lanczos basis. Not available for <see cref="SpectralAffinity.Rbf"/>, whose graph is dense.</summary>
    Sparse,
}
