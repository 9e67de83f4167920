using Microsoft.Playwright;

namespace Linea.Web.Tests.Browser;

/// <summary>The layer shape checker in real Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LayerCheckerTests(BrowserFixture fixture)
{
    private static async Task<string[]> Shapes(IPage page) =>
        (await page.Locator("#layer-table tbody tr.ok td.shape").AllTextContentsAsync()).ToArray();

    [BrowserFact]
    public async Task Default_stack_shows_every_intermediate_shape()
    {
        var page = await fixture.OpenAsync();
        Assert.Equal(["(32, 28, 28)", "(32, 784)", "(32, 128)", "(32, 128)", "(32, 10)"], await Shapes(page));
        Assert.True(await page.Locator("#layer-error").IsHiddenAsync());
    }

    [BrowserFact]
    public async Task Removing_flatten_breaks_the_dense_layer_and_the_hint_says_flatten()
    {
        var page = await fixture.OpenAsync();
        await page.FillAsync("#layers", "input(32, 28, 28)\ndense(784, 128)\nrelu\ndense(10)");
        Assert.Equal(["(32, 28, 28)"], await Shapes(page));
        Assert.Equal("2", await page.GetAttributeAsync("#layer-table tr.mismatch", "data-line"));
        Assert.Contains("expects 784 input features but gets 28", await page.TextContentAsync("#layer-message"));
        Assert.Equal("hint: flatten first: (32, 28, 28) -> (32, 784)", await page.TextContentAsync("#layer-hint"));
        Assert.True(await page.Locator("#layer-error").IsVisibleAsync());
    }

    public static readonly (string Stack, string Message, string Hint)[] Mismatches =
    [
        ("input(b, 10, 96)\nattention(5)", "attention(5): d_model = 96 is not divisible by 5 heads", "hint: use a number of heads that divides 96: 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 96"),
        ("input(32, 784)\nreshape(27, 28)", "reshape(27, 28) holds 756 values per sample but (32, 784) has 784", "hint: did you mean reshape(28, 28)? (or use -1 for one size)"),
        ("input(32, 784)\ndens(10)", "unknown step 'dens'", "hint: did you mean dense?"),
        ("dense(10)", "the stack must start with input(...)", "hint: e.g. input(32, 784) for a batch of 32 vectors of 784 features"),
        ("input(32, 10)\nattention(2)", "attention needs (batch, sequence, d_model); the input is (32, 10)", "hint: reshape each sample to (sequence, d_model) first, e.g. reshape(-1, 10)"),
    ];

    [BrowserFact]
    public async Task First_mismatch_is_reported_with_its_hint()
    {
        var page = await fixture.OpenAsync(); // one page, refilled: the checker recomputes from the text alone
        foreach (var (stack, message, hint) in Mismatches)
        {
            await page.FillAsync("#layers", stack);
            Assert.Contains(message, await page.TextContentAsync("#layer-message"));
            Assert.Equal(hint, await page.TextContentAsync("#layer-hint"));
        }
    }

    [BrowserFact]
    public async Task Attention_and_reshape_with_minus_one_work_out_shapes()
    {
        var page = await fixture.OpenAsync();
        await page.FillAsync("#layers", "input(b, 512)\nreshape(16, -1)\nattention(8)\nflatten\ndense(512, 10)\nsoftmax");
        Assert.Equal(["(b, 512)", "(b, 16, 32)", "(b, 16, 32)", "(b, 512)", "(b, 10)", "(b, 10)"], await Shapes(page));
        Assert.Contains("8 heads of size 4", await page.TextContentAsync("#layer-table tbody tr[data-step='2']"));
    }
}
