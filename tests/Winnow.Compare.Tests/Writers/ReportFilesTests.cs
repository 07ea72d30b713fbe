using System.Text.Json;
using Winnow.Compare.Results;
using Winnow.Compare.Running;
using Winnow.Compare.Tests.Running;
using Winnow.Compare.Writers;

namespace Winnow.Compare.Tests.Writers;

public sealed class ReportFilesTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Output => Path.Combine(_files.Dir, "out");

    /// <summary>lora and head (and a failing full) on raw at 50% and 100%, two seeds; lora on a second variant.</summary>
    private ComparisonResult Result()
    {
        _files.Labelled("dedup.jsonl", 3, 15, "d");
        var recipe = _files.Recipe("seeds: [1, 2]\nfractions: [0.5, 1.0]\nsweep: {points: 2}\n", methods: "[full, lora, head]");
        recipe = recipe with { Datasets = [recipe.Main, new() { Name = "dedup", Path = Path.Combine(_files.Dir, "dedup.jsonl") }] };
        var trainer = new ScriptedTrainer { Failing = { ["full"] = "no | pipes in tables" } };
        return new ComparisonRunner(recipe, Output, trainer, TextWriter.Null).Run();
    }

    [Fact]
    public void Write_Markdown_HasTheBriefsColumns_EveryTable_AndTheFailure()
    {
        ReportFiles.Write(Result(), Output);
        var md = File.ReadAllText(Path.Combine(Output, "comparison.md"));

        Assert.Contains("| approach | description | lr | test accuracy | test macro-F1 | trainable | saved | peak memory | s/step | examples/s | time to best | pros (measured) | cons (measured) |", md);
        Assert.Contains("## Data ablation", md);
        Assert.Contains("## Low-data curves", md);
        Assert.Contains("## Learning-rate sweeps", md);
        Assert.Contains("| failed: every learning rate of the sweep failed: InvalidOperationException: no \\| pipes in tables |", md);
        Assert.Contains("budgets equal in epochs: 1 per run", md.ToLowerInvariant());
        Assert.Contains("![Validation accuracy against optimizer steps (raw)](plots/validation-steps.png)", md);
        // Two seeds: mean ± sd.
        Assert.Matches(@"\| lora \| low-rank updates \| 1.73E-3 \| \d+\.\d ± \d+\.\d%", md);
    }

    [Fact]
    public void Write_Json_HasOneEntryPerMethodVariantAndFraction_WithEverySeed()
    {
        ReportFiles.Write(Result(), Output);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "comparison.json")));
        var root = doc.RootElement;

        Assert.Equal("epochs", root.GetProperty("budget_kind").GetString());
        Assert.Equal(3, root.GetProperty("table").GetArrayLength());
        Assert.Equal(2, root.GetProperty("ablation").GetArrayLength());
        Assert.Equal(3, root.GetProperty("low_data").GetArrayLength());
        var lora = root.GetProperty("table").EnumerateArray().Single(g => g.GetProperty("method").GetString() == "lora");
        Assert.Equal(2, lora.GetProperty("runs").GetArrayLength());
        Assert.Equal(2, lora.GetProperty("test_accuracy").GetProperty("n").GetInt32());
        Assert.True(lora.GetProperty("test_accuracy").GetProperty("sd").GetDouble() > 0);
        Assert.Equal("no | pipes in tables", root.GetProperty("table")[0].GetProperty("errors")[0].GetString()!.Split(": ").Last());
    }

    [Fact]
    public void Write_Html_IsSelfContained_WithThePlotsInline()
    {
        var files = ReportFiles.Write(Result(), Output);
        var html = File.ReadAllText(Path.Combine(Output, "comparison.html"));

        var pngs = files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, pngs.Count); // steps, seconds, low-data, ablation
        Assert.All(pngs, p => Assert.Equal([0x89, 0x50, 0x4E, 0x47], File.ReadAllBytes(p)[..4]));
        Assert.Equal(pngs.Count, html.Split("src=\"data:image/png;base64,").Length - 1);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<td class=\"failed\">failed: every learning rate of the sweep failed: InvalidOperationException: no | pipes in tables</td>", html);
    }

    [Fact]
    public void Curve_SeedsAtTheSameSteps_AreAveraged()
    {
        RunRecord Seed(long s, double score) => new()
        {
            Id = "r", Kind = Winnow.Compare.Planning.RunKind.Main, Method = "lora", Variant = "raw", Fraction = 1, Seed = s, Fingerprint = "",
            Outcome = new RunOutcome
            {
                History = [new(5, s, score)], TrainableParams = 1, TotalParams = 1, SavedBytes = 1, PeakMemoryBytes = 1,
                SecondsPerStep = 1, ExamplesPerSecond = 1, Steps = 5, WallSeconds = 1,
            },
        };

        var curve = Plots.Curve([Seed(1, 0.6), Seed(3, 0.8)]);

        Assert.Equal([new EvalPoint(5, 2, 0.7)], curve.Select(p => p with { Score = Math.Round(p.Score, 9) }));
    }
}
