using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

/// <summary>Residual and orthogonality ratios (multiples of n eps, formed in double) for eigh and the SVD.</summary>
internal static class SpectralChecks
{
    /// <summary>||A V - V diag(w)||_F / (||A||_F max(n,1) eps).</summary>
    public static double EighResidual<T>(NDArray<T> a, NDArray<T> w, NDArray<T> v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a64 = Checks.ToDouble(a);
        var v64 = Checks.ToDouble(v);
        var r = a64.MatMul(v64) - v64 * Checks.ToDouble(w);
        int n = Math.Max(1, (int)a.Dims[0]);
        double na = Checks.Fro(a64);
        double rn = Checks.Fro(r);
        if (na == 0) return rn == 0 ? 0 : double.PositiveInfinity;
        return rn / (na * n * NumAssert.Eps<T>());
    }

    /// <summary>||Q^T Q - I||_F / (max(rows,1) eps) for a matrix Q with orthonormal columns.</summary>
    public static double Orthogonality<T>(NDArray<T> q) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var q64 = Checks.ToDouble(q);
        int k = (int)q.Dims[1];
        var r = q64.T.MatMul(q64) - NDArray.Eye<double>(k);
        return Checks.Fro(r) / (Math.Max(1, q.Dims[0]) * NumAssert.Eps<T>());
    }

    /// <summary>||A - U diag(s) Vh||_F / (||A||_F max(m,n,1) eps), U m x k, Vh k x n (the first k = len(s) columns / rows used).</summary>
    public static double SvdResidual<T>(NDArray<T> a, NDArray<T> u, NDArray<T> s, NDArray<T> vh) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)a.Dims[0], n = (int)a.Dims[1], k = (int)s.Dims[0];
        var u64 = Checks.ToDouble(u)[.., ..k];
        var vh64 = Checks.ToDouble(vh)[..k, ..];
        var r = Checks.ToDouble(a) - (u64 * Checks.ToDouble(s)).MatMul(vh64);
        double na = Checks.Fro(a), rn = Checks.Fro(r);
        if (na == 0) return rn == 0 ? 0 : double.PositiveInfinity;
        return rn / (na * Math.Max(1, Math.Max(m, n)) * NumAssert.Eps<T>());
    }
}

/// <summary>The classic matrices of Data/test_matrices.json with their reference spectra.</summary>
internal static class TestMatrices
{
    private static readonly JsonElement[] All = Load();

    private static JsonElement[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "test_matrices.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("matrices").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    public static JsonElement Get(string name) => All.Single(m => m.GetProperty("name").GetString() == name);

    public static double Parse(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Number) return e.GetDouble();
        var s = e.GetString()!;
        int slash = s.IndexOf('/');
        return slash < 0 ? double.Parse(s, CultureInfo.InvariantCulture)
            : double.Parse(s[..slash], CultureInfo.InvariantCulture) / double.Parse(s[(slash + 1)..], CultureInfo.InvariantCulture);
    }

    public static NDArray<double> Entries(string name)
    {
        var m = Get(name);
        var rows = m.TryGetProperty("entries", out var e) ? e
            : m.TryGetProperty("entries_exact", out var x) ? x : m.GetProperty("entries_decimal");
        return NDArray.FromArray(rows.EnumerateArray().Select(r => r.EnumerateArray().Select(Parse).ToArray()).ToArray());
    }

    public static double[] Values(string name, string key) =>
        Get(name).GetProperty(key).GetProperty("decimal").EnumerateArray().Select(Parse).ToArray();
}
