using System.Numerics;
using System.Runtime.InteropServices;
using Linea.Distributed.ScaLapackBindings;

namespace Linea.Distributed;

/// <summary>
/// Dense distributed linear algebra on <see cref="BlockCyclicMatrix{T}"/> through ScaLAPACK (Debian's
/// <c>libscalapack-openmpi</c>, on the system BLAS): LU solve (<c>pdgesv</c>), Cholesky (<c>pdpotrf</c>/<c>pdpotrs</c>)
/// and QR (<c>pdgeqrf</c>) with least squares (<c>pdormqr</c> + <c>pdtrtrs</c>), in double (<c>pd</c>) and float
/// (<c>ps</c>). Every method is collective over the grid's communicator. Shape errors are thrown on every rank before
/// any communication; numerical failures (ScaLAPACK's INFO) are agreed on by all ranks (one small allgather) and thrown
/// on every rank alike, so no rank is left waiting. Inputs are not modified unless the method's name says InPlace.
/// </summary>
public static unsafe class ScaLapack
{
    /// <summary>
    /// X with A X = B by LU with partial pivoting (<c>pdgesv</c>; NumPy's <c>solve</c>), for many right-hand sides at
    /// once. A is n x n with square blocks; B is n x k with A's row block, on the same grid. Cost 2/3 n^3 + 2 n^2 k flops
    /// spread over p q ranks; memory: copies of A and B (use <see cref="SolveInPlace"/> to avoid them).
    /// </summary>
    /// <returns>X, n x k, with B's layout.</returns>
    /// <exception cref="ShapeMismatchException">A is not square, or B's rows differ from n.</exception>
    /// <exception cref="ArgumentException">Different grids, A's blocks not square, or B's row block differs from A's.</exception>
    /// <exception cref="NonFiniteException">A or B holds NaN or infinity.</exception>
    /// <exception cref="SingularMatrixException">U(k, k) is exactly zero; the message names the column (pdgesv's INFO).</exception>
    public static BlockCyclicMatrix<T> Solve<T>(BlockCyclicMatrix<T> a, BlockCyclicMatrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckSolve("pdgesv", a, b);
        BlockCyclicMatrix<T> x = b.Copy();
        SolveInPlace(a.Copy(), x);
        return x;
    }

    /// <summary>
    /// <see cref="Solve{T}"/> without copies: A is overwritten by its LU factors, B by X. Memory: the pivot indices only
    /// (local rows + mb integers).
    /// </summary>
    /// <exception cref="ShapeMismatchException">A is not square, or B's rows differ from n.</exception>
    /// <exception cref="ArgumentException">Different grids, A's blocks not square, or B's row block differs from A's.</exception>
    /// <exception cref="NonFiniteException">A or B holds NaN or infinity.</exception>
    /// <exception cref="SingularMatrixException">U(k, k) is exactly zero (A holds the partial factors then).</exception>
    public static void SolveInPlace<T>(BlockCyclicMatrix<T> a, BlockCyclicMatrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        const string op = "pdgesv";
        string routine = Name<T>(op);
        CheckSolve(routine, a, b);
        ScaLapackErrors.Finite(routine, a, b);
        var f = a.Grid.Native.For<T>(routine);
        int n = a.Rows, nrhs = b.Columns, one = 1, info = 0;
        var ipiv = new int[a.LocalRows + a.RowBlock];
        if (n > 0 && nrhs > 0)
        {
            fixed (T* pa = a.LocalArray)
            fixed (T* pb = b.LocalArray)
            fixed (int* da = a.Descriptor)
            fixed (int* db = b.Descriptor)
            fixed (int* piv = ipiv)
                f.Gesv(&n, &nrhs, pa, &one, &one, da, piv, pb, &one, &one, db, &info);
        }
        int k = ScaLapackErrors.Agree(a.Grid.Communicator, routine, info);
        if (k > 0)
            throw new SingularMatrixException(k - 1,
                $"{routine}: A of shape {a.Shape} is exactly singular: U[{k - 1}, {k - 1}] = 0 (INFO = {k}: pivot column {k - 1}, zero-based); no solution was computed");
    }

