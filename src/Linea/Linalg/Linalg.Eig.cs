using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// NumPy's <c>numpy.linalg.eig(a)</c>: the eigenvalues w (shape (n,)) and right eigenvectors V (n x n, column j for
    /// w[j]) of the real square matrix <paramref name="a"/>, with A V = V diag(w) to O(n eps ||A||). Both are complex
    /// in general; when every eigenvalue is real, both have exactly zero imaginary parts
    /// (<see cref="ComplexTensor{TScalar}.IsReal"/>), so use <c>.Real</c>. Eigenvalues are not sorted (LAPACK's order);
    /// conjugate pairs are adjacent, positive imaginary part first, and exactly conjugate. Each eigenvector has unit
    /// 2-norm; a complex one has its largest-modulus component real. See <see cref="EigenDecomposition{T}"/>.
    /// About 25 n^3 flops. For symmetric matrices prefer <see cref="Eigh{T}"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a square matrix (stacks are not supported yet).</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity.</exception>
    /// <exception cref="NoConvergenceException">The QR iteration did not converge (not expected for finite input).</exception>
    public static (ComplexTensor<T> Eigenvalues, ComplexTensor<T> Eigenvectors) Eig<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var eig = new EigenDecomposition<T>("eig", a, computeVectors: true, EigParams.Auto);
        return (eig.Eigenvalues, eig.Eigenvectors);
    }

    /// <summary>
    /// NumPy's <c>numpy.linalg.eigvals(a)</c>: the eigenvalues (shape (n,)) of the real square matrix
    /// <paramref name="a"/>, in the order and with the conventions of <see cref="Eig{T}"/> (they agree with its values
    /// to rounding, not bit for bit: without vectors the iteration updates less of the matrix). Cheaper than
    /// <see cref="Eig{T}"/>: about 10 n^3 flops, no Schur vectors or eigenvectors.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a square matrix (stacks are not supported yet).</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity.</exception>
    /// <exception cref="NoConvergenceException">The QR iteration did not converge (not expected for finite input).</exception>
    public static ComplexTensor<T> Eigvals<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        new EigenDecomposition<T>("eigvals", a, computeVectors: false, EigParams.Auto).Eigenvalues;
}
