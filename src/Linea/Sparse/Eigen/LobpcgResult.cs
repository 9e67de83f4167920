using System.Numerics;

namespace Linea;

/// <summary>
/// The result of <see cref="SparseLinalg.Lobpcg{T}(ILinearOperator{T}, NDArray{T}, ILinearOperator{T}?, bool, double?, int, Parallelism?)"/>:
/// k eigenvalues (ascending), their eigenvectors as the orthonormal columns of an n x k tensor, the iterations taken,
/// the final residual norms ||A x_j - lambda_j x_j|| and whether every one is within the tolerance. LOBPCG does not throw
/// when it runs out of iterations (SciPy warns); check <see cref="Converged"/>.
/// Deconstructs as <c>var (w, v) = SparseLinalg.Lobpcg(a, x0);</c>.
/// </summary>
/// <typeparam name="T">The element type, <c>float</c> or <c>double</c>.</typeparam>
public sealed class LobpcgResult<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal LobpcgResult(NDArray<T> eigenvalues, NDArray<T> eigenvectors, int iterations, NDArray<T> residualNorms, bool converged)
    {
        Eigenvalues = eigenvalues; Eigenvectors = eigenvectors; Iterations = iterations; ResidualNorms = residualNorms; Converged = converged;
    }

    /// <summary>The k eigenvalue approximations, shape (k,), ascending.</summary>
    public NDArray<T> Eigenvalues { get; }

    /// <summary>The eigenvector approximations, shape (n, k), orthonormal columns, column j for <see cref="Eigenvalues"/>[j].</summary>
    public NDArray<T> Eigenvectors { get; }

    /// <summary>Iterations taken (each: one product of A with the active residual block, and of the preconditioner).</summary>
    public int Iterations { get; }

    /// <summary>||A x_j - lambda_j x_j|| for each returned pair, shape (k,), in the order of <see cref="Eigenvalues"/>.</summary>
    public NDArray<T> ResidualNorms { get; }

    /// <summary>Whether every residual norm is at most the tolerance.</summary>
    public bool Converged { get; }

    /// <summary>(w, V).</summary>
    public void Deconstruct(out NDArray<T> eigenvalues, out NDArray<T> eigenvectors)
    {
        eigenvalues = Eigenvalues; eigenvectors = Eigenvectors;
    }
}
