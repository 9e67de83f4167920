using System.Numerics;

namespace Linea;

/// <summary>
/// The block upper triangular form P A Q of a square sparse matrix (SuiteSparse's BTF, as KLU uses it in front of its LU
/// for circuit matrices): a maximum transversal puts nonzeros on the diagonal (Duff's MC21), and the strongly
/// connected components of the graph of the permuted matrix (Tarjan) are its diagonal blocks, ordered so that every
/// entry below the diagonal blocks is zero. Only the diagonal blocks then need factoring; the rest is a block back
/// substitution. Create with <see cref="Sparse.Btf{T}"/>.
/// </summary>
public sealed class BlockTriangularForm
{
    internal BlockTriangularForm(int[] rows, int[] columns, int[] blockStarts)
    {
        RowPermutationArray = rows;
        ColumnPermutationArray = columns;
        BlockStartsArray = blockStarts;
    }

    internal readonly int[] RowPermutationArray, ColumnPermutationArray, BlockStartsArray;

    /// <summary>n, the order of A.</summary>
    public int Order => ColumnPermutationArray.Length;

    /// <summary>Row k of P A Q is row <c>RowPermutation[k]</c> of A (a new array).</summary>
    public int[] RowPermutation => (int[])RowPermutationArray.Clone();

    /// <summary>Column k of P A Q is column <c>ColumnPermutation[k]</c> of A (a new array).</summary>
    public int[] ColumnPermutation => (int[])ColumnPermutationArray.Clone();

    /// <summary>The number of diagonal blocks (1 when A is irreducible).</summary>
    public int BlockCount => BlockStartsArray.Length - 1;

    /// <summary>Block b is rows and columns <c>BlockStarts[b]</c> to <c>BlockStarts[b + 1] - 1</c> of P A Q; length BlockCount + 1, ending with n (a new array).</summary>
    public int[] BlockStarts => (int[])BlockStartsArray.Clone();

    /// <summary>The order of the largest diagonal block.</summary>
    public int LargestBlock
    {
        get
        {
            int best = 0;
            for (int b = 0; b < BlockCount; b++) best = Math.Max(best, BlockStartsArray[b + 1] - BlockStartsArray[b]);
            return best;
        }
    }
}

public static partial class Sparse
{
    /// <summary>
    /// The block upper triangular form of the square matrix <paramref name="a"/> (see <see cref="BlockTriangularForm"/>):
    /// P A Q has a zero-free diagonal and is block upper triangular with irreducible diagonal blocks. Time O(n nnz(A)) in
    /// the worst case for the transversal (linear in practice) plus O(n + nnz(A)) for the components; memory O(n + nnz(A))
    /// (one CSC copy when A is CSR).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not square.</exception>
    /// <exception cref="SingularMatrixException">A is structurally singular: no permutation puts nonzeros on the whole diagonal
    /// (the message names a column left without a row, and the structural rank).</exception>
    public static BlockTriangularForm Btf<T>(SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rows != a.Columns)
            ThrowHelper.ShapeMismatch("btf", $"needs a square matrix, got {a.Rows} x {a.Columns}", a.Shape);
        var csc = a.ToCsc().SumDuplicates().EliminateZeros();
        int n = csc.Columns;
        var ptr = csc.Ptr;
        var idx = csc.Idx.Span(0, (int)csc.Nnz).ToArray();
        var rowOfColumn = MaximumTransversal.Match(n, ptr, idx, out int rank);
        if (rank < n)
        {
            int col = Array.IndexOf(rowOfColumn, -1);
            throw new SingularMatrixException(col,
                $"btf: the {n} x {n} matrix is structurally singular (structural rank {rank} of {n}): column {col} cannot be given a row of its own, so no values make it nonsingular");
        }
        var columnOfRow = new int[n];
        for (int j = 0; j < n; j++) columnOfRow[rowOfColumn[j]] = j;
        var (order, starts) = StronglyConnected.Components(n, ptr, idx, columnOfRow);
        var rows = new int[n];
        for (int k = 0; k < n; k++) rows[k] = rowOfColumn[order[k]];
        return new BlockTriangularForm(rows, order, starts);
    }
}
