using System.Globalization;
using System.Text.Json;
using Linea.Web.Transforms;
using Microsoft.Playwright;

namespace Linea.Web.Tests.Browser;

/// <summary>The 2x2 visual guide in real Chromium: what is drawn, read back from the SVG in matrix coordinates.</summary>
[Collection(BrowserCollection.Name)]
public sealed class VisualGuideTests(BrowserFixture fixture)
{
    private static double[] Numbers(string text) =>
        text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The polygon's drawn points, mapped back through the plane's stated origin and scale.</summary>
    private static async Task<(double X, double Y)[]> DrawnCorners(IPage page, string svgId, string polygonId)
    {
        var svg = page.Locator("#" + svgId);
        double ox = double.Parse((await svg.GetAttributeAsync("data-origin-x"))!, CultureInfo.InvariantCulture);
        double oy = double.Parse((await svg.GetAttributeAsync("data-origin-y"))!, CultureInfo.InvariantCulture);
        double scale = double.Parse((await svg.GetAttributeAsync("data-scale"))!, CultureInfo.InvariantCulture);
        var pixels = Numbers((await page.Locator("#" + polygonId).GetAttributeAsync("points"))!);
        return Enumerable.Range(0, pixels.Length / 2).Select(i => ((pixels[2 * i] - ox) / scale, (oy - pixels[2 * i + 1]) / scale)).ToArray();
    }

