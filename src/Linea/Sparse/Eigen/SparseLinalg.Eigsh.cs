using System.Numerics;

namespace Linea;

public static partial class SparseLinalg
{
    /// <summary>
    /// SciPy's <c>scipy.sparse.linalg.eigsh</c>: k eigenvalues (and eigenvectors) of the real symmetric n x n operator
    /// <paramref name="a"/>, chosen by <paramref name="which"/>, by thick-restart Lanczos with full reorthogonalization.
    /// Only <see cref="ILinearOperator{T}.Matvec"/> is used; the operator must be symmetric (not checked).
    /// <para>Clustered spectra: for a <see cref="SparseMatrix{T}"/> of order 20,000 or more without sigma, when the wanted
    /// eigenvalues lie at one end of the spectrum (LA, SA, or LM of a one-sided spectrum), after a first Lanczos cycle the
    /// iteration runs on a Chebyshev polynomial filter p(A) of that cycle's estimate of the unwanted interval, so that
    /// one reorthogonalization against the long basis serves several cheap sparse products; a final Rayleigh-Ritz with A
    /// gives the eigenvalues. The 10 largest eigenvalues of the 5-point 2-D Poisson matrix on a 500 x 500 grid took
    /// 26.6 s this way with the default ncv = 80 on a loaded 2-core machine (ARPACK through SciPy: about 430 s).</para>
    /// <para>Shift-invert: with <paramref name="sigma"/> the iteration runs on OP = (A - sigma I)^-1 (from
    /// <paramref name="opInv"/>, or by default the sparse LU of A - sigma I for a sparse matrix; for other operators a
    /// dense LU for n up to 4096 and MINRES solves to relative residual eps^(3/4) above, where the default tol becomes
    /// ten times that), <paramref name="which"/> applies
    /// to the eigenvalues nu of OP, and each is mapped back as lambda = sigma + 1 / nu; so the default
    /// <see cref="Which.LargestMagnitude"/> finds the eigenvalues nearest sigma, as in SciPy.</para>
    /// <para>Results: eigenvalues ascending (SciPy's order), eigenvectors n x k with orthonormal columns (to O(n eps)),
    /// each with its largest-magnitude entry positive. The run is deterministic: the start vector is
    /// <paramref name="v0"/> or uniform in [-1, 1] from <paramref name="seed"/>.</para>
    /// <para>Cost: memory n (ncv + 1) elements for the basis plus ncv^2; time per Lanczos step one product with OP and
    /// 4 n j flops of reorthogonalization, 8 n j when the DGKS test asks for a second pass (j the basis size), per restart one dense symmetric eigenproblem of order ncv and
    /// 2 n ncv^2 flops for the thick restart.</para>
    /// </summary>
    /// <param name="a">The symmetric operator, n x n.</param>
    /// <param name="k">How many eigenpairs: 1 &lt;= k &lt; n (for all of them use <see cref="Linalg.Eigh{T}"/> on the dense matrix).</param>
    /// <param name="which">Which eigenvalues (SciPy's 'LM', 'SM', 'LA', 'SA', 'BE').</param>
    /// <param name="sigma">The shift for shift-invert mode, or null.</param>
    /// <param name="v0">Start vector of length n, or null for a seeded random one.</param>
    /// <param name="ncv">Lanczos basis size, k &lt; ncv &lt;= n. Default min(n, max(2k + 1, 20, 4k)): SciPy's
    /// max(2k + 1, 20) up to k = 5, wider beyond, because a thick restart converges in far fewer products with room to
    /// keep extra Ritz vectors (10 largest of the 2-D Poisson matrix on a 200 x 200 grid: 14,886 products at ncv = 20,
    /// 3,780 at 40, 2,054 at 80); 8k instead of 4k when the Chebyshev filter is in play (see above) and the basis stays
    /// under 2^27 elements, since the filter makes the longer basis cheap (500 x 500 grid: 44.6 s at ncv = 40, 26.6 s at
    /// 80). Larger values cost n elements each and longer reorthogonalization per step.</param>
    /// <param name="maxiter">Most restarts; default 10 n as SciPy.</param>
    /// <param name="tol">Relative accuracy of the Ritz pairs: pair (theta, x) has converged when ||OP x - theta x|| (from the
    /// Lanczos relation) is at most tol max(eps^(2/3), |theta|); 0 means the unit roundoff of T (2^-53 for double, 2^-24 for float: LAPACK's and so ARPACK's dlamch('E')), SciPy's default; smaller values are raised to it.</param>
    /// <param name="returnEigenvectors">Whether to form the eigenvectors (an n x ncv by ncv x k product).</param>
    /// <param name="opInv">With <paramref name="sigma"/>: an operator applying (A - sigma I)^-1 (SciPy's OPinv).</param>
    /// <param name="seed">Seed of the random start vector when <paramref name="v0"/> is null.</param>
    /// <param name="parallelism">Threads for the basis products; default <see cref="Parallelism.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="ShapeMismatchException">a is not square, v0 is not of length n, or opInv's shape differs from a's.</exception>
    /// <exception cref="ArgumentException">k, ncv, maxiter, tol or sigma out of range.</exception>
    /// <exception cref="NonFiniteException">The operator returned NaN or infinity, or v0 holds one.</exception>
    /// <exception cref="NoConvergenceException">Fewer than k pairs converged in maxiter restarts; the message says how many did.</exception>
    /// <exception cref="NoConvergenceException">Also when, with sigma, no opInv and an operator (not a sparse matrix) of order above 4096, a MINRES solve does not converge.</exception>
    public static EigshResult<T> Eigsh<T>(ILinearOperator<T> a, int k = 6, Which which = Which.LargestMagnitude, double? sigma = null,
        NDArray<T>? v0 = null, int? ncv = null, int? maxiter = null, double tol = 0, bool returnEigenvectors = true,
        ILinearOperator<T>? opInv = null, ulong seed = 0, Parallelism? parallelism = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        EigshBlock(a, k, which, sigma, v0, ncv, maxiter, tol, returnEigenvectors, opInv, seed, parallelism, blockSize: 1, filterMinOrder: EigshDriver.FilterMinOrder, filterDegree: null);

    /// <summary>
    /// <see cref="Eigsh{T}"/> with an explicit Lanczos block size b (1 &lt;= b, k + b &lt;= ncv). Block Lanczos reads the basis once per b products
    /// but converged more slowly per product on the clustered 2-D Poisson spectrum (measured: 6,856 products at b = 4,
    /// ncv = 80 against 2,054 at b = 1), so the public door uses b = 1; kept for tests and further measurement. The
    /// Chebyshev filter (see EigshDriver) is tried from order <paramref name="filterMinOrder"/>, with degree
    /// <paramref name="filterDegree"/> or, when null, chosen from measured timings.
    /// </summary>
    internal static EigshResult<T> EigshBlock<T>(ILinearOperator<T> a, int k, Which which, double? sigma, NDArray<T>? v0, int? ncv, int? maxiter,
        double tol, bool returnEigenvectors, ILinearOperator<T>? opInv, ulong seed, Parallelism? parallelism, int blockSize, int filterMinOrder, int? filterDegree)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string op = "eigsh";
        ArgumentNullException.ThrowIfNull(a);
        int n = RequireSquareOperator(op, a);
        if (k < 1 || k >= n)
            ThrowHelper.Argument(op, nameof(k), $"k = {k} must satisfy 1 <= k < n = {n}; for all eigenvalues of a small matrix use Linalg.Eigh on its dense form");
        if (!Enum.IsDefined(which))
            ThrowHelper.Argument(op, nameof(which), $"which = {which} is not one of LM, SM, LA, SA, BE");
        int m = ncv ?? EigshDriver.DefaultNcv(a, n, k, which, sigma is null && blockSize == 1 && filterMinOrder <= n);
        if (m <= k || m > n)
            ThrowHelper.Argument(op, nameof(ncv), $"ncv = {m} must satisfy k = {k} < ncv <= n = {n}");
        if (blockSize < 1 || k + blockSize > m)
            ThrowHelper.Argument(op, nameof(blockSize), $"block size {blockSize} must satisfy 1 <= b and k + b <= ncv = {m}");
        int restarts = maxiter ?? (int)Math.Min(int.MaxValue, 10L * n);
        if (restarts < 1) ThrowHelper.Argument(op, nameof(maxiter), $"maxiter = {restarts} must be positive");
        T tolT = RequireTolerance<T>(op, tol);
        if (sigma is double s && !double.IsFinite(s)) ThrowHelper.Argument(op, nameof(sigma), $"sigma = {s} must be finite");
        var par = parallelism ?? Parallelism.Default;
        T[]? start = null;
        if (v0 is not null)
        {
            if (v0.Rank != 1 || v0.Shape[0] != n)
                ThrowHelper.ShapeMismatch(op, $"v0 of shape {v0.Shape} must be a vector of length n = {n}", v0.Shape);
            start = v0.ToArray();
            ColumnBlock.RequireFinite<T>(op, start, "v0");
        }

        ILinearOperator<T> iterOp = a;
        if (sigma is double shift)
        {
            if (opInv is not null && (opInv.Rows != n || opInv.Columns != n))
                ThrowHelper.ShapeMismatch(op, $"opInv of shape ({opInv.Rows}, {opInv.Columns}) must be n x n like a ({n}, {n})");
            iterOp = opInv ?? ShiftInvert.DefaultInverse(a, shift, par);
            if (opInv is null && ShiftInvert.IsIterative(a) && tol == 0)
                tolT = T.CreateTruncating(ShiftInvert.IterativeOuterTolerance<T>());
        }

        var (values, vectors, converged, restartCount, matvecs) = EigshDriver.Run(op, iterOp, k, which, m, blockSize, tolT, seed, par,
            start, restarts, returnEigenvectors, sigma is null ? filterMinOrder : int.MaxValue, filterDegree);
        if (converged < k)
            throw new NoConvergenceException(
                $"{op}: {converged} of k = {k} eigenvalues converged in maxiter = {restarts} restarts ({matvecs} operator products, ncv = {m}, tol = {double.CreateTruncating(tolT):g3}); raise maxiter or ncv, loosen tol, or use shift-invert (sigma) for interior or smallest eigenvalues");
        if (sigma is double sg)
            for (int i = 0; i < k; i++) values[i] = T.CreateTruncating(sg) + T.One / values[i];
        return new EigshResult<T>(
            SortedValues(values, out var perm),
            returnEigenvectors ? ToRowMajorColumns(vectors!, n, k, perm) : null,
            restartCount, matvecs);
    }

