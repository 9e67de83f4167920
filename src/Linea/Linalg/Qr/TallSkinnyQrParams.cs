namespace Linea;

/// <summary>
/// Tuning of the tall-skinny QR (TSQR, <see cref="TallSkinnyQr{T}"/>) that <c>Linalg.Qr</c>, <c>Linalg.QrR</c> and
/// <c>Linalg.Lstsq</c> use when m is much larger than n: the rows are split into chunks of about
/// <see cref="ChunkRows"/> rows (at least 2 n), each chunk is factored in cache by blocked Householder QR with panels of
/// <see cref="BlockSize"/> columns, one chunk per thread at a time, and the stacked n x n triangles are factored the
/// same way, level by level, until one chunk is left. Tests shrink both to run many chunks and levels at small sizes.
/// </summary>
/// <param name="ChunkRows">Target rows per chunk; 0 picks rows so that a chunk fills about 512 KiB (half the L2 cache
/// of a Zen 5 core), at least 2 n.</param>
/// <param name="BlockSize">Panel width of the blocked QR inside a chunk (>= 1).</param>
/// <param name="MinRowsPerColumn">The path is taken when m >= this times n and there are at least two chunks.</param>
internal sealed record TallSkinnyQrParams(int ChunkRows, int BlockSize, int MinRowsPerColumn)
{
    /// <summary>Chunks of about 512 KiB, panels of 16 columns, m >= 8 n.</summary>
    public static TallSkinnyQrParams Auto { get; } = new(0, 16, 8);

    /// <summary>Rows per chunk for n columns of <paramref name="elementSize"/> bytes.</summary>
    internal int ChunkRowsFor(int n, int elementSize)
    {
        long rows = ChunkRows > 0 ? ChunkRows : (512 * 1024) / Math.Max((long)n * elementSize, 1);
        return (int)Math.Clamp(rows, Math.Max(2L * n, 2), int.MaxValue / 2);
    }
}
