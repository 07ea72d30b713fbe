namespace Winnow.Cli.Tests.Traps;

/// <summary>
/// Issue #15, trap 1: after <c>split</c> the run prints the size of each split, and texts that a step after dedup made
/// identical (here <c>pii.redact</c>) and that sit in two splits are reported in the run summary and the report.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class SplitTrapsTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Run_RedactionAfterDedupMakesTextsIdenticalAcrossSplits_SummaryAndReportSaySo()
    {
        // 100 distinct messages that differ only in a phone number: one text once redacted.
        _dir.WriteLines("d.jsonl", [.. Enumerable.Range(0, 100).Select(i => $$"""{"text": "call me back at +44 20 7946 {{1000 + i}}", "label": "{{(i % 2 == 0 ? "a" : "b")}}"}""")]);
        var recipe = _dir.WriteLines("r.yaml", "inputs:", "  - path: d.jsonl", "steps:", "  - dedup.exact: {}", "  - pii.redact: {}",
            "  - split: {train: 0.8, validation: 0.1, test: 0.1}", "outputs:", "  - path: \"{split}/data.jsonl\"");
        var output = Path.Combine(_dir.Path, "o");
        var r = CliRunner.Run("run", recipe, "--output", output);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(r.Out.Contains("split: test 10 · train 80 · validation 10", StringComparison.Ordinal), r.Out);
        Assert.True(r.Out.Contains("warning: split: identical texts in two splits: 1 in both train and test", StringComparison.Ordinal), r.Out);
        Assert.Contains("id=\"identical-across-splits\"", File.ReadAllText(Path.Combine(output, "report.html")));
    }
}
