using Linea.ML.Clustering;

namespace Linea.ML.Tests.Clustering;

/// <summary>The vectorised, threaded k-NN graph against the definition: a scalar scan of every other row in index
/// order with a sorted list (ties to the smaller index), symmetrised as (A + Aᵀ)/2.</summary>
public class NearestNeighborsSparseTests
{
    [Theory]
    [InlineData(11, 3, 4, 1UL)]       // n not a multiple of the vector width: a scalar tail
    [InlineData(300, 5, 10, 2UL)]
    [InlineData(2500, 2, 7, 3UL)]     // enough work for more than one thread
    public void Matches_the_scalar_definition(int n, int d, int neighbours, ulong seed)
    {
        var x = new Rng(seed).Normal([n, d], 0.0, 1.0);
        Check(x, neighbours);
    }

    [Fact]
    public void Ties_go_to_the_smaller_index_as_in_the_definition()
    {
        // A 12 x 12 integer grid plus duplicated points: many equal distances.
        var v = new double[150 * 2];
        for (int i = 0; i < 144; i++) { v[2 * i] = i % 12; v[2 * i + 1] = i / 12; }
        for (int i = 144; i < 150; i++) { v[2 * i] = 3; v[2 * i + 1] = 4; }
        Check(NDArray.FromArray(v, 150, 2), 6);
    }

    private static void Check(NDArray<double> x, int neighbours)
    {
        int n = (int)x.Shape[0], d = (int)x.Shape[1];
        var xs = x.ToArray();
        var expected = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            var list = new List<(double Dist, int J)>();
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double s = 0;
                for (int l = 0; l < d; l++) { double t = xs[i * d + l] - xs[j * d + l]; s += t * t; }
                list.Add((s, j));
            }
            foreach (var (_, j) in list.OrderBy(e => e.Dist).ThenBy(e => e.J).Take(neighbours))
            {
                expected[i, j] += 0.5;
                expected[j, i] += 0.5;
            }
        }
        var graph = AffinityGraphs.NearestNeighborsSparse(x, neighbours, "test").ToDense().ToArray();
        Assert.Equal(NDArray.FromArray(expected).ToArray(), graph);
    }
}
