using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// NumPy's <c>numpy.linalg.pinv(a, rcond, hermitian)</c>: the Moore-Penrose pseudo-inverse (n x m) of the m x n
    /// matrix, V diag(1 / s_i) U^T over the singular values s_i &gt; rcond * max(s) (the others count as zero).
    /// With <paramref name="hermitian"/> the matrix is taken as symmetric (its lower triangle is read) and the
    /// eigendecomposition replaces the SVD (|w_i| as singular values). O(m n min(m, n)) per matrix.
    /// <para>Stacks: for a (..., m, n) a the result is (..., n, m), each matrix's pseudo-inverse exactly (bit for bit)
    /// what a call on that matrix alone gives, with the one <paramref name="rcond"/> for all; any strides; an empty
    /// batch gives an empty result.</para>
    /// </summary>
    /// <param name="a">An m x n matrix (n x n with hermitian), or a stack of them (..., m, n).</param>
    /// <param name="rcond">Cut-off relative to the largest singular value (NumPy's default 1e-15, for float as well).</param>
    /// <param name="hermitian">Whether a is symmetric.</param>
    /// <exception cref="ShapeMismatchException">a is not at least 2-d, or its matrices are not square with hermitian.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity; for a stack the message names the matrix ("matrix [1, 0] of the stack ...").</exception>
    /// <exception cref="NoConvergenceException">The SVD or eigen iteration did not converge.</exception>
    public static NDArray<T> Pinv<T>(NDArray<T> a, double rcond = 1e-15, bool hermitian = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (hermitian) RequireSquare("pinv", a);
        else RequireMatrix("pinv", a);
        return MatrixStack.Map("pinv", a, [[a.IntDims[^1], a.IntDims[^2]]], (x, label) => [PinvOfMatrix(label, x, rcond, hermitian)])[0];
    }

    private static NDArray<T> PinvOfMatrix<T>(string label, NDArray<T> a, double rcond, bool hermitian) where T : unmanaged, IFloatingPointIeee754<T>
    {
        NDArray<T> u, s, vh;
        if (hermitian)
        {
            var eig = new SymmetricEigenDecomposition<T>(label, a, UpLo.Lower, computeVectors: true, Parallelism.Default);
            var w = eig.Eigenvalues;
            var v = eig.Eigenvectors;
            // A = V diag(w) V^T = V diag(|w|) (V diag(sign w))^T.
            var sign = NDArray.Wrap(w.ToArray().Select(x => x < T.Zero ? T.NegativeOne : T.One).ToArray(), w.Size);
            u = v;
            s = NDArray.Wrap(w.ToArray().Select(T.Abs).ToArray(), w.Size);
            vh = (v * sign).T;
        }
        else
        {
            var svd = new SvdDecomposition<T>(label, a, fullMatrices: false, computeUv: true, Parallelism.Default);
            (u, s, vh) = (svd.U, svd.S, svd.Vh);
        }
        var sa = s.ToArray();
        T smax = T.Zero;
        foreach (var x in sa) smax = T.Max(smax, x);
        T cutoff = T.CreateTruncating(rcond) * smax;
        var inv = sa.Select(x => x > cutoff ? T.One / x : T.Zero).ToArray();
        // pinv = Vh^T diag(inv) U^T, through GEMM.
        return (vh.T * NDArray.Wrap(inv, inv.Length)).MatMul(u.T);
    }
}
