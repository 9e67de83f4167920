using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// NumPy's <c>numpy.linalg.eigh(a, UPLO)</c>: eigenvalues w (shape (n,), ascending) and orthonormal eigenvectors V
    /// (n x n, column j for w[j]) of the real symmetric matrix <paramref name="a"/>, reading only the triangle
    /// <paramref name="uplo"/>. A V = V diag(w) to O(n eps ||A||). Each eigenvector's entry of largest magnitude is
    /// positive (see <see cref="SymmetricEigenDecomposition{T}"/>). About 9 n^3 flops.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a square matrix (stacks are not supported yet).</exception>
    /// <exception cref="NonFiniteException">The triangle read holds NaN or infinity.</exception>
    /// <exception cref="NoConvergenceException">The tridiagonal iteration did not converge in 30 n iterations.</exception>
    public static (Tensor<T> Eigenvalues, Tensor<T> Eigenvectors) Eigh<T>(Tensor<T> a, UpLo uplo = UpLo.Lower) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var eig = new SymmetricEigenDecomposition<T>("eigh", a, uplo, computeVectors: true);
        return (eig.Eigenvalues, eig.Eigenvectors);
    }

    /// <summary>
    /// NumPy's <c>numpy.linalg.eigvalsh(a, UPLO)</c>: the eigenvalues (shape (n,), ascending) of the real symmetric
    /// matrix <paramref name="a"/>, reading only the triangle <paramref name="uplo"/>. About 4 n^3 / 3 flops (the
    /// tridiagonal reduction) plus O(n^2).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a square matrix (stacks are not supported yet).</exception>
    /// <exception cref="NonFiniteException">The triangle read holds NaN or infinity.</exception>
    /// <exception cref="NoConvergenceException">The tridiagonal iteration did not converge in 30 n iterations.</exception>
    public static Tensor<T> Eigvalsh<T>(Tensor<T> a, UpLo uplo = UpLo.Lower) where T : unmanaged, IFloatingPointIeee754<T> =>
        new SymmetricEigenDecomposition<T>("eigvalsh", a, uplo, computeVectors: false).Eigenvalues;
}
