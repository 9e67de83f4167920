namespace Linea;

/// <summary>
/// Tuning of the SVD (<see cref="SvdDecomposition{T}"/>). Tests shrink the sizes so that the blocked bidiagonal
/// reduction and the divide-and-conquer merges run at small n.
/// </summary>
/// <param name="BidiagonalBlockSize">Columns per panel of the blocked bidiagonalization (gebrd's nb); at least 1.</param>
/// <param name="BidiagonalCrossover">Below this order the bidiagonalization is unblocked (gebrd's nx).</param>
/// <param name="DivideAndConquerLeaf">Bidiagonal subproblems of at most this many rows are solved by the QR iteration
/// (bdsdc's smlsiz); orders above it use divide and conquer when vectors are wanted. At least 2.</param>
public sealed record SvdParams(int BidiagonalBlockSize, int BidiagonalCrossover, int DivideAndConquerLeaf)
{
    /// <summary>The defaults: 32-column panels above order 128 (measured on AVX-512: panels wide enough for the trailing
    /// GEMMs to dominate), leaves of 32 rows (LAPACK uses 25; the merge GEMMs are too small to pay below that).</summary>
    public static SvdParams Auto { get; } = new(Gebrd.BlockSize, Gebrd.Crossover, Bdsdc.LeafSize);

    /// <summary>The tall-skinny QR that comes first when m &gt;= 8 n (reduced or no vectors); tests shrink its chunks.</summary>
    internal TallSkinnyQrParams TallSkinny { get; init; } = TallSkinnyQrParams.Auto;

    internal void Validate(string op)
    {
        if (BidiagonalBlockSize < 1 || BidiagonalCrossover < 0 || DivideAndConquerLeaf < 2)
            ThrowHelper.Argument(op, "parameters", $"need BidiagonalBlockSize >= 1, BidiagonalCrossover >= 0 and DivideAndConquerLeaf >= 2, got {this}");
    }
}
