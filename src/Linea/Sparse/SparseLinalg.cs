namespace Linea;

/// <summary>
/// Sparse linear algebra in SciPy's <c>scipy.sparse.linalg</c> vocabulary: iterative solvers (<c>Cg</c>, <c>Minres</c>,
/// <c>Gmres</c>, <c>Bicgstab</c>, <c>Lsqr</c>, <c>Lsmr</c>) and eigensolvers (<c>Eigsh</c>, <c>Svds</c>, <c>Lobpcg</c>) over
/// any <see cref="ILinearOperator{T}"/>: sparse matrices, dense tensors and user functions.
/// </summary>
public static partial class SparseLinalg
{
}
