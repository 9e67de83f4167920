using System.Net;
using System.Text.Json;
using Linea.Web.Tests.Support;
using Linea.Web.Transforms;

namespace Linea.Web.Tests.Api;

/// <summary>
/// The closed forms behind the visual guide, checked against hand-derived values for the course presets and, for
/// random matrices, against Linea's own SVD (Linalg.Svdvals), determinant and the identities M v = s u, M x = lambda x.
/// </summary>
public sealed class Transform2x2Tests
{
    private const double Eps = 2.220446049250313e-16;

    private static void Close(double expected, double actual, double tol = 8 * Eps) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    private static void Close((double X, double Y) expected, (double X, double Y) actual)
    {
        Close(expected.X, actual.X);
        Close(expected.Y, actual.Y);
    }

    [Fact]
    public void Shear_maps_the_unit_square_to_the_parallelogram_with_one_eigen_direction()
    {
        var t = new Transform2x2(1, 0.5, 0, 1);
        Assert.Equal([(0, 0), (1, 0), (1.5, 1), (0.5, 1)], t.UnitSquareImage);
        Assert.Equal(1, t.Determinant);
        Assert.False(t.FlipsOrientation);
        var (kind, values, vectors) = t.Eigen();
        Assert.Equal(EigenDirections.One, kind);
        Assert.Equal([1.0, 1.0], values);
        Close((1, 0), vectors[0]);
        // Singular values of [[1, 1/2], [0, 1]]: s1 s2 = 1 and s1^2 + s2^2 = 9/4 give (sqrt(17) +- 1) / 4.
        var svd = t.Svd();
        Close((Math.Sqrt(17) + 1) / 4, svd.S1);
        Close((Math.Sqrt(17) - 1) / 4, svd.S2);
    }

    [Fact]
    public void Scaling_2_3_has_the_axes_as_eigenvectors_and_singular_values_3_2()
    {
        var t = new Transform2x2(2, 0, 0, 3);
        Assert.Equal(6, t.AreaScale);
        var (kind, values, vectors) = t.Eigen();
        Assert.Equal(EigenDirections.Two, kind);
        Assert.Equal([3.0, 2.0], values);
        Close((0, 1), vectors[0]);
        Close((1, 0), vectors[1]);
        var svd = t.Svd();
        Close(3, svd.S1);
        Close(2, svd.S2);
        Close(0, Math.Abs(svd.U1.X)); // the long axis is vertical
    }

    [Fact]
    public void Rotation_has_no_real_eigenvector_and_keeps_the_circle()
    {
        double c = Math.Cos(Math.PI / 4), s = Math.Sin(Math.PI / 4);
        var t = new Transform2x2(c, -s, s, c);
        Assert.Equal(EigenDirections.None, t.Eigen().Kind);
        Close(1, t.Determinant);
        var svd = t.Svd();
        Close(1, svd.S1);
        Close(1, svd.S2);
    }

    [Fact]
    public void Reflection_flips_orientation_and_keeps_both_axes()
    {
        var t = new Transform2x2(1, 0, 0, -1);
        Assert.True(t.FlipsOrientation);
        Assert.Equal(1, t.AreaScale);
        var (kind, values, vectors) = t.Eigen();
        Assert.Equal(EigenDirections.Two, kind);
        Assert.Equal([1.0, -1.0], values);
        Close((1, 0), vectors[0]);
        Close((0, 1), vectors[1]);
    }

