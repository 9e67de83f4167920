using System.Numerics;

namespace Linea;

/// <summary>
/// The result of <see cref="SparseLinalg.Eigsh{T}"/>: k eigenvalues in ascending order (as SciPy's <c>eigsh</c> returns
/// them) and, when asked for, the matching eigenvectors as the columns of an n x k tensor with orthonormal columns.
/// Deconstructs as <c>var (w, v) = SparseLinalg.Eigsh(a, k);</c>.
/// </summary>
/// <typeparam name="T">The element type, <c>float</c> or <c>double</c>.</typeparam>
public sealed class EigshResult<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal EigshResult(NDArray<T> eigenvalues, NDArray<T>? eigenvectors, int restarts, long matvecs)
    {
        Eigenvalues = eigenvalues;
        Eigenvectors = eigenvectors;
        Restarts = restarts;
        Matvecs = matvecs;
    }

    /// <summary>The k eigenvalues, shape (k,), ascending.</summary>
    public NDArray<T> Eigenvalues { get; }

    /// <summary>The eigenvectors, shape (n, k), column j for <see cref="Eigenvalues"/>[j]; null when
    /// <c>returnEigenvectors</c> was false. Each column's entry of largest magnitude is positive.</summary>
    public NDArray<T>? Eigenvectors { get; }

    /// <summary>Thick restarts the Lanczos iteration took (ARPACK's iteration count).</summary>
    public int Restarts { get; }

    /// <summary>Products with the operator (with the shift-inverted operator when sigma was given).</summary>
    public long Matvecs { get; }

    /// <summary>(w, V) as SciPy's <c>w, v = eigsh(...)</c>; V is null when eigenvectors were not asked for.</summary>
    public void Deconstruct(out NDArray<T> eigenvalues, out NDArray<T>? eigenvectors)
    {
        eigenvalues = Eigenvalues;
        eigenvectors = Eigenvectors;
    }
}