    /// <summary>
    /// The Cholesky factor of a symmetric positive definite A (<c>pdpotrf</c>): L with A = L Lᵀ (lower, the default,
    /// as <c>Linalg.Cholesky</c>) or U with A = Uᵀ U; the other triangle is zero. Only A's <paramref name="lower"/>
    /// triangle is read. Cost n^3 / 3 flops over p q ranks; memory: the factor.
    /// </summary>
    /// <exception cref="ShapeMismatchException">A is not square.</exception>
    /// <exception cref="ArgumentException">A's blocks are not square.</exception>
    /// <exception cref="NonFiniteException">A holds NaN or infinity.</exception>
    /// <exception cref="NotPositiveDefiniteException">The leading minor of order k is not positive definite (on every rank; the message names k).</exception>
    public static BlockCyclicMatrix<T> Cholesky<T>(BlockCyclicMatrix<T> a, bool lower = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        string routine = Name<T>("pdpotrf");
        ScaLapackErrors.Square(routine, a);
        ScaLapackErrors.SquareBlocks(routine, a);
        ScaLapackErrors.Finite(routine, a);
        BlockCyclicMatrix<T> c = a.Copy();
        var f = a.Grid.Native.For<T>(routine);
        int n = a.Rows, one = 1, info = 0;
        byte uplo = lower ? (byte)'L' : (byte)'U';
        if (n > 0)
        {
            fixed (T* pa = c.LocalArray)
            fixed (int* da = c.Descriptor)
                f.Potrf(&uplo, &n, pa, &one, &one, da, &info, 1);
        }
        int k = ScaLapackErrors.Agree(a.Grid.Communicator, routine, info);
        if (k > 0)
            throw new NotPositiveDefiniteException(k,
                $"{routine}: A of shape {a.Shape} is not positive definite: the leading minor of order {k} is not positive (INFO = {k})");
        ZeroTriangle(c, zeroAbove: lower);
        return c;
    }

    /// <summary>
    /// X with A X = B from A's Cholesky factor (<c>pdpotrs</c>): <paramref name="factor"/> as <see cref="Cholesky{T}"/>
    /// returned it (with the same <paramref name="lower"/>), B n x k with the factor's row block. Cost 2 n^2 k flops.
    /// </summary>
    /// <returns>X, n x k, with B's layout.</returns>
    /// <exception cref="ShapeMismatchException">The factor is not square, or B's rows differ from n.</exception>
    /// <exception cref="ArgumentException">Different grids or incompatible blocks.</exception>
    /// <exception cref="NonFiniteException">B holds NaN or infinity.</exception>
    public static BlockCyclicMatrix<T> CholeskySolve<T>(BlockCyclicMatrix<T> factor, BlockCyclicMatrix<T> b, bool lower = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(factor);
        ArgumentNullException.ThrowIfNull(b);
        string routine = Name<T>("pdpotrs");
        CheckSolve(routine, factor, b);
        ScaLapackErrors.Finite(routine, b);
        BlockCyclicMatrix<T> x = b.Copy();
        var f = factor.Grid.Native.For<T>(routine);
        int n = factor.Rows, nrhs = b.Columns, one = 1, info = 0;
        byte uplo = lower ? (byte)'L' : (byte)'U';
        if (n > 0 && nrhs > 0)
        {
            fixed (T* pa = factor.LocalArray)
            fixed (T* pb = x.LocalArray)
            fixed (int* da = factor.Descriptor)
            fixed (int* db = x.Descriptor)
                f.Potrs(&uplo, &n, &nrhs, pa, &one, &one, da, pb, &one, &one, db, &info, 1);
        }
        _ = ScaLapackErrors.Agree(factor.Grid.Communicator, routine, info);
        return x;
    }

