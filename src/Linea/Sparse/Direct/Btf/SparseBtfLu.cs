using System.Numerics;

namespace Linea;

/// <summary>
/// The sparse LU of a square matrix through its block triangular form, as KLU factors circuit matrices: P A Q is block
/// upper triangular (<see cref="BlockTriangularForm"/>), each diagonal block of order two or more is factored by
/// <see cref="Sparse.Lu{T}"/> (its own fill-reducing ordering and threshold pivoting), a 1 x 1 block is its own pivot,
/// and the entries above the diagonal blocks are kept as they are for a block back substitution. On a reducible matrix
/// only the diagonal blocks fill in. Create with <see cref="Sparse.LuBtf{T}"/>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class SparseBtfLu<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _rows, _cols, _starts;
    private readonly SparseLu<T>?[] _blocks;
    private readonly T[] _pivots; // the value of each 1 x 1 block, at its position
    private readonly long[] _offPtr; // per column of P A Q: the entries above its diagonal block (rows in P A Q numbering)
    private readonly int[] _offIdx;
    private readonly T[] _offVal;

    internal SparseBtfLu(BlockTriangularForm form, SparseLu<T>?[] blocks, T[] pivots, long[] offPtr, int[] offIdx, T[] offVal)
    {
        Form = form;
        _rows = form.RowPermutationArray;
        _cols = form.ColumnPermutationArray;
        _starts = form.BlockStartsArray;
        _blocks = blocks;
        _pivots = pivots;
        _offPtr = offPtr;
        _offIdx = offIdx;
        _offVal = offVal;
    }

    /// <summary>The block triangular form used (permutations and block boundaries).</summary>
    public BlockTriangularForm Form { get; }

    /// <summary>n, the order of A.</summary>
    public int Order => _cols.Length;

    /// <summary>Entries stored: the blocks' L and U (unit diagonals included), the 1 x 1 pivots, and the entries above the diagonal blocks.</summary>
    public long Nnz
    {
        get
        {
            long s = _offIdx.Length;
            for (int b = 0; b < _blocks.Length; b++) s += _blocks[b] is { } lu ? lu.NnzL + lu.NnzU : 1;
            return s;
        }
    }

    /// <summary>
    /// x = A^-1 b by block back substitution: the last block first, each block's solve followed by the update of the
    /// rows above it with its columns' entries. O(nnz of the factors + nnz above the blocks). b and x have length n.
    /// </summary>
    /// <exception cref="ArgumentException">b or x does not have length n.</exception>
    public void Solve(ReadOnlySpan<T> b, Span<T> x)
    {
        int n = Order;
        if (b.Length != n) ThrowHelper.Argument("sparse btf lu.solve", nameof(b), $"b has length {b.Length}, the factored matrix is {n} x {n}");
        if (x.Length != n) ThrowHelper.Argument("sparse btf lu.solve", nameof(x), $"x has length {x.Length}, the factored matrix is {n} x {n}");
        var y = new T[n];
        for (int k = 0; k < n; k++) y[k] = b[_rows[k]];
        for (int blk = _blocks.Length - 1; blk >= 0; blk--)
        {
            int s0 = _starts[blk], s1 = _starts[blk + 1];
            if (_blocks[blk] is { } lu)
            {
                var part = y.AsSpan(s0, s1 - s0);
                lu.Solve(part, part);
            }
            else y[s0] /= _pivots[s0];
            for (int j = s0; j < s1; j++)
            {
                T yj = y[j];
                if (yj == T.Zero) continue;
                for (long t = _offPtr[j]; t < _offPtr[j + 1]; t++) y[_offIdx[t]] -= _offVal[t] * yj;
            }
        }
        for (int k = 0; k < n; k++) x[_cols[k]] = y[k];
    }
}

public static partial class Sparse
{
    /// <summary>
    /// The sparse LU of the square matrix <paramref name="a"/> after its block triangular form (<see cref="Btf{T}"/>; KLU's
    /// method for circuit and other reducible matrices): each diagonal block is factored by <see cref="Lu{T}"/> with
    /// <paramref name="ordering"/> and <paramref name="pivotThreshold"/>, so fill and pivoting stay inside the blocks.
    /// Time: the form, O(n + nnz(A)) to split A, and the blocks' factorizations; memory: the blocks' factors plus the
    /// entries above the blocks.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not square.</exception>
    /// <exception cref="SingularMatrixException">A is structurally singular, a 1 x 1 block is zero, or a block's LU finds no
    /// pivot; the message names the column in A's numbering.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity.</exception>
    public static SparseBtfLu<T> LuBtf<T>(SparseMatrix<T> a, SparseOrdering ordering = SparseOrdering.Auto, double pivotThreshold = 0.1,
        Parallelism? parallelism = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var csc = SparseLuFactory.Prepare("sparse btf lu", a);
        var form = Btf(csc);
        int n = form.Order;
        var rows = form.RowPermutationArray;
        var cols = form.ColumnPermutationArray;
        var starts = form.BlockStartsArray;
        var position = new int[n]; // position[original row] = row of P A Q
        for (int k = 0; k < n; k++) position[rows[k]] = k;
        var block = new int[n]; // the block of each position
        for (int b = 0; b < form.BlockCount; b++)
            for (int k = starts[b]; k < starts[b + 1]; k++) block[k] = b;

        var offPtr = new long[n + 1];
        var offIdx = new List<int>();
        var offVal = new List<T>();
        var pivots = new T[n];
        var blocks = new SparseLu<T>?[form.BlockCount];
        var vals = csc.Val.Span(0, (int)csc.Nnz);
        var idx = csc.Idx.Span(0, (int)csc.Nnz);
        for (int b = 0; b < form.BlockCount; b++)
        {
            int s0 = starts[b], s1 = starts[b + 1], size = s1 - s0;
            var bi = new List<int>();
            var bj = new List<int>();
            var bv = new List<T>();
            for (int k = s0; k < s1; k++)
            {
                offPtr[k] = offIdx.Count;
                int col = cols[k];
                for (long t = csc.Ptr[col]; t < csc.Ptr[col + 1]; t++)
                {
                    int r = position[idx[(int)t]];
                    T v = vals[(int)t];
                    if (r < s0) { offIdx.Add(r); offVal.Add(v); }
                    else if (size == 1) pivots[k] += v;
                    else { bi.Add(r - s0); bj.Add(k - s0); bv.Add(v); }
                }
            }
            if (size == 1)
            {
                if (pivots[s0] == T.Zero)
                    throw new SingularMatrixException(cols[s0],
                        $"sparse btf lu: the {n} x {n} matrix is singular: column {cols[s0]} is a 1 x 1 block of the block triangular form whose only entry, row {rows[s0]}, is zero");
                continue;
            }
            var m = Coo(size, size, bi.ToArray(), bj.ToArray(), bv.ToArray(), SparseFormat.Csc);
            try
            {
                blocks[b] = Lu(m, ordering, pivotThreshold, parallelism: parallelism);
            }
            catch (SingularMatrixException e)
            {
                int col = cols[s0 + e.PivotIndex];
                throw new SingularMatrixException(col,
                    $"sparse btf lu: the {n} x {n} matrix is singular: column {col} has no nonzero pivot within its diagonal block {b} (order {size}, columns {s0}..{s1 - 1} of the block form)");
            }
        }
        offPtr[n] = offIdx.Count;
        return new SparseBtfLu<T>(form, blocks, pivots, offPtr, [.. offIdx], [.. offVal]);
    }
}
