using System.Numerics;

namespace Linea.Distributed;

/// <summary>
/// Tall-skinny QR (TSQR) of a row-block matrix: each rank factors its own block (Householder QR, O(n_r d²)), then
/// the d x d triangles meet in a binomial tree (⌈log2 p⌉ rounds; in each, pairs of ranks factor the stack of their two
/// triangles, O(d³)), and rank 0's final triangle is broadcast; the result is R of the whole matrix, the same on every
/// rank, without ever forming Q or moving rows. The tree's messages use tag 32101 on the matrix's communicator. Backward stable like Householder QR on one process (Demmel, Grigori, Hoemmen, Langou 2012).
/// Least squares factors [A b] the same way, so Qᵀb comes with R, and solves the small d x d problem on every rank.
/// Memory per rank: its block plus a few (d + k)² triangles. Suited to d up to a few thousand; for a square or wide
/// matrix use a block-cyclic (ScaLAPACK) solver instead.
/// </summary>
public static class Tsqr
{
    /// <summary>
    /// R of the QR factorization of the whole matrix (collective), d x d upper triangular, on every rank. Rows of R
    /// may differ in sign from a single-process QR of the stacked matrix (R is unique only up to the signs of its rows).
    /// </summary>
    /// <param name="a">The row-block matrix (n x d, any n ≥ 0; rows beyond n are zero when n &lt; d).</param>
    /// <returns>A new (d, d) tensor.</returns>
    /// <exception cref="NonFiniteException">A block holds NaN or infinity (that rank rethrows it; the others throw
    /// <see cref="MpiException"/> naming it).</exception>
    public static NDArray<T> R<T>(RowBlockMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        return ReduceR(a.Communicator, "tsqr", a.Local, a.Columns);
    }

    /// <summary>
    /// NumPy's <c>lstsq(A, b)</c> for a row-block A (n x d) and b split with the same rows (collective): TSQR of [A b],
    /// then the minimum-norm solution of the d x d system R x = Qᵀb (<see cref="Linalg.Lstsq{T}"/> on the small
    /// triangle, with rcond = eps · max(n, d) as NumPy's), the same on every rank. O(n d² / p + (d + k)³ log p) time per
    /// rank; ⌈log2 p⌉ messages of (d + k)² elements and a broadcast.
    /// </summary>
    /// <param name="a">The row-block matrix.</param>
    /// <param name="localB">This rank's rows of b: (n_r,) or (n_r, k), n_r = <see cref="RowBlockMatrix{T}.LocalRows"/>;
    /// the same k on every rank.</param>
    /// <returns>Solution, residuals, rank and R, equal on every rank.</returns>
    /// <exception cref="ShapeMismatchException">b's rows are not this rank's rows of A (that rank; the others throw
    /// <see cref="MpiException"/> naming it).</exception>
    /// <exception cref="NonFiniteException">A or b holds NaN or infinity.</exception>
    public static TsqrLstsqResult<T> Lstsq<T>(RowBlockMatrix<T> a, NDArray<T> localB) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(localB);
        const string op = "tsqr.lstsq";
        Communicator comm = a.Communicator;
        int d = a.Columns;
        bool vector = localB.Rank == 1;
        int k = Collective.Agree(comm, op, () =>
        {
            if (localB.Rank is not (1 or 2) || localB.Shape[0] != a.LocalRows)
                throw new ShapeMismatchException(op, [a.Local.Shape, localB.Shape],
                    $"{op} on rank {comm.Rank} of {comm.Size}: this rank's block of A has shape {a.Local.Shape}, so its b must be ({a.LocalRows},) or ({a.LocalRows}, k); got {localB.Shape}");
            return vector ? 1 : (int)localB.Shape[1];
        });
        int[] ks = comm.WithoutArgumentChecks().Allgather(k);
        if (ks.Distinct().Count() > 1)
            throw new MpiCountMismatchException(comm.Rank, comm.Size, op, "b has different column counts across ranks (" + string.Join("; ", ks.Select((c, r) => $"rank {r}: {c}")) + ")");

        int w = d + k;
        NDArray<T> localR = Collective.Agree(comm, op, () => LocalR(a.Local, vector ? localB.Reshape(-1, 1) : localB, w));
        NDArray<T> raug = TreeReduce(comm, localR, w);

