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

    private IPage? _page;
    private readonly List<string> _pageErrors = [];

    /// <summary>
    /// The page loaded afresh at <paramref name="pathAndHash"/> (via about:blank, so even a same-URL visit reloads and
    /// starts a new calculator session), after the page's start-up finished, with no script errors. One tab is reused:
    /// starting a renderer per test costs about a second on this machine; tests of a collection run one at a time.
    /// </summary>
    public async Task<IPage> OpenAsync(string pathAndHash = "/")
    {
        if (_page is null)
        {
            var context = await Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            _page = await context.NewPageAsync();
            _page.PageError += (_, e) => { lock (_pageErrors) _pageErrors.Add(e); };
        }
        lock (_pageErrors) _pageErrors.Clear();
        await _page.GotoAsync("about:blank");
        await _page.GotoAsync(new Uri(Server!.Address, pathAndHash).ToString());
        await _page.WaitForSelectorAsync("body[data-ready='true']", new PageWaitForSelectorOptions { Timeout = 15000 });
        lock (_pageErrors) Assert.Empty(_pageErrors);
        return _page;
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
