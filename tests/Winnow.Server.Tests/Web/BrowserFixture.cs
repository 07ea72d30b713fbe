using Microsoft.Playwright;

namespace Winnow.Server.Tests.Web;

/// <summary>
/// One headless Chromium for a test class: Debian's /usr/bin/chromium, driven by Playwright for .NET; no
/// browser is ever downloaded. A test takes a fresh context (its own cookies).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists("/usr/bin/chromium")) throw new InvalidOperationException("chromium is needed at /usr/bin/chromium; scripts/setup.sh installs it");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>Where screenshots go: artifacts/screenshots at the repository's root.</summary>
    public static string ScreenshotFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Winnow.sln"))) dir = dir.Parent;
            var folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>
    /// Takes a screenshot, saves it, and checks in the browser itself (decoded onto a canvas) that it is not
    /// blank: many colours, and a fair share of pixels that are not background.
    /// </summary>
    public static async Task<byte[]> ScreenshotAsync(IPage page, string name)
    {
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name), FullPage = true });
        var probe = await page.Context.NewPageAsync();
        var stats = await probe.EvaluateAsync<double[]>("""
            async (b64) => {
              const img = new Image(); img.src = 'data:image/png;base64,' + b64; await img.decode();
              const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
              const g = c.getContext('2d'); g.drawImage(img, 0, 0);
              const d = g.getImageData(0, 0, c.width, c.height).data;
              const colours = new Set(); let ink = 0, n = 0;
              for (let i = 0; i < d.length; i += 4 * 5) { n++; colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]); if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) ink++; }
              return [colours.size, ink / n, img.width, img.height];
            }
            """, Convert.ToBase64String(png));
        await probe.CloseAsync();
        Assert.True(stats[0] > 20, $"{name}: only {stats[0]} colours");
        Assert.True(stats[1] > 0.02, $"{name}: {stats[1]:P1} of the pixels are not background");
        return png;
    }
}
