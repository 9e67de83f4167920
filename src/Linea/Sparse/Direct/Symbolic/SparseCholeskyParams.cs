namespace Linea;

/// <summary>
/// Tuning of the supernodal symbolic analysis (CHOLMOD's relaxed amalgamation, same defaults): a child supernode is
/// merged into its parent when the merged one has at most <see cref="Nrelax0"/> columns, or at most
/// <see cref="Nrelax1"/> columns and a fraction of explicit zeros below <see cref="Zrelax0"/>, or at most
/// <see cref="Nrelax2"/> columns and zeros below <see cref="Zrelax1"/>, or any size and zeros below <see cref="Zrelax2"/>.
/// Larger supernodes cost a few stored zeros and buy dense-kernel speed. <see cref="Fundamental"/> turns merging off.
/// </summary>
/// <param name="Nrelax0">Merged supernodes of at most this many columns are always accepted.</param>
/// <param name="Nrelax1">Column limit for the <see cref="Zrelax0"/> test.</param>
/// <param name="Nrelax2">Column limit for the <see cref="Zrelax1"/> test.</param>
/// <param name="Zrelax0">Zero fraction accepted up to <see cref="Nrelax1"/> columns.</param>
/// <param name="Zrelax1">Zero fraction accepted up to <see cref="Nrelax2"/> columns.</param>
/// <param name="Zrelax2">Zero fraction accepted at any size.</param>
public sealed record SparseCholeskyParams(int Nrelax0 = 4, int Nrelax1 = 16, int Nrelax2 = 48,
    double Zrelax0 = 0.8, double Zrelax1 = 0.1, double Zrelax2 = 0.05)
{
    /// <summary>CHOLMOD's defaults: 4, 16, 48 columns; 0.8, 0.1, 0.05 zero fractions.</summary>
    public static SparseCholeskyParams Default { get; } = new();

    /// <summary>No amalgamation: fundamental supernodes only (no stored zeros).</summary>
    public static SparseCholeskyParams Fundamental { get; } = new(0, 0, 0, -1, -1, -1);
}
