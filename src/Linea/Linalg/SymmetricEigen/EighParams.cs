namespace Linea;

/// <summary>
/// Tuning of the symmetric eigensolver (<see cref="SymmetricEigenDecomposition{T}"/>). Tests shrink the sizes so that
/// the blocked tridiagonalization and the divide-and-conquer merges run at small n.
/// </summary>
/// <param name="TridiagonalBlockSize">Columns per panel of the blocked tridiagonalization (sytrd's nb); at least 1.</param>
/// <param name="TridiagonalCrossover">Below this order the tridiagonalization is unblocked (sytrd's nx).</param>
/// <param name="DivideAndConquerLeaf">Tridiagonal subproblems of at most this order are solved by the QL iteration;
/// orders above it use divide and conquer when vectors are wanted. At least 2.</param>
public sealed record EighParams(int TridiagonalBlockSize, int TridiagonalCrossover, int DivideAndConquerLeaf)
{
    /// <summary>The defaults: 32-column panels above order 128, leaves of order 32 (LAPACK's stedc uses 25).</summary>
    public static EighParams Auto { get; } = new(Sytrd.BlockSize, Sytrd.Crossover, Stedc.LeafSize);

    internal void Validate(string op)
    {
        if (TridiagonalBlockSize < 1 || TridiagonalCrossover < 0 || DivideAndConquerLeaf < 2)
            ThrowHelper.Argument(op, "parameters", $"need TridiagonalBlockSize >= 1, TridiagonalCrossover >= 0 and DivideAndConquerLeaf >= 2, got {this}");
    }
}
