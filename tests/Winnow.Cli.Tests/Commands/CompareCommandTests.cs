using System.Text.Json;
using Winnow.Cli.Compare;
using Winnow.Compare.Recipe;
using Winnow.Compare.Running;
using Winnow.Core.Formats;
using Winnow.Core.IO;

namespace Winnow.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public sealed class CompareCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Compare_MissingRecipe_ExitsTwo()
    {
        var r = CliRunner.Run("compare", Path.Combine(_dir.Path, "nope.yaml"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("nope.yaml", r.Err);
    }

    [Fact]
    public void Compare_MalformedRecipe_ExitsTwoNamingFileLineKey_WithoutAStackTrace()
    {
        var path = _dir.WriteLines("c.yaml", "datasets: [{name: raw, path: t.jsonl}]", "test: {path: t.jsonl}", "budget: {epochs: 1}", "methods: [lora, prefx]");

        var r = CliRunner.Run("compare", path);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{path}:4: 'methods[1]': unknown method 'prefx' (did you mean 'prefix'?)", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    /// <summary>
    /// The real trainer end to end on real banking77 texts (4 intents, 15 training and 5 test texts each): head and LoRA,
    /// a 2-rate sweep, 3 steps per run, plus a dataset variant that does not exist. The first pass is cancelled after the
    /// first main run (as Ctrl+C would); <c>winnow compare</c> then finishes only what is left and writes the report.
    /// </summary>
    [Fact]
    public void Compare_TinyBanking77_CancelledThenResumed_TrainsEachRunOnce_AndReports()
    {
        WriteBanking77();
        var yaml = _dir.WriteLines("compare.yaml",
            "name: tiny",
            "methods: [head, lora]",
            "datasets:",
            "  - {name: raw, path: train.jsonl}",
            "  - {name: missing, path: not-there.jsonl}",
            "test: {path: test.jsonl}",
            "seeds: [1]",
            "budget: {epochs: 1, max_steps: 3}",
            "sweep: {points: 2, steps: 2}",
            "training: {batch_size: 8, max_length: 24, eval_points: 2, threads: 1}");
        var output = Path.Combine(_dir.Path, "out");
        using var cts = new CancellationTokenSource();
        var trained = new List<string>();
        var runner = new ComparisonRunner(CompareRecipeLoader.Load(yaml), output, new TuningRunTrainer(), TextWriter.Null)
        {
            AfterRun = r => { if (r.Ok) trained.Add(r.Id); if (r.Id == "runs/raw/head/f1/s1") cts.Cancel(); },
        };

        Assert.ThrowsAny<OperationCanceledException>(() => runner.Run(cts.Token));
        var resumed = CliRunner.Run("compare", yaml, "--output", output);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(5, trained.Count); // 4 sweep runs and head's main run
        Assert.Equal(5, resumed.Out.Split('\n').Count(l => l.Contains(": done earlier", StringComparison.Ordinal)));
        Assert.Contains("runs/raw/lora/f1/s1: lr ", resumed.Out);
        // winnow compare trains each run in a process of its own: the one run left (LoRA's) says which.
        var pid = Assert.Single(resumed.Out.Split('\n'), l => l.StartsWith("    in process ", StringComparison.Ordinal));
        Assert.NotEqual(Environment.ProcessId, int.Parse(pid["    in process ".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "comparison.json")));
        foreach (var g in json.RootElement.GetProperty("table").EnumerateArray())
        {
            var run = g.GetProperty("runs")[0].GetProperty("outcome");
            Assert.InRange(run.GetProperty("test_accuracy").GetDouble(), 0, 1);
            Assert.Equal(3, run.GetProperty("steps").GetInt32());
            Assert.True(run.GetProperty("trainable_params").GetInt64() > 0);
            Assert.True(run.GetProperty("saved_bytes").GetInt64() > 0);
            Assert.True(run.GetProperty("peak_memory_bytes").GetInt64() > 0);
            Assert.Equal([2, 3], run.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("step").GetInt32()));
            Assert.True(Directory.Exists(run.GetProperty("model_folder").GetString()));
        }
        var md = File.ReadAllText(Path.Combine(output, "comparison.md"));
        Assert.Contains("| missing |  | failed: dataset 'missing': ", md);
        Assert.True(File.Exists(Path.Combine(output, "comparison.html")));
        Assert.True(File.Exists(Path.Combine(output, "plots", "validation-steps.png")));
        Assert.Single(Directory.GetFiles(Path.Combine(output, "runs", "raw", "lora"), "adapter_config.json", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetDirectories(Path.Combine(output, "sweep"), "best", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetDirectories(output, "checkpoint", SearchOption.AllDirectories));
    }

    [Fact]
    public void ProcessRunTrainer_RunThatFails_ReportsTheChildsErrorLine_AndKeepsItsStandardError()
    {
        WriteBanking77();
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, "run")).FullName;
        var missing = Path.Combine(_dir.Path, "no-such-train.jsonl");

        var e = Assert.Throws<Winnow.Core.WinnowException>(() => new ProcessRunTrainer().Train(Request(folder) with { Train = missing }, TextWriter.Null, CancellationToken.None));

        Assert.Contains("no-such-train.jsonl", e.Message);
        Assert.DoesNotContain("   at ", e.Message);
        Assert.Contains("no-such-train.jsonl", File.ReadAllText(Path.Combine(folder, "stderr.log")));
    }

    [Fact]
    public void ProcessRunTrainer_Cancelled_StopsTheChildProcess()
    {
        WriteBanking77();
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, "run")).FullName;
        using var cts = new CancellationTokenSource();
        int child = 0;
        var log = new LineWatcher(line =>
        {
            if (!line.StartsWith("    in process ", StringComparison.Ordinal)) return;
            child = int.Parse(line["    in process ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            cts.Cancel();
        });

        // Many steps: the child is still training when it is cancelled.
        Assert.ThrowsAny<OperationCanceledException>(() => new ProcessRunTrainer().Train(Request(folder) with { Method = "lora", MaxSteps = 10_000, Epochs = 1000 }, log, cts.Token));

        Assert.NotEqual(0, child);
        Assert.True(Gone(child), $"process {child} still runs after the run was cancelled");
    }

    [Fact]
    public void CompareRun_StopsWhenItsParentGoes_ThatIsWhenStandardInputCloses()
    {
        WriteBanking77();
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, "run")).FullName;
        var request = Path.Combine(folder, ProcessRunTrainer.RequestFile);
        File.WriteAllText(request, JsonSerializer.Serialize(Request(folder) with { Method = "lora", MaxSteps = 10_000, Epochs = 1000 }, RunStore.Json));
        var (host, prefix) = ProcessRunTrainer.Self();
        var start = new System.Diagnostics.ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in prefix.Concat(["compare-run", request, "--stop-on-eof"])) start.ArgumentList.Add(a);

        using var child = System.Diagnostics.Process.Start(start)!;
        try
        {
            Assert.StartsWith("    in process ", child.StandardOutput.ReadLine());
            child.StandardInput.Close(); // as when winnow compare is killed

            Assert.True(child.WaitForExit(60_000), "compare-run still trains after its standard input closed");
            Assert.Equal(130, child.ExitCode);
            Assert.False(File.Exists(Path.Combine(folder, ProcessRunTrainer.OutcomeFile)));
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
        }
    }

    private static bool Gone(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return p.WaitForExit(10_000);
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private RunRequest Request(string folder) => new()
    {
        Method = "head", Train = Path.Combine(_dir.Path, "train.jsonl"), Validation = Path.Combine(_dir.Path, "test.jsonl"),
        Lr = 1e-2, HeadLr = 1e-2, Epochs = 1, MaxSteps = 2, Seed = 1, EvalEvery = 1, BatchSize = 8, MaxLength = 24,
        WarmupRatio = 0.1, WeightDecay = 0.01, Metric = "accuracy", Threads = 1, Folder = folder,
    };

    /// <summary>A log that calls back with each line written to it (the relayed child's lines arrive one WriteLine each).</summary>
    private sealed class LineWatcher(Action<string> onLine) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
        public override void WriteLine(string? value) => onLine(value ?? "");
    }

    /// <summary>The first 4 intents (by name) of the bundled banking77 example: 15 training and 5 test texts each.</summary>
    private void WriteBanking77()
    {
        static List<(string Text, string Label)> Read(string split) =>
        [
            .. FormatRegistry.ReadAll(new InputSpec
            {
                Path = RepoFiles.Path($"examples/banking77/{split}.csv"), Format = "csv", Fields = FieldMapping.Default with { Label = "category" },
            }).Select(i => i.Parse()).Select(r => (r.Text!, r.Label!)),
        ];
        var train = Read("train");
        var labels = train.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).Take(4).ToHashSet();
        string Lines(IEnumerable<(string Text, string Label)> rows, int each) => string.Concat(rows.Where(r => labels.Contains(r.Label))
            .GroupBy(r => r.Label).SelectMany(g => g.Take(each)).Select(r => JsonSerializer.Serialize(new { text = r.Text, label = r.Label }) + "\n"));
        File.WriteAllText(Path.Combine(_dir.Path, "train.jsonl"), Lines(train, 15));
        File.WriteAllText(Path.Combine(_dir.Path, "test.jsonl"), Lines(Read("test"), 5));
    }
}
