using Linea.Web;
using Microsoft.Playwright;

namespace Linea.WebLoad;

/// <summary>
/// Takes the README's screenshots (docs/images/web-*.png) of the page in headless Debian Chromium
/// (/usr/bin/chromium, or LINEA_CHROMIUM) against an in-process server.
/// </summary>
internal static class Screenshots
{
    public static async Task<int> RunAsync(string directory)
    {
        string chromium = Environment.GetEnvironmentVariable("LINEA_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Console.Error.WriteLine($"Chromium not found at {chromium}: apt-get install -y chromium");
            return 2;
        }
        Directory.CreateDirectory(directory);
        await using var app = LineaWebServer.Build(new WebServerOptions { Port = 0 });
        await app.StartAsync();
        var address = LineaWebServer.BoundAddress(app);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1050 }, DeviceScaleFactor = 1 });

        // A shared link: a short session, the shear, and a broken layer stack.
        string program = "A = [1 2; 3 4]\ninv(A)\nA @ [1 2 3]\nexplain det(A)";
        string layers = "input(32, 28, 28)\ndense(784, 128)\nrelu\ndense(10)";
        string hash = "#p=" + Uri.EscapeDataString(program) + "&m=1%2C0.5%2C0%2C1&l=" + Uri.EscapeDataString(layers);
        await page.GotoAsync(new Uri(address, "/" + hash).ToString());
        await page.WaitForSelectorAsync("body[data-ready='true']");
        await Shot(page, directory, "web-page.png", null);
        await Shot(page, directory, "web-calculator.png", "#calc");
        await Shot(page, directory, "web-visual-shear.png", "#visual");
        await page.ClickAsync("[data-preset='rotate45']");
        await page.FillAsync("#m-a", "1.5");
        await Shot(page, directory, "web-visual-svd.png", "#visual");
        await Shot(page, directory, "web-layers.png", "#layers-panel");
        await app.StopAsync();
        return 0;
    }

    private static async Task Shot(IPage page, string directory, string name, string? selector)
    {
        string path = Path.Combine(directory, name);
        if (selector is null) await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        else await page.Locator(selector).ScreenshotAsync(new() { Path = path });
        Console.WriteLine($"wrote {path}");
    }
}
