using System.Numerics;

namespace Linea.Distributed;

/// <summary>
/// A dense M x N matrix dealt out over a <see cref="ProcessGrid"/> in ScaLAPACK's 2-D block-cyclic layout: the matrix
/// is cut into <see cref="RowBlock"/> x <see cref="ColumnBlock"/> blocks, and block (I, J) lives on process
/// (I mod p, J mod q). Each rank holds its blocks in one column-major local array (<see cref="Local"/>) of
/// <see cref="LocalRows"/> x <see cref="LocalColumns"/> elements with leading dimension
/// <see cref="LeadingDimension"/>, described to ScaLAPACK by a 9-integer descriptor. Global row i sits on process row
/// (i / mb) mod p at local row (i / (mb p)) mb + i mod mb; columns likewise. Memory per rank: about M N / (p q)
/// elements. Build one with <see cref="FromFunction"/>, <see cref="Scatter"/> (from a tensor on one rank) or
/// <see cref="FromRowBlocks(ProcessGrid, NDArray{T}, int, int)"/> (from each rank's contiguous row slice), and bring it back with <see cref="Gather"/>,
/// <see cref="Allgather"/> or <see cref="ToRowBlocks"/>. Constructors and redistributions are collective over the
/// grid's communicator. Global sizes are 32-bit (ScaLAPACK's integers); the local array must fit one .NET array.
/// </summary>
/// <typeparam name="T">double or float (the <c>pd</c> and <c>ps</c> routines).</typeparam>
public sealed partial class BlockCyclicMatrix<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The default block size (64 x 64): large enough for level-3 BLAS, small enough to balance load.</summary>
    public const int DefaultBlockSize = 64;

    private readonly T[] _local;
    private readonly int[] _descriptor;

    private BlockCyclicMatrix(ProcessGrid grid, int rows, int columns, int rowBlock, int columnBlock)
    {
        Grid = grid;
        Rows = rows;
        Columns = columns;
        RowBlock = rowBlock;
        ColumnBlock = columnBlock;
        LocalRows = LocalCount(rows, rowBlock, grid.MyRow, grid.Rows);
        LocalColumns = LocalCount(columns, columnBlock, grid.MyColumn, grid.Columns);
        LeadingDimension = Math.Max(1, LocalRows);
        long length = (long)LeadingDimension * LocalColumns;
        if (length > Array.MaxLength)
            throw new TensorTooLargeException("block_cyclic", length * (double)System.Runtime.CompilerServices.Unsafe.SizeOf<T>(),
                $"block_cyclic: the local part {LocalRows} x {LocalColumns} of a {rows} x {columns} matrix on a {grid.Rows} x {grid.Columns} grid "
                + $"has {length} elements, more than one .NET array holds ({Array.MaxLength}); use more ranks");
        _local = new T[length];
        _descriptor = [1, grid.Context, rows, columns, rowBlock, columnBlock, 0, 0, LeadingDimension];
    }

    /// <summary>
    /// An M x N matrix of zeros (collective only in that every rank must create it with the same arguments; no
    /// communication). Memory: this rank's share, about M N / (p q) elements.
    /// </summary>
    /// <param name="grid">The process grid.</param>
    /// <param name="rows">M ≥ 0.</param>
    /// <param name="columns">N ≥ 0.</param>
    /// <param name="rowBlock">mb ≥ 1 (default 64).</param>
    /// <param name="columnBlock">nb ≥ 1 (default 64).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative or a block size is below 1.</exception>
    /// <exception cref="NotSupportedException">T is neither double nor float.</exception>
    /// <exception cref="TensorTooLargeException">This rank's share does not fit one .NET array.</exception>
    public static BlockCyclicMatrix<T> Zeros(ProcessGrid grid, int rows, int columns, int rowBlock = DefaultBlockSize, int columnBlock = DefaultBlockSize)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowBlock, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columnBlock, 1);
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float))
            throw new NotSupportedException($"block_cyclic: element type {typeof(T).Name} is not supported; use double or float");
        return new BlockCyclicMatrix<T>(grid, rows, columns, rowBlock, columnBlock);
    }

    /// <summary>
    /// The M x N matrix with elements <paramref name="element"/>(i, j) (global, zero-based indices), each rank
    /// evaluating only its own elements: no communication and no global copy anywhere, so a matrix larger than any one
    /// rank's memory can be built. O(M N / (p q)) calls per rank.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative or a block size is below 1.</exception>
    /// <exception cref="NotSupportedException">T is neither double nor float.</exception>
    public static BlockCyclicMatrix<T> FromFunction(ProcessGrid grid, int rows, int columns, Func<int, int, T> element,
        int rowBlock = DefaultBlockSize, int columnBlock = DefaultBlockSize)
    {
        ArgumentNullException.ThrowIfNull(element);
        var m = Zeros(grid, rows, columns, rowBlock, columnBlock);
        m.Fill(element);
        return m;
    }

    /// <summary>Overwrites every local element with <paramref name="element"/>(global i, global j); no communication.</summary>
    public void Fill(Func<int, int, T> element)
    {
        ArgumentNullException.ThrowIfNull(element);
        int lld = LeadingDimension;
        Span<int> globalRows = LocalRows <= 4096 ? stackalloc int[LocalRows] : new int[LocalRows];
        for (int li = 0; li < LocalRows; li++) globalRows[li] = GlobalRow(li);
        for (int lj = 0; lj < LocalColumns; lj++)
        {
            int j = GlobalColumn(lj);
            Span<T> column = _local.AsSpan(lj * lld, LocalRows);
            for (int li = 0; li < column.Length; li++) column[li] = element(globalRows[li], j);
        }
    }

    /// <summary>The process grid.</summary>
    public ProcessGrid Grid { get; }

    /// <summary>Global rows M.</summary>
    public int Rows { get; }

    /// <summary>Global columns N.</summary>
    public int Columns { get; }

    /// <summary>Rows per block (mb).</summary>
    public int RowBlock { get; }

    /// <summary>Columns per block (nb).</summary>
    public int ColumnBlock { get; }

    /// <summary>Rows held by this rank (ScaLAPACK's NUMROC of M).</summary>
    public int LocalRows { get; }

    /// <summary>Columns held by this rank (NUMROC of N).</summary>
    public int LocalColumns { get; }

    /// <summary>Leading dimension of the local array: max(1, <see cref="LocalRows"/>).</summary>
    public int LeadingDimension { get; }

    /// <summary>
    /// This rank's elements, column-major: local (li, lj) at <c>li + lj * LeadingDimension</c>, global row
    /// <see cref="GlobalRow"/>(li), column <see cref="GlobalColumn"/>(lj). Writable, not a copy.
    /// </summary>
    public Span<T> Local => _local;

    /// <summary>The global shape as a Linea shape (M, N).</summary>
    public Shape Shape => new([Rows, Columns]);

    internal T[] LocalArray => _local;

    internal int[] Descriptor => _descriptor;

    /// <summary>Global row of local row <paramref name="localRow"/> on this rank.</summary>
    public int GlobalRow(int localRow) => ToGlobal(localRow, RowBlock, Grid.MyRow, Grid.Rows);

    /// <summary>Global column of local column <paramref name="localColumn"/> on this rank.</summary>
    public int GlobalColumn(int localColumn) => ToGlobal(localColumn, ColumnBlock, Grid.MyColumn, Grid.Columns);

    /// <summary>A copy on the same grid with the same blocks (collective only in that every rank calls it).</summary>
    public BlockCyclicMatrix<T> Copy()
    {
        var c = new BlockCyclicMatrix<T>(Grid, Rows, Columns, RowBlock, ColumnBlock);
        _local.CopyTo(c._local, 0);
        return c;
    }

    /// <summary>The number of the n indices, blocks of nb dealt round-robin over procs starting at 0, that process iproc holds (NUMROC).</summary>
    internal static int LocalCount(int n, int nb, int iproc, int procs)
    {
        int blocks = n / nb;
        int count = blocks / procs * nb;
        int extra = blocks % procs;
        if (iproc < extra) count += nb;
        else if (iproc == extra) count += n % nb;
        return count;
    }

    /// <summary>The process (row or column) that holds global index <paramref name="global"/>.</summary>
    internal static int Owner(int global, int nb, int procs) => global / nb % procs;

    /// <summary>The local index of global index <paramref name="global"/> on its owner.</summary>
    internal static int ToLocal(int global, int nb, int procs) => global / (nb * procs) * nb + global % nb;

    /// <summary>The global index of local index <paramref name="local"/> on process <paramref name="iproc"/>.</summary>
    internal static int ToGlobal(int local, int nb, int iproc, int procs) => (local / nb * procs + iproc) * nb + local % nb;

    /// <inheritdoc/>
    public override string ToString() =>
        $"BlockCyclicMatrix<{typeof(T).Name}>({Rows} x {Columns}, blocks {RowBlock} x {ColumnBlock}, grid {Grid.Rows} x {Grid.Columns}, local {LocalRows} x {LocalColumns})";
}
