using System.Numerics;
using Linea.Kernels;
using Linea.Kernels.Blas3;

namespace Linea;

/// <summary>
/// The Cholesky factorization A = L L^T of a symmetric positive definite n x n matrix (LAPACK potrf), computed once and
/// reused: solves, determinant, condition estimate. Half the cost of LU and no pivoting; the natural solver for
/// covariance, Gram and normal-equation matrices. Only the lower triangle of A is read (as NumPy): the upper one is
/// assumed to mirror it and is not checked. A matrix that is not positive definite does not throw here:
/// <see cref="IsPositiveDefinite"/> and <see cref="FailedMinorOrder"/> report it, and <see cref="Solve"/> throws.
/// For symmetric indefinite matrices use LU.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class CholeskyDecomposition<T> : ILinearSolver<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NDArray<T> _l;
    private readonly double _anorm;
    private T? _rcond;

    private readonly Parallelism _parallelism;

    private CholeskyDecomposition(NDArray<T> l, int info, double anorm, Parallelism parallelism)
    {
        _l = l; FailedMinorOrder = info + 1; _anorm = anorm; _parallelism = parallelism;
    }

    /// <summary>
    /// Factors a copy of the n x n matrix <paramref name="a"/> (lower triangle read; any strides). n^3/3 flops, on up to
    /// <paramref name="parallelism"/> threads (<see cref="Parallelism.Default"/> when null), as are this object's solves.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a square matrix.</exception>
    /// <exception cref="NonFiniteException">The lower triangle of a contains NaN or infinity (the upper one is never read and may hold anything).</exception>
    public static CholeskyDecomposition<T> Factor(NDArray<T> a, CholeskyParams? parameters = null, Parallelism? parallelism = null)
    {
        var threads = parallelism ?? Parallelism.Default;
        ArgumentNullException.ThrowIfNull(a);
        Linalg.RequireSquare("cholesky", a);
        if (a.Rank != 2) ThrowHelper.ShapeMismatch("cholesky", $"needs one n x n matrix, got the stack {a.Shape}; Linalg.Cholesky takes stacks", a.Shape);
        Linalg.RequireFiniteTriangle("cholesky", a, lower: true);
        var l = a.Copy();
        double anorm = SymmetricNorm1(MatrixViews.View(l));
        int info = CholeskyFactorization.FactorInPlace(l, parameters, threads);
        ZeroUpper(MatrixViews.View(l));
        return new CholeskyDecomposition<T>(l, info, anorm, threads);
    }

    /// <summary>Factors like <see cref="Factor"/>; false when A is not positive definite.</summary>
    /// <exception cref="ShapeMismatchException">a is not a square matrix.</exception>
    /// <exception cref="NonFiniteException">The lower triangle of a contains NaN or infinity (the upper one is never read and may hold anything).</exception>
    public static bool TryFactor(NDArray<T> a, out CholeskyDecomposition<T> cholesky, CholeskyParams? parameters = null)
    {
        cholesky = Factor(a, parameters);
        return cholesky.IsPositiveDefinite;
    }

    /// <inheritdoc />
    public int Order => _l.IntDims[0];

    /// <summary>Rows of A (= <see cref="Order"/>).</summary>
    public int Rows => Order;

    /// <summary>Columns of A (= <see cref="Order"/>).</summary>
    public int Columns => Order;

    /// <summary>Whether the factorization succeeded (every leading minor positive).</summary>
    public bool IsPositiveDefinite => FailedMinorOrder == 0;

    /// <summary>0 on success, otherwise the order (1-based, LAPACK's info) of the first leading minor that is not positive definite.</summary>
    public int FailedMinorOrder { get; }

    /// <summary>L, n x n lower triangular with positive diagonal (a new tensor; zeros above the diagonal).</summary>
    /// <exception cref="NotPositiveDefiniteException">The factorization failed.</exception>
    public NDArray<T> L { get { RequireSuccess("cholesky.L"); return _l.Copy(); } }

    /// <summary>det A = prod L[i, i]^2 (positive; may overflow for large n, see <see cref="LogDeterminant"/>); 1 for n = 0.</summary>
    /// <exception cref="NotPositiveDefiniteException">The factorization failed.</exception>
    public T Determinant
    {
        get
        {
            RequireSuccess("cholesky.determinant");
            T d = T.One;
            for (int i = 0; i < Order; i++) { T v = _l.Data[i * Order + i]; d *= v * v; }
            return d;
        }
    }

    /// <summary>log det A = 2 sum log L[i, i], without overflow.</summary>
    /// <exception cref="NotPositiveDefiniteException">The factorization failed.</exception>
    public T LogDeterminant
    {
        get
        {
            RequireSuccess("cholesky.logdet");
            T s = T.Zero;
            for (int i = 0; i < Order; i++) s += T.Log(_l.Data[i * Order + i]);
            return s + s;
        }
    }

    /// <summary>Estimate of 1 / (||A||_1 ||A^-1||_1) (LAPACK pocon); 0 when not positive definite, 1 for n = 0.</summary>
    public T RCond => _rcond ??= ComputeRCond(_parallelism);

    private T ComputeRCond(Parallelism parallelism)
    {
        int n = Order;
        if (n == 0) return T.One;
        if (!IsPositiveDefinite || _anorm == 0) return T.Zero;
        Action<T[]> solve = x => SolveInPlace(MatrixViews.View(_l), MatrixView<T>.Of(x, 0, n, 1, 1, 1), parallelism);
        double inv = OneNormEstimator.InverseNorm(n, solve, solve);
        return inv == 0 || double.IsNaN(inv) ? T.Zero : T.CreateTruncating(1 / _anorm / inv);
    }

    /// <summary>X with A X = B for B (n,) or (n, k) (result of B's shape): two triangular solves, 2 n^2 k flops.</summary>
    /// <exception cref="ShapeMismatchException">B's first axis is not n.</exception>
    /// <exception cref="NotPositiveDefiniteException">The factorization failed.</exception>
    public NDArray<T> Solve(NDArray<T> b)
    {
        RequireSuccess("cholesky.solve");
        var x = MatrixArgs.RhsCopy("cholesky.solve", _l.Shape, Order, b, out var view);
        SolveInPlace(MatrixViews.View(_l), view, _parallelism);
        return x;
    }

    private static void SolveInPlace(MatrixView<T> l, MatrixView<T> b, Parallelism parallelism)
    {
        Trsm.Solve(Side.Left, lower: true, transpose: false, unitDiagonal: false, T.One, l, b, parallelism);
        Trsm.Solve(Side.Left, lower: true, transpose: true, unitDiagonal: false, T.One, l, b, parallelism);
    }

    /// <summary>L L^T (n x n), equal to A up to rounding.</summary>
    /// <exception cref="NotPositiveDefiniteException">The factorization failed.</exception>
    public NDArray<T> Reconstruct()
    {
        RequireSuccess("cholesky.reconstruct");
        return _l.MatMul(_l.T);
    }

    private void RequireSuccess(string op)
    {
        if (!IsPositiveDefinite)
            throw new NotPositiveDefiniteException(FailedMinorOrder, NotPdMessage(op, Order, FailedMinorOrder, ""));
    }

    internal static string NotPdMessage(string op, int n, int minor, string where) =>
        $"{op}: the {n} x {n} matrix{where} is not positive definite: its leading minor of order {minor} (1-based) is not positive";

    /// <summary>The 1-norm of the symmetric matrix whose lower triangle is stored in a.</summary>
    private static double SymmetricNorm1(MatrixView<T> a)
    {
        int n = (int)a.Rows;
        var sums = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double v = Math.Abs(double.CreateTruncating(a[i, j]));
                sums[j] += v;
                if (i != j) sums[i] += v;
            }
        return n == 0 ? 0 : sums.Max();
    }

    internal static void ZeroUpper(MatrixView<T> a)
    {
        for (long i = 0; i < a.Rows; i++)
            for (long j = i + 1; j < a.Cols; j++) a[i, j] = T.Zero;
    }
}
