using Microsoft.Playwright;

namespace Linea.Web.Tests.Browser;

/// <summary>The calculator panel and the shareable URL in real Chromium, against the real calculator.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CalculatorPageTests(BrowserFixture fixture)
{
    private static async Task<ILocator> Enter(IPage page, string text)
    {
        int before = await page.Locator("#log .entry").CountAsync();
        await page.FillAsync("#expr", text);
        await page.PressAsync("#expr", "Enter");
        var entry = page.Locator($"#log .entry[data-index='{before}']");
        await entry.Locator(".output").WaitForAsync();
        await page.WaitForSelectorAsync($"#log .entry[data-index='{before}']:not(.pending)");
        return entry;
    }

    [BrowserFact]
    public async Task Typing_an_expression_shows_the_exact_result_as_fractions()
    {
        var page = await fixture.OpenAsync();
        await Enter(page, "A = [1 2; 3 4]");
        var entry = await Enter(page, "inv(A)");
        // inv([[1, 2], [3, 4]]) = [[-2, 1], [3/2, -1/2]]
        var cells = await entry.Locator("table.matrix td").EvaluateAllAsync<string[]>("tds => tds.map(td => td.firstElementChild.dataset.value)");
        Assert.Equal(["-2", "1", "3/2", "-1/2"], cells);
        Assert.Equal("3", await entry.Locator("td[data-row='1'][data-col='0'] .frac .num").TextContentAsync());
        Assert.Equal("2", await entry.Locator("td[data-row='1'][data-col='0'] .frac .den").TextContentAsync());
        Assert.Equal("rational", await entry.Locator(".result").GetAttributeAsync("data-dtype"));
        Assert.Equal("A", await page.GetAttributeAsync("#vars .chip", "data-name"));

        // History: up arrow brings back the previous inputs.
        await page.FocusAsync("#expr");
        await page.PressAsync("#expr", "ArrowUp");
        Assert.Equal("inv(A)", await page.InputValueAsync("#expr"));
        await page.PressAsync("#expr", "ArrowUp");
        Assert.Equal("A = [1 2; 3 4]", await page.InputValueAsync("#expr"));
        await page.PressAsync("#expr", "ArrowDown");
        await page.PressAsync("#expr", "ArrowDown");
        Assert.Equal("", await page.InputValueAsync("#expr"));
    }

    [BrowserFact]
    public async Task A_plot_shows_as_an_image()
    {
        var page = await fixture.OpenAsync();
        var entry = await Enter(page, "plot(arange(1, 11))");
        var img = entry.Locator("figure.plot img.plot-image");
        Assert.Equal(1, await img.CountAsync());
        Assert.StartsWith("data:image/png;base64,", await img.GetAttributeAsync("src"));
        Assert.Equal("a line plot of 10 points", await img.GetAttributeAsync("alt"));
        // the browser decoded it: the natural size is the server's PNG size
        await page.WaitForFunctionAsync("() => document.querySelector('figure.plot img').complete");
        Assert.Equal(640, await img.EvaluateAsync<int>("i => i.naturalWidth"));
        Assert.Equal("plot", await entry.Locator(".result").GetAttributeAsync("data-dtype"));
    }

    [BrowserFact]
    public async Task Complex_eigenvalues_are_written_a_plus_bi()
    {
        var page = await fixture.OpenAsync();
        // [[1, -2], [2, 1]]: t^2 - 2t + 5 = 0, so t = 1 ± 2i
        var entry = await Enter(page, "eigvals([1 -2; 2 1])");
        var cells = await entry.Locator("table.matrix td").AllTextContentsAsync();
        Assert.Equal(["1 + 2i", "1 \u2212 2i"], cells);
        Assert.Equal("complex128", await entry.Locator(".result").GetAttributeAsync("data-dtype"));
        var scalar = await Enter(page, "(1 + 2j) * (3 - 1j)");
        Assert.Equal("5 + 5i", await scalar.Locator(".scalar").TextContentAsync());
    }

    [BrowserFact]
    public async Task Sparse_matrices_show_a_summary_and_their_stored_entries()
    {
        var page = await fixture.OpenAsync();
        var entry = await Enter(page, "sparse([1 0 0; 0 0 -2.5])");
        Assert.Equal("sparse (2, 3), nnz=2, density 0.3333", await entry.Locator(".sparse-summary").TextContentAsync());
        var cells = await entry.Locator("table.matrix td").AllTextContentsAsync();
        Assert.Equal(["(0, 0)", "1", "(1, 2)", "-2.5"], cells.Select(c => c.Replace('\u2212', '-')).ToArray());
        Assert.Equal("sparse float64", await entry.Locator(".result").GetAttributeAsync("data-dtype"));
        var big = await Enter(page, "speye(12)");
        Assert.Equal("... 2 more stored entries", await big.Locator(".sparse .muted").TextContentAsync());
    }

    [BrowserFact]
    public async Task Errors_show_the_caret_under_the_column_and_the_hint()
    {
        var page = await fixture.OpenAsync();
        var entry = await Enter(page, "[1 2; 3 4] @ [1 2 3]");
        Assert.Contains("failed", await entry.GetAttributeAsync("class") ?? "");
        Assert.Equal("[1 2; 3 4] @ [1 2 3]", await entry.Locator(".error-source .source-line").TextContentAsync());
        Assert.Equal("           ^", await entry.Locator(".caret").TextContentAsync());
        Assert.Contains("inner dimensions", await entry.Locator(".error-message").TextContentAsync());

        var named = await Enter(page, "inverse([1 2; 3 4])");
        Assert.StartsWith("hint: ", await named.Locator(".hint").TextContentAsync());
    }

    [BrowserFact]
    public async Task Explain_is_rendered_step_by_step()
    {
        var page = await fixture.OpenAsync();
        var entry = await Enter(page, "explain det([1 2; 3 4])");
        Assert.True(await entry.Locator("ol.explain li.step").CountAsync() >= 2);
        Assert.True(await entry.Locator("ol.explain li.step table.matrix").CountAsync() >= 1); // the matrix the rule is applied to
        Assert.Contains("-2", await entry.Locator(".explain-result").TextContentAsync());
    }

    [BrowserFact]
    public async Task The_url_hash_reproduces_program_matrix_and_layers()
    {
        var page = await fixture.OpenAsync();
        await Enter(page, "C = [2 1; 1 2]");
        await Enter(page, "C @ C");
        await page.ClickAsync("[data-preset='reflect']");
        await page.FillAsync("#layers", "input(4, 10)\ndense(3)");
        // The hash is rewritten 150 ms after the last change.
        await page.WaitForFunctionAsync("() => location.hash.includes('dense%283%29') && location.hash.includes('m=1%2C0%2C0%2C-1')");
        string url = page.Url;
        Assert.Contains("p=C+%3D+%5B2+1%3B+1+2%5D%0AC+%40+C", url);

        var copy = await fixture.OpenAsync(new Uri(url).PathAndQuery + new Uri(url).Fragment);
        Assert.Equal("-1", await copy.InputValueAsync("#m-d"));
        Assert.Equal("true", await copy.GetAttributeAsync("#fact-orientation", "data-flipped"));
        Assert.Equal("input(4, 10)\ndense(3)", await copy.InputValueAsync("#layers"));
        Assert.Equal(["(4, 10)", "(4, 3)"], await copy.Locator("#layer-table td.shape").AllTextContentsAsync());
        // The program ran again in a new session: C @ C = [[5, 4], [4, 5]].
        Assert.Equal(2, await copy.Locator("#log .entry").CountAsync());
        var cells = await copy.Locator("#log .entry[data-index='1'] table.matrix td").EvaluateAllAsync<string[]>("tds => tds.map(td => td.textContent)");
        Assert.Equal(["5", "4", "4", "5"], cells);
    }
}
