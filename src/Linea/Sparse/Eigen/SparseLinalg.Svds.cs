using System.Numerics;

namespace Linea;

public static partial class SparseLinalg
{
    /// <summary>
    /// SciPy's <c>scipy.sparse.linalg.svds</c>: the k largest (<see cref="Which.LargestMagnitude"/>) or smallest
    /// (<see cref="Which.SmallestMagnitude"/>) singular values of the m x n operator <paramref name="a"/>, with their
    /// singular vectors. Needs <see cref="ILinearOperator{T}.Rmatvec"/>.
    /// <para>Method: <see cref="Eigsh{T}"/> on the normal operator of the smaller side, A^T A (n x n) when n &lt;= m, else
    /// A A^T, as SciPy's default ARPACK path does: its wanted eigenvalues sit at an end of the spectrum, where Lanczos
    /// converges fastest and needs no shift-invert, and its order is min(m, n), not m + n. (The augmented operator
    /// [[0, A], [A^T, 0]] keeps small singular values more accurate, but puts them, and |m - n| spurious zeros, in the
    /// interior of its spectrum.) The Lanczos vectors are then refined by Rayleigh-Ritz: the dense SVD of the m x k
    /// block A V gives U, s and the rotation of V, so each s_j has absolute error O(eps ||A||) rather than the
    /// O(eps ||A||^2 / s_j) of sqrt(lambda_j).</para>
    /// <para>Results: s ascending (SciPy's order), U m x k and Vt k x n with orthonormal columns / rows. Deterministic
    /// from <paramref name="seed"/>. Cost: that of <see cref="Eigsh{T}"/> with each operator product costing one product with
    /// A and one with A^T, plus k more products and a dense SVD of an m x k (or n x k) block.</para>
    /// </summary>
    /// <param name="a">The m x n operator; <see cref="ILinearOperator{T}.HasRmatvec"/> must be true.</param>
    /// <param name="k">How many singular triplets: 1 &lt;= k &lt; min(m, n).</param>
    /// <param name="which"><see cref="Which.LargestMagnitude"/> or <see cref="Which.SmallestMagnitude"/>.</param>
    /// <param name="ncv">Lanczos basis size, as in <see cref="Eigsh{T}"/>.</param>
    /// <param name="tol">Relative accuracy of the eigenpairs of the normal operator; 0 means machine epsilon.</param>
    /// <param name="maxiter">Most Lanczos restarts; default 10 min(m, n).</param>
    /// <param name="returnSingularVectors">Whether to return U and Vt (the refinement runs either way).</param>
    /// <param name="seed">Seed of the random start vector.</param>
    /// <param name="parallelism">Threads for the basis products; default <see cref="Parallelism.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="NotSupportedException">The operator has no rmatvec.</exception>
    /// <exception cref="ArgumentException">k out of range, or which is not LM or SM.</exception>
    /// <exception cref="NonFiniteException">The operator returned NaN or infinity.</exception>
    /// <exception cref="NoConvergenceException">Lanczos did not converge; the message says how many of k did.</exception>
    public static SvdsResult<T> Svds<T>(ILinearOperator<T> a, int k = 6, Which which = Which.LargestMagnitude, int? ncv = null,
        double tol = 0, int? maxiter = null, bool returnSingularVectors = true, ulong seed = 0, Parallelism? parallelism = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string op = "svds";
        ArgumentNullException.ThrowIfNull(a);
        int m = a.Rows, n = a.Columns, small = Math.Min(m, n);
        if (!a.HasRmatvec)
            throw new NotSupportedException($"svds: the operator of shape ({m}, {n}) has no rmatvec; svds needs products with A^T as well as A");
        if (k < 1 || k >= small)
            ThrowHelper.Argument(op, nameof(k), $"k = {k} must satisfy 1 <= k < min(m, n) = {small} for A of shape ({m}, {n}); for all singular values use Linalg.Svd on the dense matrix");
        if (which != Which.LargestMagnitude && which != Which.SmallestMagnitude)
            ThrowHelper.Argument(op, nameof(which), $"which = {which}: svds supports LargestMagnitude ('LM') and SmallestMagnitude ('SM')");
        bool tall = n <= m;
        var gram = new GramOperator<T>(a, transposeFirst: !tall);
        var eig = Eigsh(gram, k, which == Which.LargestMagnitude ? Which.LargestAlgebraic : Which.SmallestAlgebraic,
            ncv: ncv, maxiter: maxiter, tol: tol, seed: seed, parallelism: parallelism);
        // Rayleigh-Ritz refinement. Tall: B = A V (m x k) = Us S W^T, so A (V W) = Us S. Wide: B = A^T U (n x k) = Vs S W^T.
        var basis = eig.Eigenvectors!.Contiguous().AsReadOnlySpan();
        int inner = tall ? n : m, outer = tall ? m : n;
        var b = new T[(long)outer * k];
        var x = new T[inner];
        var y = new T[outer];
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < inner; i++) x[i] = basis[i * k + j];
            if (tall) a.Matvec(x, y); else a.Rmatvec(x, y);
            ColumnBlock.RequireFinite<T>(op, y, "the operator's product with a singular vector");
            for (int i = 0; i < outer; i++) b[(long)i * k + j] = y[i];
        }
        var (us, s, wt) = Linalg.Svd(NDArray.Wrap(b, outer, k), fullMatrices: false);
        // Linalg.Svd is descending; flip to ascending.
        var sAsc = new T[k];
        var sv = s.ToArray();
        for (int j = 0; j < k; j++) sAsc[j] = T.Max(sv[k - 1 - j], T.Zero);
        if (!returnSingularVectors)
            return new SvdsResult<T>(null, NDArray.Wrap(sAsc, k), null, eig.Restarts, eig.Matvecs);
        var usr = us.Contiguous().AsReadOnlySpan();
        var wr = wt.Contiguous().AsReadOnlySpan();      // W^T, k x k: wr[p * k + q] = W[q, p]
        var outerVecs = new T[(long)outer * k];           // outer x k, ascending order
        for (int i = 0; i < outer; i++)
            for (int j = 0; j < k; j++) outerVecs[(long)i * k + j] = usr[i * k + (k - 1 - j)];
        var innerVecs = new T[(long)k * inner];           // k x inner rows: row j = (basis W)[:, k-1-j]^T
        for (int j = 0; j < k; j++)
        {
            int p = k - 1 - j;
            for (int i = 0; i < inner; i++)
            {
                T acc = T.Zero;
                for (int q = 0; q < k; q++) acc += basis[i * k + q] * wr[p * k + q];
                innerVecs[(long)j * inner + i] = acc;
            }
        }
        if (tall)
            return new SvdsResult<T>(NDArray.Wrap(outerVecs, m, k), NDArray.Wrap(sAsc, k), NDArray.Wrap(innerVecs, k, n), eig.Restarts, eig.Matvecs);
        // Wide: inner vectors are U's columns (m), outer are V's (n).
        var u = new T[(long)m * k];
        for (int j = 0; j < k; j++)
            for (int i = 0; i < m; i++) u[(long)i * k + j] = innerVecs[(long)j * m + i];
        var vt = new T[(long)k * n];
        for (int j = 0; j < k; j++)
            for (int i = 0; i < n; i++) vt[(long)j * n + i] = outerVecs[(long)i * k + j];
        return new SvdsResult<T>(NDArray.Wrap(u, m, k), NDArray.Wrap(sAsc, k), NDArray.Wrap(vt, k, n), eig.Restarts, eig.Matvecs);
    }
}
