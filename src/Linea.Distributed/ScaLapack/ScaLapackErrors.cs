using System.Numerics;

namespace Linea.Distributed;

/// <summary>
/// The checks every ScaLAPACK front door shares: grid and block compatibility (shapes are global, so every rank throws
/// alike before any collective), a collective non-finite scan, and INFO codes made identical on every rank (one
/// allgather) before they become exceptions.
/// </summary>
internal static class ScaLapackErrors
{
    /// <summary>Throws on every rank when <paramref name="b"/> lies on another grid than <paramref name="a"/>.</summary>
    public static void SameGrid<T>(string op, BlockCyclicMatrix<T> a, BlockCyclicMatrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!ReferenceEquals(a.Grid, b.Grid))
            throw new ArgumentException($"{op}: A and B must lie on the same ProcessGrid object (A on {a.Grid}, B on {b.Grid})");
    }

    /// <summary>Throws when A is not square.</summary>
    public static void Square<T>(string op, BlockCyclicMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rows != a.Columns)
            throw new ShapeMismatchException(op, [a.Shape], $"{op}: A must be square, got {a.Shape}");
    }

    /// <summary>Throws when A's blocks are not square (ScaLAPACK's LU, Cholesky and triangular solves need mb = nb).</summary>
    public static void SquareBlocks<T>(string op, BlockCyclicMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.RowBlock != a.ColumnBlock)
            throw new ArgumentException($"{op}: A's blocks must be square (mb = nb), got {a.RowBlock} x {a.ColumnBlock}; build A with equal rowBlock and columnBlock");
    }

    /// <summary>Throws when B's rows do not match A's or its row blocks differ (ScaLAPACK needs B's mb = A's mb).</summary>
    public static void ConformingRightHandSide<T>(string op, BlockCyclicMatrix<T> a, BlockCyclicMatrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameGrid(op, a, b);
        if (b.Rows != a.Rows)
            throw new ShapeMismatchException(op, [a.Shape, b.Shape], $"{op}: A {a.Shape} with B {b.Shape}: B's rows ({b.Rows}) must equal A's rows ({a.Rows})");
        if (b.RowBlock != a.RowBlock)
            throw new ArgumentException($"{op}: B's row block ({b.RowBlock}) must equal A's ({a.RowBlock}); build B with rowBlock: {a.RowBlock}");
    }

    /// <summary>
    /// Throws <see cref="NonFiniteException"/> on every rank when any rank's part of any matrix holds NaN or infinity
    /// (a local scan, then one allgather of a flag).
    /// </summary>
    public static void Finite<T>(string op, params BlockCyclicMatrix<T>[] matrices) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Communicator comm = matrices[0].Grid.Communicator;
        int bad = 0;
        for (int k = 0; k < matrices.Length && bad == 0; k++)
        {
            foreach (T v in matrices[k].LocalArray)
                if (!T.IsFinite(v)) { bad = k + 1; break; }
        }
        int[] all = comm.Allgather(bad);
        for (int r = 0; r < all.Length; r++)
            if (all[r] != 0)
                throw new NonFiniteException($"{op}: {(all[r] == 1 ? "A" : "B")} holds NaN or infinity (found on rank {r}); ScaLAPACK needs finite input");
    }

    /// <summary>
    /// Makes <paramref name="info"/> the same on every rank (the first negative one in rank order, else the smallest
    /// positive one, else 0), throws <see cref="ArgumentException"/> for an illegal argument (ScaLAPACK's -i, or
    /// -(100 i + j) for entry j of descriptor argument i), and returns the positive code for the caller to name.
    /// </summary>
    public static int Agree(Communicator comm, string routine, int info)
    {
        int[] all = comm.Allgather(info);
        int positive = 0;
        foreach (int v in all)
        {
            if (v < 0)
            {
                int code = -v;
                string what = code > 100 ? $"entry {code % 100} of descriptor argument {code / 100}" : $"argument {code}";
                throw new ArgumentException($"{routine}: {what} had an illegal value (INFO = {v}); this is a bug in Linea's checks, please report it");
            }
            if (v > 0 && (positive == 0 || v < positive)) positive = v;
        }
        return positive;
    }
}
