using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// NumPy's <c>numpy.linalg.eigh(a, UPLO)</c>: eigenvalues w (shape (n,), ascending) and orthonormal eigenvectors V
    /// (n x n, column j for w[j]) of the real symmetric matrix <paramref name="a"/>, reading only the triangle
    /// <paramref name="uplo"/>. A V = V diag(w) to O(n eps ||A||). Each eigenvector's entry of largest magnitude is
    /// positive (see <see cref="SymmetricEigenDecomposition{T}"/>). About 9 n^3 flops per matrix.
    /// <para>Stacks: for a (..., n, n) a, w is (..., n) and V (..., n, n), each matrix's pair exactly (bit for bit) what
    /// a call on that matrix alone gives; the batch axes may have any strides (transposed, sliced or broadcast views).
    /// An empty batch gives empty results of those shapes.</para>
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not at least 2-d, or its matrices are not square.</exception>
    /// <exception cref="NonFiniteException">The triangle read holds NaN or infinity; for a stack the message names the matrix ("matrix [1, 0] of the stack ...") and the entry.</exception>
    /// <exception cref="NoConvergenceException">The tridiagonal iteration did not converge in 30 n iterations (for a stack the message names the matrix).</exception>
    public static (NDArray<T> Eigenvalues, NDArray<T> Eigenvectors) Eigh<T>(NDArray<T> a, UpLo uplo = UpLo.Lower) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSquare("eigh", a);
        int n = a.IntDims[^1];
        var r = MatrixStack.Map("eigh", a, [[n], [n, n]], (m, label) =>
        {
            var eig = new SymmetricEigenDecomposition<T>(label, m, uplo, computeVectors: true, Parallelism.Default);
            return [eig.Eigenvalues, eig.Eigenvectors];
        });
        return (r[0], r[1]);
    }

    /// <summary>
    /// NumPy's <c>numpy.linalg.eigvalsh(a, UPLO)</c>: the eigenvalues (shape (n,), ascending) of the real symmetric
    /// matrix <paramref name="a"/>, reading only the triangle <paramref name="uplo"/>; for a stack (..., n, n) the
    /// eigenvalues of each matrix, shape (..., n), each row exactly what a call on that matrix alone gives. About
    /// 4 n^3 / 3 flops (the tridiagonal reduction) plus O(n^2) per matrix.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not at least 2-d, or its matrices are not square.</exception>
    /// <exception cref="NonFiniteException">The triangle read holds NaN or infinity; for a stack the message names the matrix and the entry.</exception>
    /// <exception cref="NoConvergenceException">The tridiagonal iteration did not converge in 30 n iterations (for a stack the message names the matrix).</exception>
    public static NDArray<T> Eigvalsh<T>(NDArray<T> a, UpLo uplo = UpLo.Lower) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSquare("eigvalsh", a);
        return MatrixStack.Map("eigvalsh", a, [[a.IntDims[^1]]], (m, label) =>
            [new SymmetricEigenDecomposition<T>(label, m, uplo, computeVectors: false, Parallelism.Default).Eigenvalues])[0];
    }
}
