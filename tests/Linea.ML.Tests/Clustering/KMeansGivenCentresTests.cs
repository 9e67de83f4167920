using Linea.ML.Clustering;

namespace Linea.ML.Tests.Clustering;

/// <summary>KMeans with InitialCenters: one Lloyd run from given centres, traced by hand on four points of a line.</summary>
public class KMeansGivenCentresTests
{
    private static NDArray<double> Line() => NDArray.FromArray(new double[,] { { 0 }, { 1 }, { 10 }, { 11 } });

    [Fact]
    public void LloydFromTheGivenCentresMatchesTheHandTrace()
    {
        // Centres 0 and 1: {0} and {1, 10, 11} -> 0 and 22/3; then {0, 1} and {10, 11} -> 0.5 and 10.5; then no change.
        var init = NDArray.FromArray(new double[,] { { 0 }, { 1 } });
        var km = new KMeans<double>(2) { InitialCenters = init }.Fit(Line());
        Assert.Equal([0, 0, 1, 1], km.Labels);
        NumAssert.Equal([0.5, 10.5], km.ClusterCenters);
        Assert.Equal(2, km.NIter);
        Assert.Equal(1.0, km.Inertia);
        NumAssert.Equal([0.0, 1.0], init); // not modified
    }

    [Fact]
    public void AnEmptyClusterTakesThePointFarthestFromItsCentre()
    {
        // Centre 100 gets no point; the farthest point from centre 0 is 11, which moves there: {0, 1, 10} and {11};
        // then 10 is nearer 11 than 11/3: {0, 1} and {10, 11}.
        var km = new KMeans<double>(2) { InitialCenters = NDArray.FromArray(new double[,] { { 0 }, { 100 } }) }.Fit(Line());
        Assert.Equal([0, 0, 1, 1], km.Labels);
        NumAssert.Equal([0.5, 10.5], km.ClusterCenters);
        Assert.Equal(2, km.NIter);
    }

    [Fact]
    public void CentresOfTheWrongShapeNameBothShapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => new KMeans<double>(3) { InitialCenters = NDArray.Zeros<double>(2, 1) }.Fit(Line()));
        Assert.Contains("(2, 1)", e.Message, StringComparison.Ordinal);
        Assert.Contains("(3, 1)", e.Message, StringComparison.Ordinal);
    }
}
