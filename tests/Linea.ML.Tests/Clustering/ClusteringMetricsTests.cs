using Linea.ML.Clustering;

namespace Linea.ML.Tests.Clustering;

public class ClusteringMetricsTests
{
    [Fact]
    public void AdjustedRandIndexMatchesHandComputedValues()
    {
        // Contingency {2}, {1, 1}: index = 1, Σ C(a,2) = 2, Σ C(b,2) = 1, C(4,2) = 6, expected 1/3, max 3/2: (2/3)/(7/6) = 4/7.
        Assert.Equal(4.0 / 7, ClusteringMetrics.AdjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]), 1e-15);
        // Crossed halves: index 0, a = b = 2, expected 2/3, max 2: (-2/3)/(4/3) = -1/2.
        Assert.Equal(-0.5, ClusteringMetrics.AdjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]), 1e-15);
        // n = 6, true {3, 3}, predicted {2, 2, 2} nested: cells 2,1 | 1,2 -> index = 1 + 1 = 2;
        // a = 3 + 3 = 6, b = 1 + 1 + 1 = 3, C(6,2) = 15, expected 18/15 = 1.2, max 4.5: 0.8 / 3.3 = 8/33.
        Assert.Equal(8.0 / 33, ClusteringMetrics.AdjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]), 1e-15);
    }

    [Fact]
    public void AdjustedRandIndexIgnoresLabelNames()
    {
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex([0, 0, 1, 1, 2], [7, 7, -3, -3, 5]));
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex([0, 0, 0], [1, 1, 1]));      // one cluster each
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex([0, 1, 2], [2, 0, 1]));      // all singletons
        Assert.Equal(1.0, ClusteringMetrics.AdjustedRandIndex([], []));
    }

    [Fact]
    public void AdjustedRandIndexRejectsDifferentLengths() =>
        Assert.Throws<ArgumentException>(() => ClusteringMetrics.AdjustedRandIndex([0, 1], [0]));
}