    /// <summary>The operator's order after checking it is square.</summary>
    private static int RequireSquareOperator<T>(string op, ILinearOperator<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rows != a.Columns)
            ThrowHelper.ShapeMismatch(op, $"the operator of shape ({a.Rows}, {a.Columns}) must be square", new Shape(a.Rows, a.Columns));
        return a.Rows;
    }

    /// <summary>tol as T, machine epsilon for 0; rejects negative and NaN.</summary>
    private static T RequireTolerance<T>(string op, double tol) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(tol >= 0) || double.IsInfinity(tol))
            ThrowHelper.Argument(op, nameof(tol), $"tol = {tol} must be a finite number >= 0 (0 means machine precision)");
        return tol == 0 ? MachineConstants<T>.UnitRoundoff : T.Max(T.CreateTruncating(tol), MachineConstants<T>.UnitRoundoff);
    }

    /// <summary>The values ascending as a tensor; <paramref name="perm"/>[i] is the input position of output i.</summary>
    private static NDArray<T> SortedValues<T>(T[] values, out int[] perm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = new int[values.Length];
        for (int i = 0; i < p.Length; i++) p[i] = i;
        Array.Sort(p, (x, y) => { int c = values[x].CompareTo(values[y]); return c != 0 ? c : x.CompareTo(y); });
        perm = p;
        var sorted = new T[values.Length];
        for (int i = 0; i < p.Length; i++) sorted[i] = values[p[i]];
        return NDArray.Wrap(sorted, sorted.Length);
    }

    /// <summary>The n x k column-major block, columns permuted by <paramref name="perm"/>, as a row-major n x k tensor whose
    /// columns each have their largest-magnitude entry positive.</summary>
    private static NDArray<T> ToRowMajorColumns<T>(T[] colMajor, int n, int k, int[] perm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new T[(long)n * k];
        for (int j = 0; j < k; j++)
        {
            var col = colMajor.AsSpan(perm[j] * n, n);
            int big = 0;
            for (int i = 1; i < n; i++) if (T.Abs(col[i]) > T.Abs(col[big])) big = i;
            T sign = col[big] < T.Zero ? -T.One : T.One;
            for (int i = 0; i < n; i++) r[(long)i * k + j] = sign * col[i];
        }
        return NDArray.Wrap(r, n, k);
    }
}
