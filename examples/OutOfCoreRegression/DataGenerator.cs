namespace Linea.Examples.OutOfCoreRegression;

/// <summary>
/// Writes a synthetic regression problem block by block through <see cref="Npy.OpenMemmap{T}"/>: X uniform in [-1, 1)
/// plus a per-column offset (so centring matters), y = 3 + X w + noise with w_j = (j + 1) / 10. Deterministic
/// (xorshift64*), so every run of a given size writes the same file.
/// </summary>
internal static class DataGenerator
{
    private const int BlockRows = 1 << 16;

    public static NDArray<double> TrueCoefficients(int features) =>
        NDArray.FromArray(Enumerable.Range(0, features).Select(j => (j + 1) / 10.0).ToArray());

    public static void Write(string path, string yPath, long rows, int features)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var w = TrueCoefficients(features).ToArray();
        ulong state = 0x9E3779B97F4A7C15;
        using var x = Npy.OpenMemmap<double>(path + ".tmp", MmapMode.ReadWrite, rows, features);
        using var y = Npy.OpenMemmap<double>(yPath + ".tmp", MmapMode.ReadWrite, rows);
        var rowValues = new double[features];
        for (long start = 0; start < rows; start += BlockRows)
        {
            long stop = Math.Min(rows, start + BlockRows);
            var xb = x[Slice.Range(start, stop), Slice.All].AsSpan();
            var yb = y[Slice.Range(start, stop)].AsSpan();
            for (int i = 0; i < yb.Length; i++)
            {
                double target = 3;
                for (int j = 0; j < features; j++)
                {
                    double v = 2 * Uniform(ref state) - 1 + (j % 5);
                    xb[i * features + j] = v;
                    target += w[j] * v;
                }
                yb[i] = target + 0.5 * (Uniform(ref state) - 0.5);
            }
        }
        x.Dispose();
        y.Dispose();
        File.Move(path + ".tmp", path, overwrite: true);
        File.Move(yPath + ".tmp", yPath, overwrite: true);
    }

    private static double Uniform(ref ulong state)
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return ((state * 0x2545F4914F6CDD1DUL) >> 11) * (1.0 / (1UL << 53));
    }
}