    /// <summary>
    /// The Householder QR factorization A = Q R of an m x n A (<c>pdgeqrf</c>), kept in ScaLAPACK's compact form; see
    /// <see cref="BlockCyclicQr{T}"/> for R, Q, Qᵀ B and least squares. Cost 2 m n^2 - 2/3 n^3 flops over p q ranks;
    /// memory: a copy of A and the Householder scalars.
    /// </summary>
    /// <exception cref="NonFiniteException">A holds NaN or infinity.</exception>
    public static BlockCyclicQr<T> Qr<T>(BlockCyclicMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        string routine = Name<T>("pdgeqrf");
        ScaLapackErrors.Finite(routine, a);
        BlockCyclicMatrix<T> c = a.Copy();
        var f = a.Grid.Native.For<T>(routine);
        int m = a.Rows, n = a.Columns, one = 1, info = 0, lwork = -1;
        var tau = new T[Math.Max(1, a.LocalColumns)];
        if (m > 0 && n > 0)
        {
            T query = T.Zero;
            fixed (T* pa = c.LocalArray)
            fixed (int* da = c.Descriptor)
            fixed (T* pt = tau)
            {
                f.Geqrf(&m, &n, pa, &one, &one, da, pt, &query, &lwork, &info);
                _ = ScaLapackErrors.Agree(a.Grid.Communicator, routine + " (workspace query)", info);
                lwork = Math.Max(1, int.CreateSaturating(query) + 1);
                var work = new T[lwork];
                fixed (T* pw = work)
                    f.Geqrf(&m, &n, pa, &one, &one, da, pt, pw, &lwork, &info);
            }
        }
        _ = ScaLapackErrors.Agree(a.Grid.Communicator, routine, info);
        return new BlockCyclicQr<T>(c, tau);
    }

    /// <summary>
    /// The least-squares solution X minimizing ‖A X − B‖_F for an m x n A of full column rank with m ≥ n
    /// (<c>pdgeqrf</c>, then Qᵀ B by <c>pdormqr</c> and R X = (Qᵀ B)[:n] by <c>pdtrtrs</c>): the same answer as
    /// <c>Linalg.Lstsq</c> for such A. A needs square blocks; B (m x k) A's row block. Cost 2 m n^2 + 4 m n k flops.
    /// </summary>
    /// <returns>X, n x k.</returns>
    /// <exception cref="ShapeMismatchException">m &lt; n, or B's rows differ from m.</exception>
    /// <exception cref="ArgumentException">Different grids or incompatible blocks.</exception>
    /// <exception cref="NonFiniteException">A or B holds NaN or infinity.</exception>
    /// <exception cref="SingularMatrixException">R has an exactly zero diagonal element (A is rank deficient).</exception>
    public static BlockCyclicMatrix<T> Lstsq<T>(BlockCyclicMatrix<T> a, BlockCyclicMatrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        BlockCyclicQr<T>.CheckLeastSquares(Name<T>("pdgels"), a, b);
        return Qr(a).Solve(b);
    }

    private static void CheckSolve<T>(string routine, BlockCyclicMatrix<T> a, BlockCyclicMatrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ScaLapackErrors.Square(routine, a);
        ScaLapackErrors.SquareBlocks(routine, a);
        ScaLapackErrors.ConformingRightHandSide(routine, a, b);
    }

    /// <summary>The routine's name for T: pd... for double, ps... for float.</summary>
    internal static string Name<T>(string doubleName) => typeof(T) == typeof(float) ? "ps" + doubleName[2..] : doubleName;

    /// <summary>Zeros the strictly upper (or lower) triangle of <paramref name="m"/>'s local part.</summary>
    internal static void ZeroTriangle<T>(BlockCyclicMatrix<T> m, bool zeroAbove) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lld = m.LeadingDimension;
        T[] local = m.LocalArray;
        for (int lj = 0; lj < m.LocalColumns; lj++)
        {
            int j = m.GlobalColumn(lj);
            for (int li = 0; li < m.LocalRows; li++)
            {
                int i = m.GlobalRow(li);
                if (zeroAbove ? i < j : i > j) local[li + lj * lld] = T.Zero;
            }
        }
    }
}
