using Winnow.Core.Recipes;
using Winnow.Core.Running;
using Winnow.Core.Steps;
using Winnow.Curation.Tests.Quality;

namespace Winnow.Curation.Tests.Reporting;

/// <summary>
/// A run through balance and split with an existing test set, killed in its last phase and resumed: the outputs
/// (one per split), the manifest (balance's details come from the checkpoint, not a new plan) and the report are
/// the same bytes as an unbroken run's.
/// </summary>
public sealed class CurationResumeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("winnow-resume-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private RunResult Run(string output, bool resume = false, int? stopAfter = null)
    {
        var sms = BundledData.Path("tests/Winnow.Core.Tests/TestData/sms_spam/SMSSpamCollection");
        // The first 300 messages are also the test set: they (and their copies) must leave train.
        File.WriteAllLines(Path.Combine(_root, "test.tsv"), File.ReadLines(sms).Take(300));
        var yaml = $$"""
            name: sms
            chunk_size: 500
            inputs:
              - path: {{sms}}
                format: tsv
                header: false
                fields: {label: "0", text: "1"}
            steps:
              - dedup.exact: {}
              - balance: {strategy: oversample, min_per_class: 1000}
              - split: {test_file: test.tsv, test_format: tsv, test_header: false, test_fields: {label: "0", text: "1"}, validation: 0.1}
            outputs:
              - path: "{split}.jsonl"
            """;
        var path = Path.Combine(_root, "recipe.yaml");
        File.WriteAllText(path, yaml);
        var recipe = RecipeLoader.Parse(yaml, path, new StepRegistry().AddCore().AddCuration());
        return new Runner(recipe, new RunOptions { OutputDirectory = Path.Combine(_root, output), Resume = resume, StopAfterChunks = stopAfter }).Run();
    }

    [Fact]
    public void Run_KilledAfterBalanceAndResumed_SameOutputsManifestAndReport()
    {
        var whole = Run("whole");
        // ≈12 chunks per phase, 3 phases: 30 stops in the last one, after balance planned in the run that was killed.
        Assert.Throws<RunStoppedException>(() => Run("broken", stopAfter: 30));
        Run("broken", resume: true);

        foreach (var file in new[] { "train.jsonl", "validation.jsonl", "test.jsonl", "manifest.json", "report.html" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "whole", file)), File.ReadAllBytes(Path.Combine(_root, "broken", file)));

        var split = whole.Manifest.Steps.Single(s => s.Name == "split");
        Assert.Equal(300, split.Created);                                   // the test set, written once
        Assert.True(split.Dropped["contaminated_by_test"] >= 300);          // its copies in the pipeline, and their oversampled copies
        Assert.Equal(300, File.ReadLines(Path.Combine(_root, "whole", "test.jsonl")).Count());
        Assert.NotNull(whole.Manifest.Steps.Single(s => s.Name == "balance").Details);
        var report = File.ReadAllText(Path.Combine(_root, "whole", "report.html"));
        Assert.Contains("contaminated_by_test", report);
        Assert.Contains("<h2 id=\"balance\">", report);
    }
}
