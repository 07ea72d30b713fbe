using System.Buffers.Binary;
using Winnow.Core.Recipes;
using Winnow.Core.Running;
using Winnow.Core.Steps;
using Winnow.Curation.Tests.Quality;

namespace Winnow.Curation.Tests.Reporting;

/// <summary>
/// The report's curation sections on real data (sms_spam: 5,574 messages, 403 exact duplicate rows, 13% spam):
/// duplicate clusters, balance before/after, tokens, derived records per class, split sizes.
/// </summary>
public sealed class CurationReportTests : IClassFixture<CurationReportTests.SmsRun>
{
    public sealed class SmsRun : IDisposable
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("winnow-report-").FullName;
        public RunResult Result { get; }
        public string Html { get; }

        public SmsRun()
        {
            var yaml = $"""
                name: sms
                inputs:
                  - path: {BundledData.Path("tests/Winnow.Core.Tests/TestData/sms_spam/SMSSpamCollection")}
                    format: tsv
                    header: false
                    fields: {"{"}label: "0", text: "1"{"}"}
                steps:
                  - dedup.exact: {"{}"}
                  - dedup.minhash: {"{"}threshold: 0.7{"}"}
                  - enrich: {"{}"}
                  - balance: {"{"}strategy: oversample, min_per_class: 1000{"}"}
                  - split: {"{"}train: 0.8, validation: 0.1, test: 0.1{"}"}
                outputs:
                  - path: data.jsonl
                """;
            var path = Path.Combine(Root, "recipe.yaml");
            File.WriteAllText(path, yaml);
            var recipe = RecipeLoader.Parse(yaml, path, new StepRegistry().AddCore().AddCuration());
            Result = new Runner(recipe, new RunOptions { OutputDirectory = Path.Combine(Root, "out") }).Run();
            Html = File.ReadAllText(Path.Combine(Root, "out", "report.html"));
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    private readonly SmsRun _run;

    public CurationReportTests(SmsRun run) => _run = run;

    [Fact]
    public void Report_DuplicateClusters_CountsPerStepAndTheLargestWithTexts()
    {
        var exact = _run.Result.Manifest.Steps.Single(s => s.Name == "dedup.exact").Dropped["exact_duplicate"];
        Assert.Contains("<h2 id=\"duplicates\">", _run.Html);
        Assert.Contains($"<tr><td><code>dedup.exact</code></td><td class=n>", _run.Html);
        Assert.Contains($"</td><td class=n>{exact:N0}</td></tr>", _run.Html);
        // sms_spam's most repeated message (30 copies of "Sorry, I'll call later") heads the largest clusters.
        var largest = _run.Html[_run.Html.IndexOf("The 10 largest", StringComparison.Ordinal)..];
        Assert.Contains("<td class=n>30</td><td class=ex>Sorry, I&#39;ll call later</td><td class=ex><span class=muted>29 identical</span>", largest[..600]);
        // The largest near-duplicate cluster names its kept record's text and distinct dropped texts.
        Assert.Matches("<code>dedup.minhash</code></td><td class=n>\\d+</td><td class=ex>[^(<][^<]+</td><td class=ex>[^<]+<br>", largest);
    }

    [Fact]
    public void Report_Balance_CountsPerClassBeforeAndAfter_AndTheRatio()
    {
        var step = _run.Result.Manifest.Steps.Single(s => s.Name == "balance");
        var (before, after) = (step.Details!["classes_before"], step.Details["classes_after"]);
        Assert.Equal(1000, after["spam"]);
        Assert.Equal(before["ham"], after["ham"]);
        var ratio = (before["ham"] / (double)before["spam"]).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"Largest ÷ smallest class: before {ratio}, after {(after["ham"] / 1000.0).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}.", _run.Html);
    }

    [Fact]
    public void Report_Tokens_AndDerivedSharePerClass()
    {
        Assert.Contains("<h2 id=\"tokens\">", _run.Html);
        var derivedSpam = 1000 - _run.Result.Manifest.Steps.Single(s => s.Name == "balance").Details!["classes_before"]["spam"];
        var share = (derivedSpam / 1000.0).ToString("0.0%", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"<td class=n>{derivedSpam:N0}</td><td class=n>{share}</td></tr>", _run.Html);
    }

    [Fact]
    public void Report_NewSectionsRenderInHeadlessChromium()
    {
        Assert.True(HeadlessChromium.Executable is not null, "chromium is needed for this test; scripts/setup.sh installs it");
        var sections = HeadlessChromium.Sections(_run.Html, _run.Root);
        // Rendered, not just present: each new section has a real height, and its chart or table rows.
        Assert.True(sections["balance"] is { Height: > 80, Charts: 1 }, $"balance: {sections["balance"]}");
        Assert.True(sections["tokens"] is { Height: > 150, Charts: 1 }, $"tokens: {sections["tokens"]}");
        Assert.True(sections["duplicates"] is { Height: > 150, Rows: >= 2 + 1 + 10 }, $"duplicates: {sections["duplicates"]}");
        Assert.True(sections["splits"].Rows >= 4, $"splits: {sections["splits"]}");
        var height = sections.Values.Sum(s => s.Height) + 200;
        var png = HeadlessChromium.Screenshot(Path.Combine(_run.Root, "out", "report.html"), _run.Root, height);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.True(png.Length > 100_000, $"the full-page screenshot is {png.Length} bytes: the page looks empty");
    }
}
