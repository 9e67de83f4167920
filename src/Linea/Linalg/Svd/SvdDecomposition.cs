using System.Numerics;

namespace Linea;

/// <summary>
/// The singular value decomposition A = U diag(S) Vh of a real m x n matrix, k = min(m, n) (LAPACK's gesdd path):
/// for tall matrices (m &gt;= 11 n / 6, of A^T when m &lt; n) a QR factorization first; blocked Householder
/// bidiagonalization (gebrd); with vectors, the bidiagonal divide and conquer (bdsdc), else the Demmel-Kahan implicit QR
/// iteration (bdsqr, high relative accuracy for the small singular values of the bidiagonal); and back-transformation of
/// the singular vectors by the reflectors as block reflectors through GEMM (ormbr, ormqr).
/// <para>Conventions (as <c>numpy.linalg.svd</c>): S descending and non-negative, shape (k,); with full matrices U is
/// m x m and Vh n x n, otherwise U is m x k and Vh k x n. Signs: each column j &lt; k of U has its entry of largest
/// magnitude (the first such on ties) positive, and row j of Vh is signed to match (NumPy fixes no sign; this makes
/// results reproducible). Columns of U beyond k (full matrices) are an orthonormal basis of the complement, also so signed.</para>
/// <para>Accuracy: ||A - U S Vh|| = O(max(m, n) eps ||A||); U and Vh orthonormal to O(max(m, n) eps); singular values of a
/// bidiagonal to high relative accuracy, of A to O(eps ||A||) absolute. Cost: about 4 m n^2 - 4 n^3 / 3 flops for the
/// values alone (m &gt;= n; 2 m n^2 + 2 n^3 with the QR first), about 4 m n^2 + 8 n^3 / 3 more with vectors (the
/// back-transformations and at most 8 n^3 / 3 in the divide and conquer's GEMMs, less when it deflates).</para>
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>; computed in T throughout.</typeparam>
public sealed class SvdDecomposition<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _s;
    private readonly NDArray<T>? _u, _vh;

    /// <summary>Number of rows m of A.</summary>
    public int Rows { get; }

    /// <summary>Number of columns n of A.</summary>
    public int Columns { get; }

    /// <summary>Whether U and Vh are m x m and n x n (true) or m x k and k x n.</summary>
    public bool FullMatrices { get; }

    /// <summary>The singular values, descending: shape (k,), k = min(m, n).</summary>
    public NDArray<T> S => NDArray.Wrap((T[])_s.Clone(), _s.Length);

    /// <summary>Whether U and Vh were computed.</summary>
    public bool HasVectors => _u is not null;

    /// <summary>The left singular vectors as columns: m x m (full) or m x k.</summary>
    /// <exception cref="InvalidOperationException">Computed without vectors.</exception>
    public NDArray<T> U => _u?.Copy() ?? throw NoVectors();

    /// <summary>The right singular vectors as rows: n x n (full) or k x n.</summary>
    /// <exception cref="InvalidOperationException">Computed without vectors.</exception>
    public NDArray<T> Vh => _vh?.Copy() ?? throw NoVectors();

    /// <summary>U, S and Vh without the properties' defensive copies, for a caller that drops this object (Linalg.Svd).</summary>
    internal NDArray<T>[] TakeFactors() => [_u ?? throw NoVectors(), S, _vh ?? throw NoVectors()];

    /// <summary>
    /// Decomposes <paramref name="a"/> (m x n, any strides; copied, not modified). O(m n min(m, n)).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a matrix (rank 2; for stacks use <see cref="Linalg.Svd{T}"/>).</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity (the message names the entry).</exception>
    /// <exception cref="NoConvergenceException">The bidiagonal QR iteration (values alone, or a divide-and-conquer leaf) took more than 6 k^2 steps (not expected).</exception>
    public SvdDecomposition(NDArray<T> a, bool fullMatrices = true, bool computeUv = true, Parallelism? parallelism = null, SvdParams? parameters = null)
        : this("svd", a, fullMatrices, computeUv, parallelism ?? Parallelism.Default, parameters) { }

    internal SvdDecomposition(string op, NDArray<T> a, bool fullMatrices, bool computeUv, Parallelism parallelism, SvdParams? parameters = null)
    {
        var p = parameters ?? SvdParams.Auto;
        p.Validate(op);
        Linalg.RequireMatrix(op, a);
        if (a.Rank != 2) ThrowHelper.ShapeMismatch(op, $"needs one matrix (2-d), got shape {a.Shape}; for a stack (..., m, n) use Linalg.Svd or Linalg.Svdvals", a.Shape);
        Linalg.RequireFinite(op, a);
        Rows = a.IntDims[0];
        Columns = a.IntDims[1];
        FullMatrices = fullMatrices;
        bool transpose = Rows < Columns;
        var work = transpose ? a.T : a;          // m >= n from here on
        int m = work.IntDims[0], n = work.IntDims[1];
        var core = SvdCore.Compute(op, work, fullMatrices, computeUv, parallelism, p);
        _s = core.S;
        if (!computeUv) return;
        // core: A' = U' diag(S) V'^T with U' m x uc and V' n x n (column-major).
        int uc = fullMatrices ? m : n;
        SpectralCoreSigns(core, m, n, uc, transpose);
        // A column-major array read row-major is its transpose: V' (n x n) is Vh, and U' (m x uc, ld m) is U'^T (uc x m).
        if (!transpose)
        {
            _u = ColMajor.ToTensor(core.U!, 0, Math.Max(m, 1), m, uc);
            _vh = NDArray.Wrap(core.V!, n, n);
        }
        else
        {
            _u = ColMajor.ToTensor(core.V!, 0, Math.Max(n, 1), n, n);
            _vh = NDArray.Wrap(core.U!, uc, m);
        }
    }

    /// <summary>Applies the sign convention to the user's U: U' columns (no transpose) or V' columns (transpose).</summary>
    private static void SpectralCoreSigns(SvdCore.Result<T> core, int m, int n, int uc, bool transpose)
    {
        if (!transpose)
        {
            SpectralScaling.NormalizeColumnSigns(core.U!, m, n, core.V, n);
            SpectralScaling.NormalizeColumnSigns(core.U!, m, uc, null, 0, firstColumn: n);
        }
        else
        {
            SpectralScaling.NormalizeColumnSigns(core.V!, n, n, core.U, m);
            SpectralScaling.NormalizeColumnSigns(core.U!, m, uc, null, 0, firstColumn: n);
        }
    }

    /// <summary>U diag(S) Vh, equal to A up to O(max(m, n) eps ||A||). O(m n k).</summary>
    /// <exception cref="InvalidOperationException">Computed without vectors.</exception>
    public NDArray<T> Reconstruct()
    {
        int k = _s.Length;
        var u = U[.., ..k];
        var vh = Vh[..k, ..];
        return (u * S).MatMul(vh);
    }

    /// <summary>
    /// The number of singular values above <paramref name="tol"/>; by default NumPy's S.max() * max(m, n) * eps. O(k).
    /// </summary>
    public int Rank(T? tol = null)
    {
        if (_s.Length == 0) return 0;
        T t = tol ?? _s[0] * T.CreateTruncating(Math.Max(Rows, Columns)) * Precision.Eps<T>();
        return _s.Count(x => x > t);
    }

    private static InvalidOperationException NoVectors() =>
        new("svd: this decomposition was computed without singular vectors (computeUv: false)");
}
