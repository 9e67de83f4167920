namespace Linea.Examples.PhotoFilter;

/// <summary>The procedural scene behind sample.png (sky, sun, hills, a house, grain), so the example ships its own
/// picture; regenerate with <c>dotnet run --project examples/PhotoFilter -- --make-sample examples/PhotoFilter/sample.png</c>.</summary>
public static class SampleImage
{
    /// <summary>A size x size RGB scene.</summary>
    public static RgbImage Generate(int size = 256)
    {
        var rng = new Rng(256);
        var data = new double[size * size * 3];
        for (int row = 0; row < size; row++)
            for (int col = 0; col < size; col++)
            {
                double x = (col + 0.5) / size, y = (row + 0.5) / size;
                var c = Scene(x, y);
                double grain = 0.025 * rng.NextNormal();
                for (int k = 0; k < 3; k++) data[3 * (row * size + col) + k] = Math.Clamp(c[k] + grain, 0, 1);
            }
        return new RgbImage(NDArray.Wrap(data, size * size, 3), size, size);
    }

    private static double[] Scene(double x, double y)
    {
        double back = 0.56 + 0.06 * Math.Sin(6 * x), front = 0.72 + 0.07 * Math.Sin(4 * x + 1);
        // House walls, roof, window, door (in front of the back hill).
        if (x is > 0.18 and < 0.38 && y is > 0.58 and < 0.76)
        {
            if (x is > 0.22 and < 0.28 && y is > 0.62 and < 0.67) return [0.95, 0.9, 0.55];
            if (x is > 0.31 and < 0.35 && y > 0.67) return [0.35, 0.2, 0.1];
            return [0.78, 0.22, 0.16];
        }
        if (y is > 0.47 and <= 0.58 && Math.Abs(x - 0.28) < (y - 0.47) * 1.1) return [0.4, 0.25, 0.2];
        if (y > front) return Mix([0.22, 0.48, 0.16], [0.12, 0.3, 0.08], (y - front) / (1 - front));
        if (y > back) return Mix([0.38, 0.62, 0.35], [0.28, 0.5, 0.28], (y - back) / 0.2);
        double sun = Math.Sqrt((x - 0.74) * (x - 0.74) + (y - 0.2) * (y - 0.2));
        if (sun < 0.08) return [1.0, 0.88, 0.35];
        var sky = Mix([0.22, 0.42, 0.82], [0.88, 0.9, 0.98], y / 0.6);
        double glow = Math.Exp(-(sun - 0.08) * 18);
        return Mix(sky, [1.0, 0.8, 0.45], 0.6 * glow);
    }

    private static double[] Mix(double[] a, double[] b, double t)
    {
        t = Math.Clamp(t, 0, 1);
        return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
    }
}
