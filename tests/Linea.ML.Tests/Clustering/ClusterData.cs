namespace Linea.ML.Tests.Clustering;

/// <summary>Seeded 2-d test sets, each with the label of the shape it was drawn from.</summary>
internal static class ClusterData
{
    /// <summary>Gaussian blobs of standard deviation <paramref name="std"/> around the given centres.</summary>
    public static (NDArray<double> X, int[] Labels) Blobs(double[,] centres, int perBlob, double std, ulong seed)
    {
        var rng = new Rng(seed);
        int k = centres.GetLength(0), d = centres.GetLength(1);
        var x = new double[k * perBlob, d];
        var labels = new int[k * perBlob];
        for (int c = 0; c < k; c++)
            for (int i = 0; i < perBlob; i++)
            {
                for (int j = 0; j < d; j++) x[c * perBlob + i, j] = centres[c, j] + std * rng.NextNormal();
                labels[c * perBlob + i] = c;
            }
        return (NDArray.FromArray(x), labels);
    }

    /// <summary>Two concentric rings of radii 1 and 3 with radial noise.</summary>
    public static (NDArray<double> X, int[] Labels) Circles(int perRing, double noise, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new double[2 * perRing, 2];
        var labels = new int[2 * perRing];
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < perRing; i++)
            {
                double t = 2 * Math.PI * rng.NextDouble(), r = (c == 0 ? 1 : 3) + noise * rng.NextNormal();
                x[c * perRing + i, 0] = r * Math.Cos(t);
                x[c * perRing + i, 1] = r * Math.Sin(t);
                labels[c * perRing + i] = c;
            }
        return (NDArray.FromArray(x), labels);
    }

    /// <summary>Two interleaved half circles (scikit-learn's make_moons shape) with Gaussian noise.</summary>
    public static (NDArray<double> X, int[] Labels) Moons(int perMoon, double noise, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new double[2 * perMoon, 2];
        var labels = new int[2 * perMoon];
        for (int i = 0; i < perMoon; i++)
        {
            double t = Math.PI * i / (perMoon - 1);
            x[i, 0] = Math.Cos(t) + noise * rng.NextNormal();
            x[i, 1] = Math.Sin(t) + noise * rng.NextNormal();
            x[perMoon + i, 0] = 1 - Math.Cos(t) + noise * rng.NextNormal();
            x[perMoon + i, 1] = 0.5 - Math.Sin(t) + noise * rng.NextNormal();
            labels[perMoon + i] = 1;
        }
        return (NDArray.FromArray(x), labels);
    }
}
