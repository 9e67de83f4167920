using System.Numerics;

namespace Linea.Distributed;

/// <summary>
/// The QR factorization A = Q R of an m x n <see cref="BlockCyclicMatrix{T}"/> from <see cref="ScaLapack.Qr{T}"/>, in
/// ScaLAPACK's compact form (R on and above the diagonal of <see cref="Factors"/>, the Householder vectors below it,
/// their scalars in a local array). Every method is collective over the grid's communicator.
/// </summary>
public sealed unsafe class BlockCyclicQr<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _tau;

    internal BlockCyclicQr(BlockCyclicMatrix<T> factors, T[] tau)
    {
        Factors = factors;
        _tau = tau;
    }

    /// <summary>The compact factors (m x n): R on and above the diagonal, Householder vectors below. Do not modify.</summary>
    public BlockCyclicMatrix<T> Factors { get; }

    /// <summary>
    /// R, the min(m, n) x n upper-triangular factor (zeros below the diagonal), with A's blocks. Its diagonal may differ
    /// in sign from another QR's (Householder signs); R is unique up to the signs of its rows.
    /// </summary>
    public BlockCyclicMatrix<T> R()
    {
        BlockCyclicMatrix<T> a = Factors;
        int k = Math.Min(a.Rows, a.Columns);
        var r = BlockCyclicMatrix<T>.Zeros(a.Grid, k, a.Columns, a.RowBlock, a.ColumnBlock);
        CopyLeadingRows(a, r);
        ScaLapack.ZeroTriangle(r, zeroAbove: false);
        return r;
    }

    /// <summary>
    /// Q applied to the left of B (Q B, B m x k) or, with <paramref name="transpose"/>, Qᵀ B (<c>pdormqr</c>), as a new
    /// matrix with B's layout. B needs A's row block (ScaLAPACK aligns the rows). Cost about 4 m n k flops.
    /// </summary>
    /// <exception cref="ShapeMismatchException">B's rows differ from m.</exception>
    /// <exception cref="ArgumentException">Different grids or B's row block differs from A's.</exception>
    public BlockCyclicMatrix<T> ApplyQ(BlockCyclicMatrix<T> b, bool transpose)
    {
        ArgumentNullException.ThrowIfNull(b);
        BlockCyclicMatrix<T> a = Factors;
        string routine = ScaLapack.Name<T>("pdormqr");
        ScaLapackErrors.ConformingRightHandSide(routine, a, b);
        BlockCyclicMatrix<T> c = b.Copy();
        var f = a.Grid.Native.For<T>(routine);
        int m = a.Rows, n = b.Columns, k = Math.Min(a.Rows, a.Columns), one = 1, info = 0, lwork = -1;
        byte side = (byte)'L', trans = transpose ? (byte)'T' : (byte)'N';
        if (m > 0 && n > 0 && k > 0)
        {
            T query = T.Zero;
            fixed (T* pa = a.LocalArray)
            fixed (int* da = a.Descriptor)
            fixed (T* pt = _tau)
            fixed (T* pc = c.LocalArray)
            fixed (int* dc = c.Descriptor)
            {
                f.Ormqr(&side, &trans, &m, &n, &k, pa, &one, &one, da, pt, pc, &one, &one, dc, &query, &lwork, &info, 1, 1);
                _ = ScaLapackErrors.Agree(a.Grid.Communicator, routine + " (workspace query)", info);
                lwork = Math.Max(1, int.CreateSaturating(query) + 1);
                var work = new T[lwork];
                fixed (T* pw = work)
                    f.Ormqr(&side, &trans, &m, &n, &k, pa, &one, &one, da, pt, pc, &one, &one, dc, pw, &lwork, &info, 1, 1);
            }
        }
        _ = ScaLapackErrors.Agree(a.Grid.Communicator, routine, info);
        return c;
    }

    /// <summary>
    /// The reduced Q (m x min(m, n), orthonormal columns), formed by applying Q to the first columns of the identity.
    /// Needs A's blocks square (the identity takes A's row block). Cost about 4 m n^2 flops.
    /// </summary>
    public BlockCyclicMatrix<T> Q()
    {
        BlockCyclicMatrix<T> a = Factors;
        int k = Math.Min(a.Rows, a.Columns);
        var identity = BlockCyclicMatrix<T>.FromFunction(a.Grid, a.Rows, k, (i, j) => i == j ? T.One : T.Zero, a.RowBlock, a.ColumnBlock);
        return ApplyQ(identity, transpose: false);
    }

    /// <summary>
    /// The least-squares solution X minimizing ‖A X − B‖_F (m ≥ n, full column rank): Qᵀ B by <c>pdormqr</c>, then
    /// R X = (Qᵀ B)[:n] by <c>pdtrtrs</c>. B is m x k with A's row block; A's blocks must be square.
    /// </summary>
    /// <returns>X, n x k, with B's blocks.</returns>
    /// <exception cref="ShapeMismatchException">m &lt; n, or B's rows differ from m.</exception>
    /// <exception cref="ArgumentException">Different grids or incompatible blocks.</exception>
    /// <exception cref="NonFiniteException">B holds NaN or infinity.</exception>
    /// <exception cref="SingularMatrixException">R has an exactly zero diagonal element (A is rank deficient); the message names the column.</exception>
    public BlockCyclicMatrix<T> Solve(BlockCyclicMatrix<T> b)
    {
        ArgumentNullException.ThrowIfNull(b);
        BlockCyclicMatrix<T> a = Factors;
        string routine = ScaLapack.Name<T>("pdtrtrs");
        CheckLeastSquares(routine, a, b);
        ScaLapackErrors.Finite(routine, b);
        BlockCyclicMatrix<T> c = ApplyQ(b, transpose: true);
        var f = a.Grid.Native.For<T>(routine);
        int n = a.Columns, nrhs = b.Columns, one = 1, info = 0;
        byte uplo = (byte)'U', trans = (byte)'N', diag = (byte)'N';
        if (n > 0 && nrhs > 0)
        {
            fixed (T* pa = a.LocalArray)
            fixed (int* da = a.Descriptor)
            fixed (T* pc = c.LocalArray)
            fixed (int* dc = c.Descriptor)
                f.Trtrs(&uplo, &trans, &diag, &n, &nrhs, pa, &one, &one, da, pc, &one, &one, dc, &info, 1, 1, 1);
        }
        int k = ScaLapackErrors.Agree(a.Grid.Communicator, routine, info);
        if (k > 0)
            throw new SingularMatrixException(k - 1,
                $"lstsq ({routine}): A of shape {a.Shape} is rank deficient: R[{k - 1}, {k - 1}] = 0 (INFO = {k}); the QR least-squares solve needs full column rank");
        var x = BlockCyclicMatrix<T>.Zeros(a.Grid, n, nrhs, b.RowBlock, b.ColumnBlock);
        CopyLeadingRows(c, x);
        return x;
    }

    /// <summary>Throws when the least-squares shapes or blocks do not fit (every rank alike).</summary>
    internal static void CheckLeastSquares(string routine, BlockCyclicMatrix<T> a, BlockCyclicMatrix<T> b)
    {
        ScaLapackErrors.ConformingRightHandSide(routine, a, b);
        if (a.Rows < a.Columns)
            throw new ShapeMismatchException(routine, [a.Shape, b.Shape],
                $"{routine}: A {a.Shape} has fewer rows than columns; the QR least-squares solve needs m ≥ n (gather it and use Linalg.Lstsq for the minimum-norm solution)");
        ScaLapackErrors.SquareBlocks(routine, a);
    }

    /// <summary>
    /// Copies the leading rows of <paramref name="source"/> into <paramref name="target"/> (fewer rows, same grid, blocks
    /// and columns): global rows below target's count have the same local index in both, so each local column's prefix
    /// is copied as is.
    /// </summary>
    private static void CopyLeadingRows(BlockCyclicMatrix<T> source, BlockCyclicMatrix<T> target)
    {
        for (int lj = 0; lj < target.LocalColumns; lj++)
            source.LocalArray.AsSpan(lj * source.LeadingDimension, target.LocalRows)
                .CopyTo(target.LocalArray.AsSpan(lj * target.LeadingDimension, target.LocalRows));
    }
}
