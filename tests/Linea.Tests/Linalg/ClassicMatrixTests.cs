using System.Text.Json;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

/// <summary>Exact determinants, inverses and Cholesky factors of the classic matrices in Data/test_matrices.json.</summary>
public class ClassicMatrixTests
{
    private static readonly JsonElement[] Matrices = LoadAll();

    private static JsonElement[] LoadAll()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "test_matrices.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("matrices").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static JsonElement Get(string name) => Matrices.Single(m => m.GetProperty("name").GetString() == name);

    private static double ParseEntry(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Number) return e.GetDouble();
        var s = e.GetString()!;
        int slash = s.IndexOf('/');
        return slash < 0 ? double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)
            : double.Parse(s[..slash], System.Globalization.CultureInfo.InvariantCulture) / double.Parse(s[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static NDArray<double> Matrix(JsonElement rows)
    {
        var r = rows.EnumerateArray().Select(row => row.EnumerateArray().Select(ParseEntry).ToArray()).ToArray();
        return NDArray.FromArray(r);
    }

    private static NDArray<double> Entries(JsonElement m) =>
        Matrix(m.TryGetProperty("entries", out var e) ? e : m.GetProperty("entries_exact"));

    [Theory]
    [InlineData("pascal4")]
    [InlineData("pascal6")]
    [InlineData("wilson4")]
    [InlineData("frank5")]
    [InlineData("frank12")]
    [InlineData("hilbert4")]
    [InlineData("hilbert5")]
    [InlineData("hilbert8")]
    public void Determinant_and_inverse_to_cond_times_eps(string name)
    {
        var m = Get(name);
        var a = Entries(m);
        int n = (int)a.Dims[0];
        var lu = a.Lu();
        double cond = 1 / lu.RCond; // within a factor of a few of cond_1
        double eps = NumAssert.Eps<double>();
        double det = ParseEntry(m.GetProperty("determinant").GetProperty("exact"));
        double gotDet = Linea.Linalg.Det(a);
        Assert.True(Math.Abs(gotDet - det) <= 10 * n * cond * eps * Math.Abs(det), $"{name}: det {gotDet:R}, exact {det:R}, cond {cond:E2}");
        var exact = Matrix(m.GetProperty("inverse_exact"));
        var inv = Linea.Linalg.Inv(a);
        double err = Checks.Fro(inv - exact) / Checks.Fro(exact);
        Assert.True(err <= 10 * n * cond * eps, $"{name}: inverse relative error {err:E2}, cond {cond:E2}");
        if (!name.StartsWith("hilbert"))
        {
            // Integer matrices with integer inverses, well enough conditioned: rounding recovers the exact inverse.
            if (cond * eps < 1e-3)
            {
                var rounded = NDArray.FromArray(inv.ToArray().Select(v => Math.Round(v)).ToArray(), n, n);
                NumAssert.Equal(exact, rounded);
            }
        }
    }

    [Theory]
    [InlineData("pascal4")]
    [InlineData("pascal6")]
    public void Pascal_cholesky_factor_is_the_binomial_matrix_exactly(string name)
    {
        var m = Get(name);
        var a = Entries(m);
        var expected = Matrix(m.GetProperty("cholesky_lower_exact"));
        NumAssert.Equal(expected, Linea.Linalg.Cholesky(a));
        NumAssert.Equal(expected, a.Cholesky(new CholeskyParams(1)).L);
        Assert.Equal(1.0, a.Cholesky().Determinant);
    }

    [Fact]
    public void Singular_classics_have_zero_determinant_status()
    {
        var a = Entries(Get("gallery5"));
        // Nilpotent: exactly singular in exact arithmetic; in floating point the LU is singular or nearly so.
        var lu = a.Lu();
        Assert.True(lu.IsSingular || lu.RCond < 1e-10, $"rcond {lu.RCond:E2}");
        var w = Entries(Get("wilkinson21"));
        double det = ParseEntry(Get("wilkinson21").GetProperty("determinant").GetProperty("exact"));
        Assert.Equal(det, Linea.Linalg.Det(w), Math.Abs(det) * 1e-12);
    }
}
