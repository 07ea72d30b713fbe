using System.Text.Json;
using System.Text.RegularExpressions;
using Winnow.Core.Recipes;
using Winnow.Core.Running;
using Winnow.Core.Steps;
using Winnow.Curation.Pii;
using Winnow.Curation.Tests.Quality;

namespace Winnow.Curation.Tests.Traps;

/// <summary>
/// Issue #15, traps 2 and 3, on real data (sms_spam): with dedup before <c>pii.redact</c>, no phone number the recipe
/// removes appears in rejects, the report or the card; the report's PII counts, sample rows and the card's class
/// ratios do not count oversampled copies.
/// </summary>
public sealed class LeaksAndCountsTests : IClassFixture<LeaksAndCountsTests.SmsRun>
{
    public sealed class SmsRun : IDisposable
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("winnow-traps-").FullName;
        public string Out => Path.Combine(Root, "out");
        public RunResult Result { get; }
        public List<string> Phones { get; }

        public SmsRun()
        {
            var data = BundledData.Path("tests/Winnow.Core.Tests/TestData/sms_spam/SMSSpamCollection");
            var yaml = $"""
                name: sms
                inputs:
                  - path: {data}
                    format: tsv
                    header: false
                    fields: {"{"}label: "0", text: "1"{"}"}
                steps:
                  - dedup.exact: {"{}"}
                  - filter.length: {"{"}max_chars: 60{"}"}
                  - pii.redact: {"{}"}
                  - split: {"{"}train: 0.8, validation: 0.1, test: 0.1{"}"}
                  - balance: {"{"}strategy: oversample, where: {"{"}split: [train]{"}"}{"}"}
                outputs:
                  - path: "{"{"}split{"}"}/data.jsonl"
                """;
            var path = Path.Combine(Root, "recipe.yaml");
            File.WriteAllText(path, yaml);
            var recipe = RecipeLoader.Parse(yaml, path, new StepRegistry().AddCore().AddCuration());
            Result = new Runner(recipe, new RunOptions { OutputDirectory = Out }).Run();
            // The phone numbers the scanner finds in the raw messages: what the recipe removes.
            Phones = File.ReadLines(data).SelectMany(l => Scanner.Scan(l).Where(m => m.Type == "phone").Select(m => l.Substring(m.Start, m.Length))).Distinct().ToList();
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    private static readonly PiiScanner Scanner = new(new PiiRedactOptions());

    private readonly SmsRun _run;

    public LeaksAndCountsTests(SmsRun run) => _run = run;

    [Fact]
    public void Rejects_OfStepsBeforePiiRedact_AreRedacted()
    {
        Assert.True(_run.Phones.Count > 100);
        var rejects = Directory.GetFiles(Path.Combine(_run.Out, "rejects"));
        Assert.Contains(rejects, f => f.EndsWith("dedup.exact.jsonl", StringComparison.Ordinal));
        var text = string.Concat(rejects.Select(File.ReadAllText));
        Assert.Contains("<PHONE>", text);
        Assert.Empty(Scanner.Scan(text));
    }

    [Fact]
    public void ReportAndCard_ShowNoRawPhoneNumber()
    {
        var shown = File.ReadAllText(Path.Combine(_run.Out, "report.html")) + File.ReadAllText(Path.Combine(_run.Out, "README.md"));
        Assert.DoesNotContain(Scanner.Scan(shown), m => m.Type == "phone");
    }

    [Fact]
    public void Report_PiiCounts_CountOriginalRecordsOnly()
    {
        long finds = 0, records = 0, withCopies = 0;
        foreach (var file in Directory.GetFiles(_run.Out, "data.jsonl", SearchOption.AllDirectories))
            foreach (var line in File.ReadLines(file))
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (!root.TryGetProperty("meta", out var meta) || !meta.TryGetProperty("pii", out var pii) || !pii.TryGetProperty("phone", out var phone)) continue;
                var copy = root.GetProperty("provenance").GetProperty("steps").EnumerateArray().Any(s => s.GetString()!.Contains(" from ", StringComparison.Ordinal));
                withCopies += phone.GetInt64();
                if (copy) continue;
                finds += phone.GetInt64();
                records++;
            }
        Assert.True(withCopies > finds, "the oversampled copies carry phones too");
        var html = File.ReadAllText(Path.Combine(_run.Out, "report.html"));
        Assert.Matches($"<tr><td>phone</td><td class=n>{finds:N0}</td><td class=n>{records:N0}</td>", html);
    }

    [Fact]
    public void Report_SampleRows_AreDistinctOriginals()
    {
        var html = File.ReadAllText(Path.Combine(_run.Out, "report.html"));
        var samples = html[html.IndexOf("id=\"samples\"", StringComparison.Ordinal)..];
        var rows = Regex.Matches(samples, "<tr><td>([^<]*)</td><td class=ex>([^<]*)</td></tr>").Select(m => m.Groups[1].Value + "\t" + m.Groups[2].Value).ToList();
        Assert.NotEmpty(rows);
        Assert.Equal(rows.Count, rows.Distinct().Count());
    }

    [Fact]
    public void Card_GivesRatiosPerSplitAndCopiesAdded()
    {
        var card = File.ReadAllText(Path.Combine(_run.Out, "README.md"));
        Assert.Matches(@"Per split: test \d+(\.\d+)?, train 1 \(with [\d,]+ copies added\), validation \d+(\.\d+)?\.", card);
        Assert.Matches(@"\| train \| [\d,]+ \| [1-9][\d,]* \| 1 \|", card);
    }
}
