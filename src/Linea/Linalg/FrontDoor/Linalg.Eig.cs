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
    /// About 25 n^3 flops per matrix. For symmetric matrices prefer <see cref="Eigh{T}"/>.
    /// <para>Stacks: for a (..., n, n) a, w is (..., n) and V (..., n, n), each matrix's pair exactly (bit for bit) what a
    /// call on that matrix alone gives; the batch axes may have any strides (transposed, sliced or broadcast views), and
    /// an empty batch gives empty results of those shapes. As in NumPy, the result is real for the whole stack
    /// (<see cref="ComplexTensor{TScalar}.IsReal"/>) only when every matrix's spectrum is real; otherwise the matrices
    /// with a real spectrum still have exactly zero imaginary parts in their slots.</para>
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not at least 2-d, or its matrices are not square.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity; for a stack the message names the matrix ("matrix [1, 0] of the stack ...") and the entry.</exception>
    /// <exception cref="NoConvergenceException">The QR iteration did not converge (not expected for finite input; for a stack the message names the matrix).</exception>
    public static (ComplexTensor<T> Eigenvalues, ComplexTensor<T> Eigenvectors) Eig<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSquare("eig", a);
        int n = a.IntDims[^1];
        var r = MatrixStack.Map("eig", a, [[n], [n], [n, n], [n, n]], (m, label) =>
        {
            var eig = new EigenDecomposition<T>(label, m, computeVectors: true, EigParams.Auto);
            var (w, v) = (eig.Eigenvalues, eig.Eigenvectors);
            return [w.Real, w.Imag, v.Real, v.Imag];
        });
        return (new ComplexTensor<T>(r[0], r[1]), new ComplexTensor<T>(r[2], r[3]));
    }

    /// <summary>
    /// NumPy's <c>numpy.linalg.eigvals(a)</c>: the eigenvalues (shape (n,)) of the real square matrix
    /// <paramref name="a"/>, in the order and with the conventions of <see cref="Eig{T}"/> (they agree with its values
    /// to rounding, not bit for bit: without vectors the iteration updates less of the matrix). Cheaper than
    /// <see cref="Eig{T}"/>: about 10 n^3 flops per matrix, no Schur vectors or eigenvectors. For a stack (..., n, n):
    /// shape (..., n), each row exactly what a call on that matrix alone gives; real for the whole stack only when
    /// every spectrum is real, as for <see cref="Eig{T}"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not at least 2-d, or its matrices are not square.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity; for a stack the message names the matrix and the entry.</exception>
    /// <exception cref="NoConvergenceException">The QR iteration did not converge (not expected for finite input; for a stack the message names the matrix).</exception>
    public static ComplexTensor<T> Eigvals<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSquare("eigvals", a);
        int n = a.IntDims[^1];
        var r = MatrixStack.Map("eigvals", a, [[n], [n]], (m, label) =>
        {
            var w = new EigenDecomposition<T>(label, m, computeVectors: false, EigParams.Auto).Eigenvalues;
            return [w.Real, w.Imag];
        });
        return new ComplexTensor<T>(r[0], r[1]);
    }
}
