namespace Linea.Examples.DistributedPca;

/// <summary>
/// Writes an n x d float64 .npy with low-rank structure plus noise, block by block through
/// <see cref="Npy.OpenMemmap{T}"/> (memory: one block of rows): row i is
/// <c>offset + Σ_j z_ij s_j w_j + σ e_i</c>, with latent scores z and noise e standard normal, r orthonormal directions
/// w_j (QR of a Gaussian d x r matrix), scales s_j = 10 · 0.8^j, noise σ = 0.5 and a per-column offset 5 + (c mod 7)
/// (so centring matters). The top r principal components are then the w_j with variances near s_j² + σ², well separated
/// from each other and from the noise floor σ². Deterministic: one seed gives the same file.
/// </summary>
public static class LowRankData
{
    /// <summary>Rows generated per block (bounds the generator's memory to BlockRows x (d + r) doubles).</summary>
    public const int BlockRows = 1 << 15;

    /// <summary>The noise's standard deviation σ.</summary>
    public const double Noise = 0.5;

    /// <summary>The scale of latent direction j: 10 · 0.8^j.</summary>
    public static double Scale(int j) => 10 * Math.Pow(0.8, j);

    /// <summary>
    /// Writes the file (to <c>path.tmp</c>, renamed to <paramref name="path"/> when complete, so a killed run leaves no
    /// truncated file behind). O(n d r) time.
    /// </summary>
    /// <param name="path">Destination .npy.</param>
    /// <param name="rows">n ≥ 1.</param>
    /// <param name="cols">d ≥ 1.</param>
    /// <param name="rank">r, 1..d: the number of planted directions.</param>
    /// <param name="seed">Seed of the generator.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public static void Write(string path, long rows, int cols, int rank, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        if (rank < 1 || rank > cols) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"LowRankData.Write: rank must be in 1..{cols}");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var rng = new Rng(seed);
        // Directions: orthonormal columns of Q from a Gaussian d x r; scaled rows of Wᵀ, so a block is Z @ (S Wᵀ).
        var (q, _) = Linalg.Qr(rng.Normal<double>([cols, rank], 0.0, 1.0));
        var scaledWt = q.T.Contiguous();
        for (int j = 0; j < rank; j++)
            for (int c = 0; c < cols; c++) scaledWt[j, c] *= Scale(j);
        var offset = NDArray.FromArray(Enumerable.Range(0, cols).Select(c => 5.0 + c % 7).ToArray());

        string tmp = path + ".tmp";
        using (var x = Npy.OpenMemmap<double>(tmp, MmapMode.ReadWrite, rows, cols))
        {
            for (long start = 0; start < rows; start += BlockRows)
            {
                int count = (int)Math.Min(BlockRows, rows - start);
                var z = rng.Normal<double>([count, rank], 0.0, 1.0);
                var block = z.MatMul(scaledWt) + rng.Normal<double>([count, cols], 0.0, Noise) + offset;
                x[Slice.Range(start, start + count), Slice.All].Assign(block);
            }
        }
        File.Move(tmp, path, overwrite: true);
    }
}