    private static void Near((double X, double Y)[] expected, (double X, double Y)[] actual, double tol = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i].X - actual[i].X) <= tol && Math.Abs(expected[i].Y - actual[i].Y) <= tol,
                $"corner {i}: expected {expected[i]}, drawn {actual[i]}");
    }

    [BrowserFact]
    public async Task Shear_preset_draws_the_parallelogram_with_one_eigen_direction()
    {
        var page = await fixture.OpenAsync();
        await page.ClickAsync("[data-preset='identity']");
        await page.ClickAsync("[data-preset='shear']");
        Assert.Equal("0.5", await page.InputValueAsync("#m-b"));
        (double, double)[] expected = [(0, 0), (1, 0), (1.5, 1), (0.5, 1)];
        Near(expected, await DrawnCorners(page, "plane-after", "square-after"));
        Assert.Equal("0,0 1,0 1.5,1 0.5,1", await page.GetAttributeAsync("#square-after", "data-corners"));
        Near([(0, 0), (1, 0), (1, 1), (0, 1)], await DrawnCorners(page, "plane-before", "square-before"));

        Assert.Equal("one", await page.GetAttributeAsync("#fact-eigen", "data-directions"));
        Assert.Equal("1,0", await page.GetAttributeAsync("#after-eigen-0", "data-direction"));
        Assert.Equal(0, await page.Locator("#after-eigen-1").CountAsync());
        Assert.Equal("1", await page.GetAttributeAsync("#fact-det", "data-value"));
        Assert.Equal("false", await page.GetAttributeAsync("#fact-orientation", "data-flipped"));
    }

    [BrowserFact]
    public async Task Typing_an_entry_redraws_and_reports_area_and_orientation()
    {
        var page = await fixture.OpenAsync();
        await page.ClickAsync("[data-preset='scale']");
        Assert.Equal("6", await page.GetAttributeAsync("#fact-area", "data-value"));
        Assert.Equal("0,3", await page.GetAttributeAsync("#sv-u1", "data-to"));
        Assert.Equal("3", await page.GetAttributeAsync("#after-eigen-0", "data-value"));
        Assert.Equal("0,1", await page.GetAttributeAsync("#after-eigen-0", "data-direction"));

        // Make it a reflection-with-scaling by typing: d = -3.
        await page.FillAsync("#m-d", "-3");
        Assert.Equal("true", await page.GetAttributeAsync("#fact-orientation", "data-flipped"));
        Assert.Equal("6", await page.GetAttributeAsync("#fact-area", "data-value"));
        Near([(0, 0), (2, 0), (2, -3), (0, -3)], await DrawnCorners(page, "plane-after", "square-after"));

        // A half-typed entry marks the field and keeps the last drawing.
        await page.FillAsync("#m-a", "-");
        Assert.Contains("invalid", await page.GetAttributeAsync("#m-a", "class") ?? "");
        Assert.Equal("0,0 2,0 2,-3 0,-3", await page.GetAttributeAsync("#square-after", "data-corners"));
    }

    [BrowserFact]
    public async Task Rotation_has_no_eigen_lines_and_the_circle_stays_a_circle()
    {
        var page = await fixture.OpenAsync();
        await page.ClickAsync("[data-preset='rotate45']");
        Assert.Equal("none", await page.GetAttributeAsync("#fact-eigen", "data-directions"));
        Assert.Equal(0, await page.Locator(".eigenline").CountAsync());
        double s1 = double.Parse((await page.GetAttributeAsync("#ellipse-after", "data-s1"))!, CultureInfo.InvariantCulture);
        double s2 = double.Parse((await page.GetAttributeAsync("#ellipse-after", "data-s2"))!, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(s1 - 1) < 1e-5 && Math.Abs(s2 - 1) < 1e-5, $"{s1}, {s2}");
    }

    [BrowserFact]
    public async Task Page_formulas_agree_with_the_server_formulas()
    {
        var page = await fixture.OpenAsync();
        var rng = new Rng(7);
        var cases = new List<double[]> { new[] { 1, 0.5, 0, 1 }, new[] { 1.0, 0, 0, 0 }, new[] { 0.0, 0, 0, 0 }, new[] { 2.0, 1, 1, 2 }, new[] { 1.0, -1, 1, 1 } };
        for (int i = 0; i < 30; i++) cases.Add([rng.NextNormal(), rng.NextNormal(), rng.NextNormal(), rng.NextNormal()]);
        foreach (var m in cases)
        {
            // Sent as JSON text: Playwright's .NET argument serializer turns 0.0 into -0 (seen with 1.64.1), and
            // atan2 tells the two apart.
            var js = await page.EvaluateAsync<JsonElement>("t => { const m = JSON.parse(t); return window.linea.analyze(m[0], m[1], m[2], m[3]); }",
                JsonSerializer.Serialize(m));
            var cs = new Transform2x2(m[0], m[1], m[2], m[3]);
            Assert.Equal(cs.Determinant, js.GetProperty("det").GetDouble());
            var (kind, values, vectors) = cs.Eigen();
            var eigen = js.GetProperty("eigen");
            Assert.Equal(kind.ToString().ToLowerInvariant(), eigen.GetProperty("directions").GetString());
            Assert.Equal(values, eigen.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
            Assert.Equal(vectors, eigen.GetProperty("vectors").EnumerateArray().Select(v => (v[0].GetDouble(), v[1].GetDouble())));
            var svd = cs.Svd();
            var s = js.GetProperty("svd");
            // Same formulas, same IEEE operations: equal up to the last bits of Math.atan2/cos/sin, which may differ
            // between .NET and V8 by an ulp or so.
            Assert.True(Math.Abs(svd.S1 - s.GetProperty("s")[0].GetDouble()) <= 4e-15 * Math.Max(1, svd.S1));
            Assert.True(Math.Abs(svd.S2 - s.GetProperty("s")[1].GetDouble()) <= 4e-15 * Math.Max(1, svd.S1));
            Assert.True(Math.Abs(svd.U1.X - s.GetProperty("u")[0][0].GetDouble()) <= 1e-14, $"u1.x {svd.U1.X:R} vs {s.GetProperty("u")[0][0].GetDouble():R} for [{string.Join(", ", m)}]");
            Assert.True(Math.Abs(svd.V2.Y - s.GetProperty("v")[1][1].GetDouble()) <= 1e-14);
        }
    }
}
