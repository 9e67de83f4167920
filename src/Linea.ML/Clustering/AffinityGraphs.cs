using System.Numerics;

namespace Linea.ML.Clustering;

/// <summary>The similarity graphs of <see cref="SpectralClustering{T}"/>, as dense (n, n) tensors with a zero diagonal.</summary>
internal static partial class AffinityGraphs
{
    /// <summary>exp(-gamma ||x_i - x_j||²) off the diagonal; squared distances computed directly in double.</summary>
    public static NDArray<T> Rbf<T>(NDArray<T> x, double gamma) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)x.Shape[0], d = (int)x.Shape[1];
        var dist = SquaredDistances(DoubleRows.From(x), n, d);
        var w = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                w[i * n + j] = i == j ? 0 : Math.Exp(-gamma * dist[i * n + j]);
        return DoubleRows.To<T>(w, n, n);
    }

    /// <summary>1 where j is one of the <paramref name="neighbours"/> nearest samples to i (ties by index), symmetrised (W + Wᵀ)/2.</summary>
    /// <exception cref="ArgumentException">neighbours ≥ n.</exception>
    public static NDArray<T> NearestNeighbors<T>(NDArray<T> x, int neighbours, string where) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)x.Shape[0], d = (int)x.Shape[1];
        if (neighbours >= n)
            throw new ArgumentException($"{where}: nNeighbors = {neighbours} but there are only {n} samples; use fewer neighbours than samples");
        var dist = SquaredDistances(DoubleRows.From(x), n, d);
        var w = new double[n * n];
        var order = new int[n];
        var keys = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) { order[j] = j; keys[j] = j == i ? double.PositiveInfinity : dist[i * n + j]; }
            Array.Sort((double[])keys.Clone(), order);
            for (int r = 0; r < neighbours; r++)
            {
                int j = order[r];
                w[i * n + j] += 0.5;
                w[j * n + i] += 0.5;
            }
        }
        return DoubleRows.To<T>(w, n, n);
    }

    /// <summary>Validates a user-given affinity and returns a copy with a zero diagonal.</summary>
    /// <exception cref="ShapeMismatchException">Not square.</exception>
    /// <exception cref="ArgumentException">Negative entries, or not symmetric.</exception>
    public static NDArray<T> CheckedPrecomputed<T>(NDArray<T> a, string where) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)a.Shape[0];
        if (a.Shape[1] != n)
            throw new ShapeMismatchException(where, [a.Shape], $"{where}: a precomputed affinity must be square (n, n); got {a.Shape}");
        var w = DoubleRows.From(a);
        for (int i = 0; i < n; i++)
        {
            w[i * n + i] = 0;
            for (int j = 0; j < i; j++)
            {
                double aij = w[i * n + j], aji = w[j * n + i];
                if (aij < 0) throw new ArgumentException($"{where}: affinity[{i}, {j}] = {aij} is negative; similarities must be >= 0");
                if (Math.Abs(aij - aji) > 1e-12 * Math.Max(Math.Abs(aij), Math.Abs(aji)) + double.Epsilon)
                    throw new ArgumentException($"{where}: the affinity is not symmetric: [{i}, {j}] = {aij} but [{j}, {i}] = {aji}");
            }
        }
        return DoubleRows.To<T>(w, n, n);
    }

    private static double[] SquaredDistances(double[] x, int n, int d)
    {
        var dist = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
            {
                double s = KMeansPlusPlus.SquaredDistance(x.AsSpan(i * d, d), x.AsSpan(j * d, d));
                dist[i * n + j] = s;
                dist[j * n + i] = s;
            }
        return dist;
    }
}
