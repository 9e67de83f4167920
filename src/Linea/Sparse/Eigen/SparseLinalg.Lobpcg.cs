using System.Numerics;

namespace Linea;

public static partial class SparseLinalg
{
    /// <summary>
    /// SciPy's <c>scipy.sparse.linalg.lobpcg</c>: the k smallest (or, with <paramref name="largest"/>, largest) eigenpairs
    /// of the symmetric n x n operator <paramref name="a"/> by Knyazev's LOBPCG, started from the n x k block
    /// <paramref name="x0"/>, with an optional preconditioner <paramref name="m"/> that applies an approximation of
    /// A^-1 (for example Jacobi: x -> x / diag(A)). Rayleigh-Ritz runs on an orthonormalized basis of [X, W, P]
    /// (classical Gram-Schmidt twice, then SVQB, dropping dependent directions), with soft locking of converged columns.
    /// <para>Converged when every residual ||A x_j - lambda_j x_j|| is at most <paramref name="tol"/> (default
    /// sqrt(eps) n, SciPy's). Running out of iterations does not throw (SciPy warns): check
    /// <see cref="LobpcgResult{T}.Converged"/> and <see cref="LobpcgResult{T}.ResidualNorms"/>.</para>
    /// <para>Cost per iteration: one product with A (and with M) per unconverged column, about 2 n (3k)^2 flops for the
    /// Gram matrices and updates, and dense symmetric eigenproblems of order 3k. Memory: about 10 n k elements.
    /// Best for many eigenpairs with a good preconditioner; for a few extreme ones without one, <see cref="Eigsh{T}"/>
    /// is usually faster.</para>
    /// </summary>
    /// <param name="a">The symmetric operator, n x n.</param>
    /// <param name="x0">Start block, n x k with linearly independent columns, 1 &lt;= k and 3k &lt;= n.</param>
    /// <param name="m">Preconditioner applying about A^-1 (SPD), or null.</param>
    /// <param name="largest">Largest eigenpairs instead of smallest.</param>
    /// <param name="tol">Residual-norm tolerance, or null for sqrt(eps) n.</param>
    /// <param name="maxiter">Most iterations (SciPy's default 20).</param>
    /// <param name="parallelism">Threads for the block products; default <see cref="Parallelism.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="x0"/> is null.</exception>
    /// <exception cref="ShapeMismatchException">a is not square, x0 is not n x k, or m is not n x n.</exception>
    /// <exception cref="ArgumentException">k out of range, tol negative, maxiter negative, or x0's columns dependent.</exception>
    /// <exception cref="NonFiniteException">x0, the operator or the preconditioner gives NaN or infinity.</exception>
    public static LobpcgResult<T> Lobpcg<T>(ILinearOperator<T> a, NDArray<T> x0, ILinearOperator<T>? m = null, bool largest = false,
        double? tol = null, int maxiter = 20, Parallelism? parallelism = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string op = "lobpcg";
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(x0);
        int n = RequireSquareOperator(op, a);
        if (x0.Rank != 2 || x0.Shape[0] != n)
            ThrowHelper.ShapeMismatch(op, $"x0 of shape {x0.Shape} must be n x k with n = {n}", x0.Shape);
        int k = (int)x0.Shape[1];
        if (k < 1 || 3L * k > n)
            ThrowHelper.Argument(op, nameof(x0), $"k = {k} columns must satisfy 1 <= k and 3k <= n = {n}; for a small matrix use Linalg.Eigh on its dense form");
        if (m is not null && (m.Rows != n || m.Columns != n))
            ThrowHelper.ShapeMismatch(op, $"the preconditioner of shape ({m.Rows}, {m.Columns}) must be n x n with n = {n}");
        if (maxiter < 0) ThrowHelper.Argument(op, nameof(maxiter), $"maxiter = {maxiter} must be >= 0");
        double tolD = tol ?? Math.Sqrt(MachineConstants<T>.UlpDouble) * n;
        if (!(tolD >= 0) || double.IsInfinity(tolD)) ThrowHelper.Argument(op, nameof(tol), $"tol = {tolD} must be a finite number >= 0");
        var xr = x0.Contiguous().AsReadOnlySpan();
        var start = new T[(long)n * k];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++) start[(long)j * n + i] = xr[i * k + j];
        ColumnBlock.RequireFinite<T>(op, start, "x0");
        var solver = new Lobpcg<T>(a, m, k, parallelism ?? Parallelism.Default);
        var (values, vectors, resid, iterations, converged) = solver.Run(start, largest, T.CreateTruncating(tolD), maxiter);
        var perm = new int[k];
        for (int j = 0; j < k; j++) perm[j] = j;
        var v = ToRowMajorColumns(vectors, n, k, perm);
        return new LobpcgResult<T>(NDArray.Wrap(values, k), v, iterations, NDArray.Wrap(resid, k), converged);
    }

    /// <summary>
    /// <see cref="Lobpcg{T}(ILinearOperator{T}, NDArray{T}, ILinearOperator{T}?, bool, double?, int, Parallelism?)"/> from a
    /// random n x k start block (uniform in [-1, 1], from <paramref name="seed"/>), so the run is deterministic.
    /// </summary>
    /// <exception cref="ArgumentException">k out of range (1 &lt;= k, 3k &lt;= n).</exception>
    public static LobpcgResult<T> Lobpcg<T>(ILinearOperator<T> a, int k, ulong seed = 0, ILinearOperator<T>? m = null, bool largest = false,
        double? tol = null, int maxiter = 20, Parallelism? parallelism = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = RequireSquareOperator("lobpcg", a);
        if (k < 1 || 3L * k > n)
            ThrowHelper.Argument("lobpcg", nameof(k), $"k = {k} must satisfy 1 <= k and 3k <= n = {n}; for a small matrix use Linalg.Eigh on its dense form");
        var x0 = new Rng(seed).Uniform<T>([n, k], -T.One, T.One);
        return Lobpcg(a, x0, m, largest, tol, maxiter, parallelism);
    }
}
