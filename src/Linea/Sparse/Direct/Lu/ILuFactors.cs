using System.Numerics;

namespace Linea;

/// <summary>
/// What <see cref="SparseLu{T}"/> needs of the factors P A Q = L U, whichever factorization made them: the left-looking
/// <see cref="LuFactors{T}"/> of <see cref="GilbertPeierlsLu"/> or the supernodal <see cref="MultifrontalLuFactors{T}"/>.
/// </summary>
internal interface ILuFactors<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>n.</summary>
    int Order { get; }

    /// <summary>Row k of P A Q is row RowOrder[k] of A (the factors' own array: do not modify).</summary>
    int[] RowOrder { get; }

    /// <summary>Column k of P A Q is column ColumnOrder[k] of A (the factors' own array: do not modify).</summary>
    int[] ColumnOrder { get; }

    /// <summary>The order of a trailing block factored as one dense matrix (0 when none).</summary>
    int DenseTailOrder { get; }

    /// <summary>Entries stored in L, its unit diagonal included.</summary>
    long NnzL { get; }

    /// <summary>Entries stored in U, its diagonal included.</summary>
    long NnzU { get; }

    /// <summary>Bytes the factors hold (values, indices, pointers, permutations).</summary>
    long Bytes { get; }

    /// <summary>U[k, k].</summary>
    T Pivot(int k);

    /// <summary>x = A^-1 b, with <paramref name="work"/> of length n; b and x may alias.</summary>
    void Solve(ReadOnlySpan<T> b, Span<T> x, Span<T> work);

    /// <summary>x = A^-T b, with <paramref name="work"/> of length n; b and x may alias.</summary>
    void SolveTransposed(ReadOnlySpan<T> b, Span<T> x, Span<T> work);

    /// <summary>L (lower) or U as compressed columns in pivot order, every stored entry (new arrays).</summary>
    (int[] Ptr, int[] Idx, T[] Val) Expanded(bool lower);
}
