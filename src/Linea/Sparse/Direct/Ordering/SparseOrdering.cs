namespace Linea;

/// <summary>
/// The fill-reducing permutation a sparse factorization applies before it factors (SuiteSparse's and SciPy's
/// <c>permc_spec</c> choices). The factorizations report the one they used.
/// </summary>
public enum SparseOrdering
{
    /// <summary>Cholesky: <see cref="Amd"/>, or <see cref="NestedDissection"/> for large 2-D and 3-D meshes; LU and QR: <see cref="Colamd"/>.</summary>
    Auto,

    /// <summary>No permutation (the matrix's own order).</summary>
    Natural,

    /// <summary>Approximate minimum degree on the pattern of A + A^T (Amestoy, Davis and Duff), for Cholesky and LDL^T.</summary>
    Amd,

    /// <summary>Column approximate minimum degree on the pattern of A^T A without forming it (Davis et al.), for LU and QR.</summary>
    Colamd,

    /// <summary>Nested dissection by recursive graph bisection, for 2-D and 3-D meshes.</summary>
    NestedDissection,
}
