using Linea.Distributed.ScaLapackBindings;

namespace Linea.Distributed;

/// <summary>
/// A BLACS process grid: the ranks of a communicator arranged as <see cref="Rows"/> x <see cref="Columns"/> in row-major
/// order (rank r sits at row r / Columns, column r mod Columns), the frame on which <see cref="BlockCyclicMatrix{T}"/>
/// deals out its blocks and <see cref="ScaLapack"/> factors them. Creating and disposing a grid are collective over the
/// communicator: every rank calls them, in the same order. Needs MPI initialized (by <see cref="MpiEnvironment"/>);
/// BLACS then attaches to the same MPI communicator.
/// <code>
/// using var grid = ProcessGrid.Create(world);            // 2 ranks: 1 x 2; 4 ranks: 2 x 2; 6 ranks: 2 x 3
/// var a = BlockCyclicMatrix&lt;double&gt;.FromFunction(grid, n, n, (i, j) => ...);
/// </code>
/// </summary>
public sealed unsafe class ProcessGrid : IDisposable
{
    private readonly ScaLapackNative _native;
    private int _context;
    private bool _disposed;

    private ProcessGrid(ScaLapackNative native, Communicator comm, int context, int rows, int cols, int myRow, int myCol)
    {
        _native = native;
        Communicator = comm;
        _context = context;
        Rows = rows;
        Columns = cols;
        MyRow = myRow;
        MyColumn = myCol;
    }

    /// <summary>
    /// Creates a grid over every rank of <paramref name="comm"/> (collective). Without a shape, the grid is the most
    /// nearly square p x q with p ≤ q and p · q = size (1 x 2, 1 x 3, 2 x 2, 2 x 3, ...), which suits LU and QR;
    /// with one, <paramref name="rows"/> · <paramref name="columns"/> must equal the communicator's size.
    /// </summary>
    /// <param name="comm">The ranks; every rank of it takes part (World or a communicator from <c>Split</c>).</param>
    /// <param name="rows">Process rows, or null to choose.</param>
    /// <param name="columns">Process columns, or null to choose (given one of the two, the other is derived).</param>
    /// <returns>The grid; dispose it on every rank (collective, <c>Cblacs_gridexit</c>).</returns>
    /// <exception cref="ArgumentException">The shape does not multiply to the communicator's size, or is not positive
    /// (thrown on every rank alike, before any collective).</exception>
    /// <exception cref="MpiUnavailableException">ScaLAPACK or MPI is missing, or MPI is not initialized.</exception>
    /// <exception cref="MpiException">BLACS placed this rank elsewhere than row-major order says (on every rank).</exception>
    public static ProcessGrid Create(Communicator comm, int? rows = null, int? columns = null)
    {
        ArgumentNullException.ThrowIfNull(comm);
        MpiEnvironment.RequireInitialized("ProcessGrid.Create");
        ScaLapackNative native = ScaLapackLibrary.Require("ProcessGrid.Create");
        (int p, int q) = ChooseShape(comm.Size, rows, columns);
        int system = native.Sys2BlacsHandle(comm.Handle);
        int context = system;
        byte order = (byte)'R';
        native.BlacsGridinit(&context, &order, p, q);
        native.FreeBlacsSystemHandle(system); // the grid holds its own communicators; the system handle is spent
        int np, nq, myRow, myCol;
        native.BlacsGridinfo(context, &np, &nq, &myRow, &myCol);
        int[] placed = comm.Allgather(myRow * q + myCol);
        for (int r = 0; r < placed.Length; r++)
            if (placed[r] != r || np != p || nq != q)
            {
                native.BlacsGridexit(context);
                throw new MpiException(comm.Rank, comm.Size, "process_grid", 0,
                    $"BLACS placed rank {r} at position {placed[r]} of a {np} x {nq} grid; expected row-major {p} x {q}");
            }
        return new ProcessGrid(native, comm, context, p, q, myRow, myCol);
    }

    /// <summary>The near-square p x q (p ≤ q) for <paramref name="size"/> ranks, or the given shape checked.</summary>
    /// <exception cref="ArgumentException">The shape does not fit <paramref name="size"/>.</exception>
    public static (int Rows, int Columns) ChooseShape(int size, int? rows = null, int? columns = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (rows is <= 0 || columns is <= 0)
            throw new ArgumentException($"process_grid: the grid shape {rows?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} x {columns?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} must be positive");
        int p, q;
        if (rows is int r && columns is int c) (p, q) = (r, c);
        else if (rows is int r1) (p, q) = (r1, size / r1);
        else if (columns is int c1) (p, q) = (size / c1, c1);
        else
        {
            p = (int)Math.Sqrt(size);
            while (size % p != 0) p--;
            q = size / p;
        }
        if ((long)p * q != size)
            throw new ArgumentException($"process_grid: a {rows?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} x {columns?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} grid does not hold the communicator's {size} ranks; rows x columns must equal {size}");
        return (p, q);
    }

    /// <summary>The communicator whose ranks form the grid.</summary>
    public Communicator Communicator { get; }

    /// <summary>Process rows (p).</summary>
    public int Rows { get; }

    /// <summary>Process columns (q).</summary>
    public int Columns { get; }

    /// <summary>This rank's process row, 0..p-1.</summary>
    public int MyRow { get; }

    /// <summary>This rank's process column, 0..q-1.</summary>
    public int MyColumn { get; }

    /// <summary>The rank at process row <paramref name="row"/>, column <paramref name="column"/> (row-major).</summary>
    public int RankAt(int row, int column) => row * Columns + column;

    /// <summary>The BLACS context handle (for the bindings).</summary>
    internal int Context
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _context;
        }
    }

    internal ScaLapackNative Native => _native;

    /// <summary>Releases the BLACS context (<c>Cblacs_gridexit</c>; collective). Later calls do nothing.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (MpiEnvironment.IsInitialized) _native.BlacsGridexit(_context);
        _context = -1;
    }

    /// <inheritdoc/>
    public override string ToString() => $"ProcessGrid({Rows} x {Columns}, this rank at ({MyRow}, {MyColumn}))";
}
