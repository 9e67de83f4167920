using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// NumPy's <c>numpy.linalg.pinv(a, rcond, hermitian)</c>: the Moore-Penrose pseudo-inverse (n x m) of the m x n
    /// matrix, V diag(1 / s_i) U^T over the singular values s_i &gt; rcond * max(s) (the others count as zero).
    /// With <paramref name="hermitian"/> the matrix is taken as symmetric (its lower triangle is read) and the
    /// eigendecomposition replaces the SVD (|w_i| as singular values). O(m n min(m, n)).
    /// </summary>
    /// <param name="a">An m x n matrix (n x n with hermitian).</param>
    /// <param name="rcond">Cut-off relative to the largest singular value (NumPy's default 1e-15, for float as well).</param>
    /// <param name="hermitian">Whether a is symmetric.</param>
    /// <exception cref="ShapeMismatchException">a is not a matrix, or not square with hermitian.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity.</exception>
    /// <exception cref="NoConvergenceException">The SVD or eigen iteration did not converge.</exception>
    public static Tensor<T> Pinv<T>(Tensor<T> a, double rcond = 1e-15, bool hermitian = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tensor<T> u, s, vh;
        if (hermitian)
        {
            var eig = new SymmetricEigenDecomposition<T>("pinv", a, UpLo.Lower, computeVectors: true);
            var w = eig.Eigenvalues;
            var v = eig.Eigenvectors;
            // A = V diag(w) V^T = V diag(|w|) (V diag(sign w))^T.
            var sign = Tensor.Wrap(w.ToArray().Select(x => x < T.Zero ? T.NegativeOne : T.One).ToArray(), w.Size);
            u = v;
            s = Tensor.Wrap(w.ToArray().Select(T.Abs).ToArray(), w.Size);
            vh = (v * sign).T;
        }
        else
        {
            var svd = new SvdDecomposition<T>("pinv", a, fullMatrices: false, computeUv: true);
            (u, s, vh) = (svd.U, svd.S, svd.Vh);
        }
        var sa = s.ToArray();
        T smax = T.Zero;
        foreach (var x in sa) smax = T.Max(smax, x);
        T cutoff = T.CreateTruncating(rcond) * smax;
        var inv = sa.Select(x => x > cutoff ? T.One / x : T.Zero).ToArray();
        // pinv = Vh^T diag(inv) U^T, through GEMM.
        return (vh.T * Tensor.Wrap(inv, inv.Length)).MatMul(u.T);
    }

    /// <summary>
    /// NumPy's <c>numpy.linalg.matrix_rank(a, tol)</c>: the number of singular values above <paramref name="tol"/>,
    /// by default S.max() * max(m, n) * eps (NumPy's, eps of T). A vector (1-d) has rank 1 unless it is all zeros.
    /// O(m n min(m, n)) (singular values only).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is neither a vector nor a matrix.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity.</exception>
    public static int MatrixRank<T>(Tensor<T> a, double? tol = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank < 2)
        {
            if (a.Rank == 0) ThrowHelper.ShapeMismatch("matrix_rank", $"needs a vector or a matrix, got shape {a.Shape}", a.Shape);
            return a.ToArray().Any(x => x != T.Zero) ? 1 : 0;
        }
        var svd = new SvdDecomposition<T>("matrix_rank", a, fullMatrices: false, computeUv: false);
        return svd.Rank(tol is null ? null : T.CreateTruncating(tol.Value));
    }

    /// <summary>
    /// NumPy's <c>numpy.linalg.cond(a)</c> (p = None): the 2-norm condition number s_max / s_min of an m x n matrix, from
    /// <see cref="Svdvals{T}"/>; +inf when s_min = 0 (exactly singular). O(m n min(m, n)).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a matrix, or has a zero dimension.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity.</exception>
    public static T Cond<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Cond(a, 2.0);

    /// <summary>
    /// NumPy's <c>numpy.linalg.cond(a, p)</c>: p = 2 (s_max / s_min) or -2 (s_min / s_max) from the singular values of
    /// any m x n matrix; p = 1, -1, +inf, -inf: ||A||_p ||A^-1||_p for a square matrix through <see cref="Inv{T}"/>,
    /// +inf when A is exactly singular (as NumPy). O(m n min(m, n)) or O(n^3).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a matrix or has a zero dimension; or not square for p other than 2, -2.</exception>
    /// <exception cref="ArgumentException">p is not one of 2, -2, 1, -1, inf, -inf.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity.</exception>
    public static T Cond<T>(Tensor<T> a, double p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireMatrix("cond", a);
        if (a.Rank != 2) ThrowHelper.ShapeMismatch("cond", $"needs one matrix (2-d), got shape {a.Shape}", a.Shape);
        if (a.Dims[0] == 0 || a.Dims[1] == 0) ThrowHelper.ShapeMismatch("cond", $"is undefined for an empty matrix, got shape {a.Shape}", a.Shape);
        if (p is 2 or -2)
        {
            var s = Svdvals(a).ToArray();
            T smax = s[0], smin = s[^1];
            if (p == 2) return smin == T.Zero ? T.PositiveInfinity : smax / smin;
            return smax == T.Zero ? T.PositiveInfinity : smin / smax;
        }
        if (!(p is 1 or -1 || double.IsInfinity(p)))
            throw new ArgumentException($"cond: invalid order {p}; use 2, -2, 1, -1, inf, -inf, \"fro\" or \"nuc\"", nameof(p));
        return CondByInverse(a, x => Norm(x, p));
    }

    /// <summary>
    /// NumPy's <c>numpy.linalg.cond(a, 'fro')</c> or <c>cond(a, 'nuc')</c>: ||A|| ||A^-1|| in the Frobenius or nuclear
    /// norm for a square matrix; +inf when A is exactly singular. O(n^3).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a square matrix, or is empty.</exception>
    /// <exception cref="ArgumentException">p is neither "fro" nor "nuc".</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity.</exception>
    public static T Cond<T>(Tensor<T> a, string p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p is not ("fro" or "f" or "nuc"))
            throw new ArgumentException($"cond: invalid order '{p}'; use \"fro\", \"nuc\", 2, -2, 1, -1, inf or -inf", nameof(p));
        RequireMatrix("cond", a);
        if (a.Rank != 2) ThrowHelper.ShapeMismatch("cond", $"needs one matrix (2-d), got shape {a.Shape}", a.Shape);
        if (a.Dims[0] == 0) ThrowHelper.ShapeMismatch("cond", $"is undefined for an empty matrix, got shape {a.Shape}", a.Shape);
        return CondByInverse(a, x => Norm(x, p));
    }

    private static T CondByInverse<T>(Tensor<T> a, Func<Tensor<T>, T> norm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSquare("cond", a);
        RequireFinite("cond", a);
        Tensor<T> inv;
        try { inv = Inv(a); }
        catch (SingularMatrixException) { return T.PositiveInfinity; }
        T r = norm(a) * norm(inv);
        return T.IsNaN(r) ? T.PositiveInfinity : r;
    }

    private static T ExtremeSingularValue<T>(Tensor<T> a, bool largest) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = new SvdDecomposition<T>("norm", a, fullMatrices: false, computeUv: false).S.ToArray();
        if (s.Length == 0)
        {
            if (largest) return T.Zero;
            throw new ArgumentException($"norm: ord = -2 of an empty matrix of shape {a.Shape} has no value (min of no singular values)", "ord");
        }
        return largest ? s[0] : s[^1];
    }

    private static T NuclearNorm<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (var x in new SvdDecomposition<T>("norm", a, fullMatrices: false, computeUv: false).S.ToArray()) sum += x;
        return sum;
    }
}
