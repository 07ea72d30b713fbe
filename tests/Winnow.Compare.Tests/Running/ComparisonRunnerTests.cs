using Winnow.Compare.Planning;
using Winnow.Compare.Running;

namespace Winnow.Compare.Tests.Running;

public sealed class ComparisonRunnerTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Output => Path.Combine(_files.Dir, "out");

    [Fact]
    public void Run_SweepsThenTrainsAtTheChosenRate_TestSetOnlyInMainRuns()
    {
        var trainer = new ScriptedTrainer();
        var recipe = _files.Recipe("seeds: [1, 2]\nsweep: {points: 3, factor: 2, steps: 7}\n");

        var result = new ComparisonRunner(recipe, Output, trainer, TextWriter.Null).Run();

        var sweeps = trainer.Calls.Where(c => c.Test is null).ToList();
        Assert.Equal(6, sweeps.Count);
        Assert.All(sweeps, s => { Assert.Equal(7, s.MaxSteps); Assert.False(s.KeepModel); });
        // The scripted score peaks at 2e-3: lora's sweep (5e-4, 1e-3, 2e-3) must pick 2e-3.
        var lora = result.Table.Single(g => g.Method == "lora");
        Assert.Equal(2e-3, lora.Lr);
        Assert.All(trainer.Calls.Where(c => c.Test is not null && c.Method == "lora"), c => Assert.Equal(2e-3, c.Lr));
        Assert.Equal(2, lora.Succeeded);
        Assert.Equal(4, trainer.Calls.Count(c => c.Test is not null));
    }

    [Fact]
    public void Run_MethodWithCheapSteps_SweepsOverTheWholeBudget_OthersOverTheSweepsSteps()
    {
        // As the CLI's trainer declares head-only (cached features). The scripted validation score of a cut run peaks at
        // 2e-3, of a whole one at 2e-2 (as head-only's 60-step sweep and its full epochs disagreed on banking77).
        var trainer = new ScriptedTrainer
        {
            Methods = new Dictionary<string, MethodInfo>
            {
                ["lora"] = new("lora", "low-rank updates", 1e-3),
                ["head"] = new("head", "only the head", 1e-2, CheapSteps: true),
            },
            Score = r => 0.9 - Math.Abs(Math.Log(r.Lr / (r.MaxSteps is null ? 2e-2 : 2e-3))) / 10,
        };
        var recipe = _files.Recipe("sweep: {points: 3, factor: 2, steps: 7}\n", methods: "[lora, head]");

        var result = new ComparisonRunner(recipe, Output, trainer, TextWriter.Null).Run();

        var sweeps = trainer.Calls.Where(c => c.Test is null).ToList();
        Assert.All(sweeps.Where(c => c.Method == "lora"), c => Assert.Equal(7, c.MaxSteps));
        Assert.All(sweeps.Where(c => c.Method == "head"), c => Assert.Null(c.MaxSteps));
        Assert.Equal(3, sweeps.Count(c => c.Method == "head"));
        Assert.Equal(2e-2, result.Table.Single(g => g.Method == "head").Lr);
        Assert.Equal(2e-3, result.Table.Single(g => g.Method == "lora").Lr);
    }

    [Fact]
    public void Run_SweepCheck_TrainsTheOtherRatesInFull_AndMeasuresTheChosenRatesGap()
    {
        // Validation prefers 2e-3 (the scripted peak); the test set prefers 1e-3 by 5 points.
        var trainer = new ScriptedTrainer { TestScore = r => r.Lr == 1e-3 ? 0.95 : 0.90 };
        var recipe = _files.Recipe("seeds: [1, 2]\nsweep: {points: 3, factor: 2, check: true}\n", methods: "[lora]");

        var result = new ComparisonRunner(recipe, Output, trainer, TextWriter.Null).Run();

        var checks = trainer.Calls.Where(c => c.Folder.Contains("/check/", StringComparison.Ordinal)).ToList();
        Assert.Equal([5e-4, 1e-3], checks.Select(c => c.Lr));
        Assert.All(checks, c => { Assert.NotNull(c.Test); Assert.Null(c.MaxSteps); Assert.Equal(1, c.Seed); Assert.False(c.KeepModel); });
        var sweep = result.Sweeps.Single();
        Assert.Equal(2e-3, sweep.Chosen);
        Assert.Equal(0.05, sweep.ChosenGap!.Value, 9);
        Assert.Equal([0.90, 0.95, 0.90], sweep.Points.Select(p => p.TestAccuracy));
        Assert.Contains("5.0 points below the best", string.Join("\n", Winnow.Compare.Writers.ReportTables.Sweeps(result).Rows.SelectMany(r => r)));
    }

    [Fact]
    public void Run_SecondTime_ReusesEveryFinishedRun()
    {
        var recipe = _files.Recipe("sweep: {points: 2}\n");
        var first = new ScriptedTrainer();
        var a = new ComparisonRunner(recipe, Output, first, TextWriter.Null).Run();
        var second = new ScriptedTrainer();

        var b = new ComparisonRunner(recipe, Output, second, TextWriter.Null).Run();

        Assert.Equal(6, first.Calls.Count);
        Assert.Empty(second.Calls);
        Assert.Equal(a.Table.Select(g => g.TestAccuracy), b.Table.Select(g => g.TestAccuracy));
    }

    [Fact]
    public void Run_CancelledInTheMiddle_ContinuesWithTheUnfinishedRunsOnly()
    {
        var recipe = _files.Recipe("seeds: [1, 2]\nsweep: {points: 2}\n");
        using var cts = new CancellationTokenSource();
        var first = new ScriptedTrainer();
        int finished = 0;
        var runner = new ComparisonRunner(recipe, Output, first, TextWriter.Null) { AfterRun = _ => { if (++finished == 5) cts.Cancel(); } };

        Assert.ThrowsAny<OperationCanceledException>(() => runner.Run(cts.Token));
        var second = new ScriptedTrainer();
        var result = new ComparisonRunner(recipe, Output, second, TextWriter.Null).Run();

        // 4 sweep runs + 4 main runs; the first pass stopped after 5.
        Assert.Equal(5, first.Calls.Count);
        Assert.Equal(3, second.Calls.Count);
        Assert.DoesNotContain(second.Calls, c => first.Calls.Any(f => f.Folder == c.Folder));
        Assert.All(result.Table, g => Assert.Equal(2, g.Succeeded));
    }

    [Fact]
    public void Run_Reuse_CopiesTheOtherComparisonsMatchingRuns_TrainsOnlyTheRest()
    {
        var other = Path.Combine(_files.Dir, "full");
        var first = new ScriptedTrainer();
        var a = new ComparisonRunner(_files.Recipe("sweep: {points: 2}\n"), other, first, TextWriter.Null).Run();
        var log = new StringWriter();
        var second = new ScriptedTrainer();
        // The low-data comparison: the same sweeps and full-data runs, plus half the data.
        var lowData = _files.Recipe("sweep: {points: 2}\nfractions: [0.5, 1.0]\nreuse: [full, missing]\n");

        var b = new ComparisonRunner(lowData, Output, second, log).Run();

        Assert.Equal(6, first.Calls.Count);
        Assert.Equal(2, second.Calls.Count);
        Assert.All(second.Calls, c => Assert.Contains("/f0.5/", c.Folder, StringComparison.Ordinal));
        Assert.Contains("missing does not exist", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(6, log.ToString().Split("copied from").Length - 1); // 4 sweep runs and 2 full-data runs
        Assert.Equal(a.Table.Select(g => g.TestAccuracy), b.Table.Where(g => g.Fraction == 1.0).Select(g => g.TestAccuracy));
        // The copy is this comparison's own: its recipe and model name this output folder, and it resumes here.
        var copied = Path.Combine(Output, "runs", "raw", "lora", "f1", "s42");
        var yaml = File.ReadAllText(Path.Combine(copied, "train.yaml"));
        Assert.DoesNotContain(other + "/", yaml, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(copied, "train"), yaml, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Output, "data"), yaml, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(copied, "train", "best"), b.Table.Single(g => g.Method == "lora" && g.Fraction == 1.0).Runs.Single().Outcome!.ModelFolder);
        var third = new ScriptedTrainer();
        new ComparisonRunner(lowData with { Reuse = [] }, Output, third, TextWriter.Null).Run();
        Assert.Empty(third.Calls);
    }

    [Fact]
    public void Run_Reuse_ADifferentRequest_IsTrainedNotCopied()
    {
        var other = Path.Combine(_files.Dir, "full");
        new ComparisonRunner(_files.Recipe("sweep: {points: 1}\n"), other, new ScriptedTrainer(), TextWriter.Null).Run();
        var again = new ScriptedTrainer();
        var changed = _files.Recipe("sweep: {points: 1}\nreuse: [full]\nhead_lr: 0.02\n");

        new ComparisonRunner(changed, Output, again, TextWriter.Null).Run();

        Assert.Equal(2, again.Calls.Count);
    }

    [Fact]
    public void Run_ChangedBudget_RetrainsTheStaleRuns()
    {
        new ComparisonRunner(_files.Recipe("sweep: {points: 1}\n"), Output, new ScriptedTrainer(), TextWriter.Null).Run();
        var again = new ScriptedTrainer();
        var changed = _files.Recipe("sweep: {points: 1}\n") with { Budget = new() { Epochs = 2 } };

        new ComparisonRunner(changed, Output, again, TextWriter.Null).Run();

        Assert.Equal(2, again.Calls.Count);
        Assert.All(again.Calls, c => Assert.Equal(2, c.Epochs));
    }

    [Fact]
    public void Run_FailingAndUnavailableMethods_AreRowsWithTheirErrors_OthersStillRun()
    {
        var trainer = new ScriptedTrainer { Failing = { ["full"] = "out of memory" } };
        var recipe = _files.Recipe("sweep: {points: 1}\n", methods: "[full, lora, prefix, head]");

        var result = new ComparisonRunner(recipe, Output, trainer, TextWriter.Null).Run();

        var full = result.Table.Single(g => g.Method == "full");
        Assert.True(full.Failed);
        Assert.Contains("out of memory", full.Errors.Single());
        Assert.Contains("not available", result.Table.Single(g => g.Method == "prefix").Errors.Single());
        Assert.False(result.Table.Single(g => g.Method == "lora").Failed);
        Assert.False(result.Table.Single(g => g.Method == "head").Failed);
        Assert.DoesNotContain(trainer.Calls, c => c.Method == "prefix");
    }

    [Fact]
    public void Run_MissingDatasetVariant_FailsItsRowsOnly()
    {
        var recipe = _files.Recipe("sweep: {points: 1}\n");
        recipe = recipe with { Datasets = [recipe.Main, new() { Name = "gone", Path = Path.Combine(_files.Dir, "gone.jsonl") }] };

        var result = new ComparisonRunner(recipe, Output, new ScriptedTrainer(), TextWriter.Null).Run();

        var gone = result.Ablation.Single(g => g.Variant == "gone");
        Assert.True(gone.Failed);
        Assert.Contains("gone.jsonl", gone.Errors.Single());
        Assert.Contains("gone.jsonl", result.Datasets.Single(d => d.Name == "gone").Error);
        Assert.All(result.Table, g => Assert.False(g.Failed));
    }

    [Fact]
    public void Run_EverySweepRateFails_TheMainRunsSayWhy()
    {
        var trainer = new ScriptedTrainer { Failing = { ["lora"] = "bad shapes" } };

        var result = new ComparisonRunner(_files.Recipe("sweep: {points: 2}\n"), Output, trainer, TextWriter.Null).Run();

        var lora = result.Table.Single(g => g.Method == "lora");
        Assert.Contains("bad shapes", lora.Errors.Single());
        Assert.Null(result.Sweeps.Single(s => s.Method == "lora").Chosen);
        Assert.DoesNotContain(trainer.Calls, c => c.Method == "lora" && c.Test is not null);
    }

    [Fact]
    public void Run_ResultFiles_AreWholeJsonPerRun()
    {
        new ComparisonRunner(_files.Recipe("sweep: {points: 1}\n"), Output, new ScriptedTrainer(), TextWriter.Null).Run();

        var files = Directory.GetFiles(Output, RunStore.FileName, SearchOption.AllDirectories);
        Assert.Equal(2, files.Length);
        Assert.Empty(Directory.GetFiles(Output, "*.tmp", SearchOption.AllDirectories));
        Assert.All(files, f => Assert.NotNull(RunStore.ReadFinished(Path.GetDirectoryName(f)!, System.Text.Json.JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("fingerprint").GetString()!)));
        Assert.Equal(RunKind.Main, RunStore.ReadFinished(Path.GetDirectoryName(files[0])!, System.Text.Json.JsonDocument.Parse(File.ReadAllText(files[0])).RootElement.GetProperty("fingerprint").GetString()!)!.Kind);
    }
}
