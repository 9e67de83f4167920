using Linea.Web.Tests.Support;
using Microsoft.Playwright;

namespace Linea.Web.Tests.Browser;

/// <summary>
/// Where Debian's Chromium is (<c>apt-get install -y chromium</c>); LINEA_CHROMIUM overrides the path. Browser tests
/// skip with this reason only when it is absent; Playwright's own browser download is never used.
/// </summary>
public static class Chromium
{
    public static string Path => Environment.GetEnvironmentVariable("LINEA_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public static string? SkipReason => File.Exists(Path)
        ? null
        : $"Chromium not found at {Path}: install it with `apt-get install -y chromium` (or set LINEA_CHROMIUM)";
}

/// <summary>A [Fact] that skips, naming the missing package, when Chromium is not installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = Chromium.SkipReason;
}

/// <summary>A [Theory] that skips, naming the missing package, when Chromium is not installed.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute() => Skip = Chromium.SkipReason;
}

/// <summary>One server (the real calculator) and one headless Chromium shared by the browser tests; each test opens its own page.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public TestServer? Server { get; private set; }

    public async Task InitializeAsync()
    {
        if (Chromium.SkipReason is not null) return;
        Server = await TestServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    /// <summary>A fresh page (own cookies and storage) at <paramref name="pathAndHash"/>, after the page's start-up finished.</summary>
    public async Task<IPage> OpenAsync(string pathAndHash = "/", int width = 1400, int height = 1000)
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(Server!.Address, pathAndHash).ToString());
        await page.WaitForSelectorAsync("body[data-ready='true']", new PageWaitForSelectorOptions { Timeout = 15000 });
        Assert.Empty(errors);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
