using Linea.ML.Clustering;

namespace Linea.ML.Tests.Clustering;

public class KMeansInitialCentersTests
{
    [Fact]
    public void Lloyd_from_given_centres_matches_a_hand_run()
    {
        // 1-D points 0, 1, 9, 10 from centres (0, 1): first assignment {0} {1, 9, 10} -> centres 0 and 20/3;
        // second {0, 1} {9, 10} -> 0.5 and 9.5; third pass changes nothing. Inertia 4 * 0.25 = 1.
        var x = NDArray.FromArray(new double[,] { { 0 }, { 1 }, { 9 }, { 10 } });
        var km = new KMeans<double>(2, nInit: 5) { InitialCenters = NDArray.FromArray(new double[,] { { 0 }, { 1 } }) }.Fit(x);
        Assert.Equal([0, 0, 1, 1], km.Labels);
        Assert.Equal(new[] { 0.5, 9.5 }, km.ClusterCenters.ToArray());
        Assert.Equal(1.0, km.Inertia);
        Assert.Equal(2, km.NIter);
    }

    [Fact]
    public void Bad_initial_centres_are_rejected()
    {
        var x = NDArray.FromArray(new double[,] { { 0, 0 }, { 1, 1 }, { 2, 2 } });
        Assert.Throws<ShapeMismatchException>(() => new KMeans<double>(2) { InitialCenters = NDArray.Zeros<double>(3, 2) }.Fit(x));
        Assert.Throws<ShapeMismatchException>(() => new KMeans<double>(2) { InitialCenters = NDArray.Zeros<double>(2, 3) }.Fit(x));
        var nan = NDArray.Zeros<double>(2, 2);
        nan[1, 1] = double.NaN;
        Assert.Throws<NonFiniteException>(() => new KMeans<double>(2) { InitialCenters = nan }.Fit(x));
    }
}
