using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Winnow.Curation.Tests.Reporting;

/// <summary>
/// Renders a page in headless Chromium (Debian's package; nothing downloaded) and measures it. The report itself has
/// no script, so a copy gets one appended that writes each section's rendered box into the DOM, which
/// <c>--dump-dom</c> prints after layout.
/// </summary>
internal static partial class HeadlessChromium
{
    private const string Probe = """
        <script>
        const out = [];
        for (const h of document.querySelectorAll('h2[id]')) {
          let bottom = h.getBoundingClientRect().bottom, svgs = 0, rows = 0, el = h.nextElementSibling;
          for (; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
            const r = el.getBoundingClientRect();
            if (r.height > 0) bottom = Math.max(bottom, r.bottom);
            svgs += el.tagName.toLowerCase() === 'svg' && r.width > 0 && r.height > 0 ? 1 : 0;
            rows += el.tagName === 'TABLE' ? el.rows.length : 0;
          }
          out.push(h.id + ' ' + Math.round(bottom - h.getBoundingClientRect().top) + ' ' + svgs + ' ' + rows);
        }
        const pre = document.createElement('pre'); pre.id = 'boxes'; pre.textContent = out.join('\n'); document.body.append(pre);
        </script>
        """;

    public static string? Executable => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    /// <summary>Each <c>h2[id]</c> section as rendered: its height in CSS pixels, its visible SVG charts and its table rows.</summary>
    public static Dictionary<string, (int Height, int Charts, int Rows)> Sections(string html, string workFolder)
    {
        var page = Path.Combine(workFolder, "probe.html");
        File.WriteAllText(page, html.Replace("</body>", Probe + "</body>", StringComparison.Ordinal));
        var dom = Run(workFolder, "--dump-dom", new Uri(page).AbsoluteUri);
        var boxes = BoxesBlock().Match(dom);
        if (!boxes.Success) throw new InvalidOperationException("chromium printed no boxes: " + dom[..Math.Min(dom.Length, 300)]);
        return boxes.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[0], p => (int.Parse(p[1], CultureInfo.InvariantCulture), int.Parse(p[2], CultureInfo.InvariantCulture), int.Parse(p[3], CultureInfo.InvariantCulture)));
    }

    /// <summary>A PNG of the page at 1000 × <paramref name="height"/> pixels.</summary>
    public static byte[] Screenshot(string htmlFile, string workFolder, int height)
    {
        var png = Path.Combine(workFolder, "shot.png");
        Run(workFolder, $"--window-size=1000,{height}", $"--screenshot={png}", new Uri(htmlFile).AbsoluteUri);
        return File.ReadAllBytes(png);
    }

    private static string Run(string workFolder, params string[] args)
    {
        var psi = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("chromium is needed; scripts/setup.sh installs it"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--no-first-run", "--disable-sync", $"--user-data-dir={Path.Combine(workFolder, "chromium")}" }.Concat(args))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) { p.Kill(entireProcessTree: true); throw new TimeoutException("chromium did not finish in 60 s"); }
        return stdout.Result;
    }

    [GeneratedRegex("<pre id=\"boxes\">([^<]*)</pre>")]
    private static partial Regex BoxesBlock();
}