        // R x = c is the small problem; the rows below d of the b columns hold the part of Qᵀb that no x reaches.
        NDArray<T> r = raug[Slice.Range(0, d), Slice.Range(0, d)].Contiguous();
        NDArray<T> c = raug[Slice.Range(0, d), Slice.Range(d, w)].Contiguous();
        NDArray<T> tail = raug[Slice.Range(d, w), Slice.Range(d, w)].Contiguous();
        long n = a.Rows;
        double rcond = MachineEps<T>() * Math.Max(n, d);
        LstsqResult<T> small = Linalg.Lstsq(r, c, rcond);
        NDArray<T> x = small.Solution;

        NDArray<T> residuals;
        if (small.Rank < d || n <= d) residuals = NDArray.Zeros<T>(0L);
        else
        {
            residuals = NDArray.Zeros<T>((long)k);
            for (int j = 0; j < k; j++)
            {
                T s = T.Zero;
                for (int i = 0; i < k; i++) s += tail[i, j] * tail[i, j];
                residuals[j] = s;
            }
        }
        return new TsqrLstsqResult<T>(vector ? x.Reshape(-1) : x, residuals, small.Rank, r);
    }

    /// <summary>Point-to-point tag of the reduction tree's messages (kept off the tags a program is likely to use).</summary>
    internal const int TreeTag = 32_101;

    /// <summary>
    /// R (w x w) of the stacked blocks: local Householder QR padded to w rows, then a binomial reduction tree (in round
    /// s, rank r with bit s set sends its triangle to rank r - 2^s, which replaces its own by R of the 2w x w stack of
    /// the two), then a broadcast of rank 0's triangle, so every rank holds the same R. ⌈log2 p⌉ rounds of w² elements,
    /// O(w³ log p) flops for the tree.
    /// </summary>
    /// <param name="comm">The ranks.</param>
    /// <param name="op">The operation named in errors.</param>
    /// <param name="local">This rank's rows of A.</param>
    /// <param name="w">The order of R: A's columns, plus 1 with <paramref name="prependOnes"/>.</param>
    /// <param name="prependOnes">Factor [1, A] instead of A: the trailing block of R is then the R of the globally
    /// centred A, and row 0 holds the column sums over R[0, 0] = ±sqrt(n).</param>
    internal static NDArray<T> ReduceR<T>(Communicator comm, string op, NDArray<T> local, int w, bool prependOnes = false)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        TreeReduce(comm, Collective.Agree(comm, op, () => LocalR(local, null, w, prependOnes)), w);

    /// <summary>
    /// This rank's w x w R of [A, B] (B optional) by the streaming TSQR of <see cref="OutOfCore.QrR{T}"/>: one pass over
    /// the rows, one block and one cache-sized panel held, never a copy of the slice (which may be a mapping larger than
    /// memory); zero when the rank has no rows.
    /// </summary>
    private static NDArray<T> LocalR<T>(NDArray<T> a, NDArray<T>? b, int w, bool prependOnes = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Shape[0] == 0 || w == 0) return NDArray.Zeros<T>(w, w);
        var (r, _) = OutOfCore.QrR(RowBlocks.FromTensor(a), b is null ? null : RowBlocks.FromTensor(b), prependOnes);
        return r;
    }

    /// <summary>The binomial reduction tree and broadcast of <see cref="ReduceR{T}"/> from each rank's w x w R.</summary>
    private static NDArray<T> TreeReduce<T>(Communicator comm, NDArray<T> mine, int w) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (w == 0) return mine;
        Communicator quiet = comm.WithoutArgumentChecks();
        int rank = comm.Rank, size = comm.Size;
        var stack = NDArray.Zeros<T>(2L * w, w);
        for (int step = 1; step < size; step <<= 1)
        {
            if ((rank & step) != 0)
            {
                quiet.Send<T>(mine.AsReadOnlySpan(), rank - step, TreeTag);
                break;
            }
            if (rank + step < size)
            {
                stack[Slice.Range(0, w), Slice.All].Assign(mine);
                quiet.Receive(stack[Slice.Range(w, 2 * w), Slice.All].AsSpan(), rank + step, TreeTag);
                mine = Linalg.QrR(stack);
            }
        }
        quiet.Broadcast(mine.AsSpan(), 0);
        return mine;
    }

    private static double MachineEps<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? Math.Pow(2, -23) : Math.Pow(2, -52);
}