    [Fact]
    public void Projection_and_zero_collapse_area()
    {
        var p = new Transform2x2(1, 0, 0, 0);
        Assert.Equal(0, p.AreaScale);
        var (kind, values, vectors) = p.Eigen();
        Assert.Equal(EigenDirections.Two, kind);
        Assert.Equal([1.0, 0.0], values);
        Close((1, 0), vectors[0]);
        Close((0, 1), vectors[1]);
        Assert.Equal((1.0, 0.0), (p.Svd().S1, p.Svd().S2));

        var z = new Transform2x2(0, 0, 0, 0);
        Assert.Equal(EigenDirections.All, z.Eigen().Kind);
        Assert.Equal((0.0, 0.0), (z.Svd().S1, z.Svd().S2));
        Assert.Equal(EigenDirections.All, new Transform2x2(1, 0, 0, 1).Eigen().Kind);
    }

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_matrices_satisfy_the_svd_and_eigen_identities_and_match_linalg(int seed)
    {
        var rng = new Rng((ulong)seed);
        // Mix scales and a rank-deficient case so the closed forms meet graded and singular inputs.
        double scale = Math.Pow(10, rng.NextInt(7) - 3);
        double a = rng.NextNormal() * scale, b = rng.NextNormal() * scale, c = rng.NextNormal() * scale, d = rng.NextNormal() * scale;
        if (seed % 5 == 0) (c, d) = (2 * a, 2 * b);
        var t = new Transform2x2(a, b, c, d);
        var m = NDArray.FromArray(new double[,] { { a, b }, { c, d } });
        double norm = Math.Sqrt(a * a + b * b + c * c + d * d);
        double tol = 16 * Eps * norm;

        var svd = t.Svd();
        var reference = Linalg.Svdvals(m);
        Assert.True(Math.Abs(reference[0] - svd.S1) <= tol, $"s1 {svd.S1:R} vs Linalg {reference[0]:R}");
        Assert.True(Math.Abs(reference[1] - svd.S2) <= tol, $"s2 {svd.S2:R} vs Linalg {reference[1]:R}");
        foreach (var (v, u, s) in new[] { (svd.V1, svd.U1, svd.S1), (svd.V2, svd.U2, svd.S2) })
        {
            Assert.True(Math.Abs(v.X * v.X + v.Y * v.Y - 1) <= 8 * Eps);
            Assert.True(Math.Abs(u.X * u.X + u.Y * u.Y - 1) <= 8 * Eps);
            Assert.True(Math.Abs(a * v.X + b * v.Y - s * u.X) <= tol, "M v = s u (x)");
            Assert.True(Math.Abs(c * v.X + d * v.Y - s * u.Y) <= tol, "M v = s u (y)");
        }
        Assert.True(Math.Abs(svd.U1.X * svd.U2.X + svd.U1.Y * svd.U2.Y) <= 8 * Eps, "u1 . u2 = 0");
        Assert.True(Math.Abs(svd.V1.X * svd.V2.X + svd.V1.Y * svd.V2.Y) <= 8 * Eps, "v1 . v2 = 0");

        Assert.True(Math.Abs(Linalg.Det(m) - t.Determinant) <= 8 * Eps * norm * norm);
        var (kind, values, vectors) = t.Eigen();
        for (int i = 0; i < vectors.Length; i++)
        {
            var (x, y) = vectors[i];
            double residual = Math.Sqrt(Math.Pow(a * x + b * y - values[i] * x, 2) + Math.Pow(c * x + d * y - values[i] * y, 2));
            Assert.True(residual <= 64 * Eps * norm, $"||M v - lambda v|| = {residual:E2} for {kind}");
        }
        // Two real eigenvalues when (tr/2)^2 - det is clearly positive, none when clearly negative.
        double disc = (a - d) * (a - d) / 4 + b * c;
        if (disc > 1e-9 * norm * norm) Assert.Equal(EigenDirections.Two, kind);
        if (disc < -1e-9 * norm * norm) Assert.Equal(EigenDirections.None, kind);
    }

    [Fact]
    public async Task Endpoint_returns_the_same_numbers_and_refuses_bad_input()
    {
        await using var server = await TestServer.StartAsync(engine: new FakeEngine());
        var response = await server.PostJsonAsync("/api/transform2x2", "{\"matrix\":[[1,0.5],[0,1]]}");
        var json = await TestServer.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, json.GetProperty("det").GetDouble());
        Assert.False(json.GetProperty("flipsOrientation").GetBoolean());
        var corners = json.GetProperty("unitSquare").EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToArray();
        Assert.Equal([(0, 0), (1, 0), (1.5, 1), (0.5, 1)], corners);
        Assert.Equal("one", json.GetProperty("eigen").GetProperty("directions").GetString());
        Close((Math.Sqrt(17) + 1) / 4, json.GetProperty("svd").GetProperty("s")[0].GetDouble());

        foreach (var bad in new[] { "{\"matrix\":[[1,2],[3]]}", "{\"matrix\":[[1,\"x\"],[3,4]]}", "{}", "{\"matrix\":[1,2,3,4]}" })
        {
            var r = await server.PostJsonAsync("/api/transform2x2", bad);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        }
        var huge = await server.PostJsonAsync("/api/transform2x2", "{\"matrix\":[[1e308,1e308],[1e308,1]]}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, huge.StatusCode);
        Assert.Equal("limit", (await TestServer.JsonAsync(huge)).GetProperty("error").GetProperty("kind").GetString());
    }
}
