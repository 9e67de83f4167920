using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// The LU factorization with partial pivoting P A = L U of an m x n matrix (LAPACK getrf), computed once and reused:
/// solves with many right-hand sides, determinant, inverse, condition estimate. Create it with
/// <see cref="LinalgExtensions.Lu{T}"/> (<c>A.Lu()</c>), <see cref="Linalg.Lu{T}"/> or <see cref="Factor"/>.
/// An exactly singular matrix does not throw here: <see cref="IsSingular"/> and <see cref="ZeroPivotIndex"/> report it,
/// and only <see cref="Solve"/> and <see cref="Inverse"/> throw. For a nearly singular one check <see cref="RCond"/>.
/// Prefer <see cref="CholeskyDecomposition{T}"/> (half the cost) when A is symmetric positive definite, and a QR or
/// SVD based least-squares solver when A is not square or is rank-deficient.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LuDecomposition<T> : ILinearSolver<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NDArray<T> _lu;
    private readonly int[] _pivots;
    private readonly double _anorm;
    private T? _rcond;

    private readonly Parallelism _parallelism;

    private LuDecomposition(NDArray<T> lu, int[] pivots, int info, double anorm, Parallelism parallelism)
    {
        _lu = lu; _pivots = pivots; ZeroPivotIndex = info; _anorm = anorm; _parallelism = parallelism;
    }

    /// <summary>
    /// Factors a copy of the m x n matrix <paramref name="a"/> (any strides; A itself is not modified).
    /// Cost about m n^2 - n^3/3 flops (2/3 n^3 when square). Never throws for a singular matrix. The factorization and
    /// this object's solves use up to <paramref name="parallelism"/> threads (<see cref="Parallelism.Default"/> when null).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not 2-d.</exception>
    /// <exception cref="NonFiniteException">a contains NaN or infinity.</exception>
    public static LuDecomposition<T> Factor(NDArray<T> a, LuParams? parameters = null, Parallelism? parallelism = null)
    {
        var threads = parallelism ?? Parallelism.Default;
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank != 2) ThrowHelper.ShapeMismatch("lu", $"needs a matrix, got shape {a.Shape}; for stacks use Linalg.Solve, Linalg.Inv or Linalg.DetStack", a.Shape);
        Linalg.RequireMatrixFits("lu", a);
        Linalg.RequireFinite("lu", a);
        var lu = a.Copy();
        var piv = new int[Math.Min(lu.IntDims[0], lu.IntDims[1])];
        double anorm = OneNormEstimator.MatrixNorm1(MatrixViews.View(lu));
        int info = LuFactorization.FactorInPlace(lu, piv, parameters, threads);
        return new LuDecomposition<T>(lu, piv, info, anorm, threads);
    }

    /// <summary>Factors <paramref name="a"/> like <see cref="Factor"/>; returns false when it is exactly singular (the factors are still returned).</summary>
    /// <exception cref="ShapeMismatchException">a is not 2-d.</exception>
    /// <exception cref="NonFiniteException">a contains NaN or infinity.</exception>
    public static bool TryFactor(NDArray<T> a, out LuDecomposition<T> lu, LuParams? parameters = null)
    {
        lu = Factor(a, parameters);
        return !lu.IsSingular;
    }

    /// <summary>m, the number of rows of A.</summary>
    public int Rows => _lu.IntDims[0];

    /// <summary>n, the number of columns of A.</summary>
    public int Columns => _lu.IntDims[1];

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A is not square.</exception>
    public int Order { get { RequireSquare("order"); return Rows; } }

    /// <summary>Whether a pivot is exactly zero (U is singular; so is A when square).</summary>
    public bool IsSingular => ZeroPivotIndex >= 0;

    /// <summary>The 0-based index of the first exactly zero pivot U[i, i], or -1 when there is none (LAPACK's info - 1).</summary>
    public int ZeroPivotIndex { get; }

    /// <summary>L, m x min(m, n), unit lower triangular (a new tensor).</summary>
    public NDArray<T> L
    {
        get
        {
            int m = Rows, k = Math.Min(Rows, Columns);
            var l = new NDArray<T>([m, k]);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < k && j <= i; j++)
                    l.Data[i * k + j] = i == j ? T.One : _lu.Data[i * Columns + j];
            return l;
        }
    }

    /// <summary>U, min(m, n) x n, upper triangular (a new tensor).</summary>
    public NDArray<T> U
    {
        get
        {
            int n = Columns, k = Math.Min(Rows, Columns);
            var u = new NDArray<T>([k, n]);
            for (int i = 0; i < k; i++)
                for (int j = i; j < n; j++) u.Data[i * n + j] = _lu.Data[i * n + j];
            return u;
        }
    }

    /// <summary>The row permutation: row i of P A (and of L U) is row <c>Permutation[i]</c> of A. A new array.</summary>
    public int[] Permutation => LuFactorization.PermutationOf(_pivots, Rows);

    /// <summary>LAPACK's interchanges, 0-based: during elimination row i was swapped with row Pivots[i], for i = 0, 1, ... A new array.</summary>
    public int[] Pivots => (int[])_pivots.Clone();

    /// <summary>The m x m permutation matrix P with P A = L U (so A = P^T L U; SciPy's <c>lu</c> returns P^T).</summary>
    /// <exception cref="TensorTooLargeException">m x m exceeds <see cref="Array.MaxLength"/> elements (a tall m x n matrix); <see cref="Permutation"/> holds the same in m ints.</exception>
    public NDArray<T> P
    {
        get
        {
            if ((double)Rows * Rows > Array.MaxLength)
                ThrowHelper.ResultTooLarge("lu", $"P of shape ({Rows}, {Rows}) for the matrix ({Rows}, {Columns})", (double)Rows * Rows,
                    System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), $"a dense result holds at most {Array.MaxLength:#,0} elements; use Permutation");
            var perm = Permutation;
            var p = new NDArray<T>([Rows, Rows]);
            for (int i = 0; i < Rows; i++) p.Data[i * Rows + perm[i]] = T.One;
            return p;
        }
    }

    /// <summary>det A = sign(P) * prod U[i, i]; 0 when singular. May overflow to infinity for large n: see <see cref="LogAbsDeterminant"/>.</summary>
    /// <exception cref="InvalidOperationException">A is not square.</exception>
    public T Determinant
    {
        get
        {
            RequireSquare("determinant");
            T d = T.One;
            for (int i = 0; i < _pivots.Length; i++) if (_pivots[i] != i) d = -d;
            for (int i = 0; i < Rows; i++) d *= _lu.Data[i * Columns + i];
            return d;
        }
    }

    /// <summary>The sign of det A: 1, -1, or 0 when singular.</summary>
    /// <exception cref="InvalidOperationException">A is not square.</exception>
    public T DeterminantSign
    {
        get
        {
            RequireSquare("determinant");
            if (IsSingular) return T.Zero;
            bool negative = false;
            for (int i = 0; i < _pivots.Length; i++)
            {
                if (_pivots[i] != i) negative = !negative;
                if (_lu.Data[i * Columns + i] < T.Zero) negative = !negative;
            }
            return negative ? -T.One : T.One;
        }
    }

    /// <summary>log |det A| = sum log |U[i, i]| (no overflow); negative infinity when singular; 0 for a 0 x 0 matrix.</summary>
    /// <exception cref="InvalidOperationException">A is not square.</exception>
    public T LogAbsDeterminant
    {
        get
        {
            RequireSquare("determinant");
            if (IsSingular) return T.NegativeInfinity;
            T s = T.Zero;
            for (int i = 0; i < Rows; i++) s += T.Log(T.Abs(_lu.Data[i * Columns + i]));
            return s;
        }
    }

    /// <summary>
    /// An estimate of the reciprocal 1-norm condition number 1 / (||A||_1 ||A^-1||_1) (LAPACK gecon, Hager-Higham
    /// estimator, a few O(n^2) solves; computed on first use). Near eps the solution has lost all its digits;
    /// 0 when singular, 1 for a 0 x 0 matrix.
    /// </summary>
    /// <exception cref="InvalidOperationException">A is not square.</exception>
    public T RCond
    {
        get
        {
            RequireSquare("rcond");
            return _rcond ??= ComputeRCond(_parallelism);
        }
    }

    private T ComputeRCond(Parallelism parallelism)
    {
        int n = Rows;
        if (n == 0) return T.One;
        if (IsSingular || _anorm == 0) return T.Zero;
        double inv = OneNormEstimator.InverseNorm<T>(n,
            x => LuSolver.Solve(MatrixViews.View(_lu), _pivots, MatrixView<T>.Of(x, 0, n, 1, 1, 1), parallelism),
            x => LuSolver.SolveTransposed(MatrixViews.View(_lu), _pivots, MatrixView<T>.Of(x, 0, n, 1, 1, 1), parallelism));
        if (inv == 0 || double.IsNaN(inv)) return T.Zero;
        return T.CreateTruncating(1 / _anorm / inv);
    }

    /// <summary>X with A X = B, for B (n,) or (n, k); the result has B's shape. 2 n^2 k flops.</summary>
    /// <exception cref="ShapeMismatchException">B's first axis is not n.</exception>
    /// <exception cref="SingularMatrixException">A is exactly singular (the message names the zero pivot).</exception>
    /// <exception cref="InvalidOperationException">A is not square.</exception>
    public NDArray<T> Solve(NDArray<T> b)
    {
        RequireSquare("lu.solve");
        RequireNonsingular("lu.solve");
        var x = MatrixArgs.RhsCopy("lu.solve", _lu.Shape, Rows, b, out var view);
        LuSolver.Solve(MatrixViews.View(_lu), _pivots, view, _parallelism);
        return x;
    }

    /// <summary>X with A^T X = B, for B (n,) or (n, k). 2 n^2 k flops.</summary>
    /// <exception cref="ShapeMismatchException">B's first axis is not n.</exception>
    /// <exception cref="SingularMatrixException">A is exactly singular.</exception>
    /// <exception cref="InvalidOperationException">A is not square.</exception>
    public NDArray<T> SolveTransposed(NDArray<T> b)
    {
        RequireSquare("lu.solve_transposed");
        RequireNonsingular("lu.solve_transposed");
        var x = MatrixArgs.RhsCopy("lu.solve_transposed", _lu.Shape, Rows, b, out var view);
        LuSolver.SolveTransposed(MatrixViews.View(_lu), _pivots, view, _parallelism);
        return x;
    }

    /// <summary>A^-1, n x n (LAPACK getri from these factors: 4/3 n^3 flops). Prefer <see cref="Solve"/> to multiplying by it.</summary>
    /// <exception cref="SingularMatrixException">A is exactly singular.</exception>
    /// <exception cref="InvalidOperationException">A is not square.</exception>
    public NDArray<T> Inverse()
    {
        RequireSquare("inv");
        RequireNonsingular("inv");
        var inv = _lu.Copy();
        LuSolver.Invert(MatrixViews.View(inv), _pivots, _parallelism);
        return inv;
    }

    /// <summary>P^T L U, which equals A up to rounding (m x n; for backward-error checks). O(m n min(m, n)).</summary>
    public NDArray<T> Reconstruct()
    {
        var lu = L.MatMul(U);
        var perm = Permutation;
        var a = new NDArray<T>([Rows, Columns]);
        for (int i = 0; i < Rows; i++)
            lu.Data.AsSpan(i * Columns, Columns).CopyTo(a.Data.AsSpan(perm[i] * Columns, Columns));
        return a;
    }

    /// <summary>The packed factors (L below the diagonal, U on and above) as LAPACK stores them; a copy.</summary>
    public NDArray<T> PackedFactors => _lu.Copy();

    internal MatrixView<T> Factors => MatrixViews.View(_lu);

    internal ReadOnlySpan<int> PivotSpan => _pivots;

    private void RequireSquare(string op)
    {
        if (Rows != Columns)
            throw new InvalidOperationException($"{op}: needs the factorization of a square matrix; this one is of a {Rows} x {Columns} matrix");
    }

    internal void RequireNonsingular(string op)
    {
        if (IsSingular)
            throw new SingularMatrixException(ZeroPivotIndex,
                $"{op}: the {Rows} x {Columns} matrix is singular: pivot {ZeroPivotIndex} (0-based) of its LU factorization is exactly zero");
    }
}
