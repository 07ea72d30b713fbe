using Winnow.Core;
using Winnow.Core.Running;
using Winnow.Core.Running.Sharding;

namespace Winnow.Cli.Tests.Commands.ScaleOut;

public sealed class ShardedRunTests : IDisposable
{
    private readonly TempFolder _dir = new();

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(7, false)]
    [InlineData(3, true)]
    [InlineData(2, false, true)]
    [InlineData(3, false, false, true)]
    [InlineData(1, false, false, false, true)]
    [InlineData(2, false, false, false, true)]
    [InlineData(3, false, false, false, true)]
    [InlineData(1, false, false, false, false, true)]
    [InlineData(2, false, false, false, false, true)]
    [InlineData(7, false, false, false, false, true)]
    public void Run_NShards_SameBytesAsOneProcess(int shards, bool oversample, bool testFile = false, bool sampleCount = false, bool target = false,
        bool shuffle = false)
    {
        var yaml = oversample ? ScaleOutData.FullRecipe.Replace("{strategy: cap, max_per_class: 150}", "{strategy: oversample}") : ScaleOutData.FullRecipe;
        // balance's target strategy: the deficits filled by real augmenters (WordNet, Apertium), planned in one task.
        if (target) yaml = yaml.Replace("{strategy: cap, max_per_class: 150}",
            "{strategy: target, min_per_class: 300, fill: [{augment.synonyms: {guards: {similarity: false}}}, {augment.backtranslate: {guards: {similarity: false}}}]}");
        // A test file: split drops what overlaps it and adds its records (planned in one task: Staged is false).
        if (sampleCount) yaml = yaml.Replace("sample: {fraction: 0.9}", "sample: {n: 500}");
        // shuffle: true orders an output by a seeded key of each record's id, after the merge: the same order for any N.
        if (shuffle) yaml = yaml.Replace("  - path: data.jsonl\n", "  - path: data.jsonl\n    shuffle: true\n").Replace("  - path: all.parquet\n", "  - path: all.parquet\n    shuffle: true\n");
        if (testFile) yaml = yaml.Replace("{train: 0.8, validation: 0.1, test: 0.1}", "{validation: 0.1, test_file: c.csv}");
        var recipe = ScaleOutData.Write(_dir, yaml);
        var one = new Runner(ScaleOutData.Load(recipe), new RunOptions { OutputDirectory = Path.Combine(_dir.Path, "one") }).Run();
        var sharded = ScaleOutData.RunSharded(recipe, Path.Combine(_dir.Path, "sharded"), shards);

        var expected = ScaleOutData.Hashes(Path.Combine(_dir.Path, "one"));
        Assert.Equal(expected, ScaleOutData.Hashes(Path.Combine(_dir.Path, "sharded")));
        // The run did something worth comparing: every kind of drop, a malformed line, a split, the parts gone.
        Assert.Contains("rejects/input.jsonl", expected.Keys);
        Assert.Contains("rejects/dedup.exact.jsonl", expected.Keys);
        if (!sampleCount && !target) Assert.Equal(!oversample, expected.ContainsKey("rejects/balance.jsonl"));   // 500 sampled leave no class above the cap
        Assert.Equal(oversample || target, one.Manifest.Steps.Single(s => s.Name == "balance").Created > 0);
        if (target) Assert.Contains(File.ReadLines(Path.Combine(_dir.Path, "one", "data.jsonl")), l => l.Contains("\"augmented_by\":\"augment.backtranslate\""));
        Assert.Contains("rejects/dedup.minhash.jsonl", expected.Keys);
        Assert.Contains("test/data.csv", expected.Keys);
        Assert.Equal(testFile || target, expected.ContainsKey("rejects/split.jsonl"));   // target: variants of held-out parents go (variant_of_held_out)
        Assert.Equal(one.Manifest.Steps.Select(s => s.Out), sharded.Manifest.Steps.Select(s => s.Out));
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "sharded", ".winnow")));
        if (shuffle)
        {
            // The shuffled output holds the records of an unshuffled run, in another order.
            var plain = ScaleOutData.Write(_dir, ScaleOutData.FullRecipe);
            new Runner(ScaleOutData.Load(plain), new RunOptions { OutputDirectory = Path.Combine(_dir.Path, "plain") }).Run();
            var (shuffled, unshuffled) = (File.ReadAllLines(Path.Combine(_dir.Path, "one", "data.jsonl")), File.ReadAllLines(Path.Combine(_dir.Path, "plain", "data.jsonl")));
            Assert.NotEqual(unshuffled, shuffled);
            Assert.Equal(unshuffled.Order(StringComparer.Ordinal), shuffled.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Merge_RunJson_ListsEveryTaskAndPlan_WithItsSecondsAndPeakMemory()
    {
        var recipe = ScaleOutData.Write(_dir, ScaleOutData.FullRecipe);
        var output = Path.Combine(_dir.Path, "sharded");

        ScaleOutData.RunSharded(recipe, output, 2);

        using var run = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "run.json")));
        var tasks = run.RootElement.GetProperty("tasks").EnumerateArray().ToList();
        // 5 stages × 2 shards and the 4 plans between them, in the order they ran.
        Assert.Equal(["stage 0 shard 0", "stage 0 shard 1", "plan 1", "stage 1 shard 0", "stage 1 shard 1", "plan 2",
            "stage 2 shard 0", "stage 2 shard 1", "plan 3", "stage 3 shard 0", "stage 3 shard 1", "plan 4", "stage 4 shard 0", "stage 4 shard 1"],
            tasks.Select(t => t.GetProperty("task").GetString()));
        // In-process here, so every task reports this test process's high-water mark: real, and at least tens of MB.
        Assert.All(tasks, t => Assert.InRange(t.GetProperty("peak_rss_mb").GetInt64(), 20, 1 << 20));
        Assert.All(tasks, t => Assert.True(t.GetProperty("seconds").GetDouble() >= 0));
        Assert.True(tasks.Where(t => t.GetProperty("task").GetString()!.StartsWith("stage", StringComparison.Ordinal)).Sum(t => t.GetProperty("seconds").GetDouble()) > 0);
        Assert.InRange(run.RootElement.GetProperty("peak_rss_mb").GetInt64(), 20, 1 << 20);
        // One process has no tasks.
        var one = new Runner(ScaleOutData.Load(recipe), new RunOptions { OutputDirectory = Path.Combine(_dir.Path, "one") }).Run();
        using var single = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_dir.Path, "one", "run.json")));
        Assert.False(single.RootElement.TryGetProperty("tasks", out _));
    }

    [Fact]
    public void Stages_WholeDatasetSteps_DeclareTheirStagesOrArePlannedCentrally()
    {
        var recipe = ScaleOutData.Write(_dir, ScaleOutData.FullRecipe);
        var run = new ShardedRun(ScaleOutData.Load(recipe), new RunOptions { OutputDirectory = Path.Combine(_dir.Path, "out") }, 2);
        Assert.Equal(5, run.Stages);
        Assert.StartsWith("dedup.exact", run.Describe(1));
        Assert.True(run.IsStaged(1));                        // keys per shard → first occurrences → drops
        Assert.True(run.IsStaged(2));                        // dedup.minhash: signatures → buckets and clusters → filter
        Assert.StartsWith("balance", run.Describe(3));
        Assert.True(run.IsStaged(3));                        // balance: class and priority per record → one decision
        Assert.True(run.IsStaged(4));                        // split (no test file): group and class per record → one assignment
    }

    [Fact]
    public void RunTask_MarkedDone_IsSkippedAndOnlyUnfinishedShardsRemain()
    {
        var recipe = ScaleOutData.Write(_dir, ScaleOutData.OneStageRecipe);
        var output = Path.Combine(_dir.Path, "out");
        var run = new ShardedRun(ScaleOutData.Load(recipe), new RunOptions { OutputDirectory = output }, 3);
        run.RunTask(0, 0);
        run.RunTask(0, 2);
        Assert.Equal([1], run.Unfinished(0));
        var part = Directory.EnumerateFiles(output, "*.jsonl", SearchOption.AllDirectories).First(f => f.Contains("shard-00000"));
        var written = File.GetLastWriteTimeUtc(part);
        Thread.Sleep(20);
        run.RunTask(0, 0);
        Assert.Equal(written, File.GetLastWriteTimeUtc(part));
        var e = Assert.Throws<WinnowException>(() => run.Merge());
        Assert.Contains("unfinished shards: 1", e.Message);
        run.RunTask(0, 1);
        Assert.Equal(ScaleOutData.Hashes(Run1(recipe)), Hashes(run.Merge().OutputDirectory));
    }

    [Fact]
    public void Plan_BeforeEveryShardOfThePreviousStage_NamesTheMissingShards()
    {
        var recipe = ScaleOutData.Write(_dir, ScaleOutData.FullRecipe);
        var run = new ShardedRun(ScaleOutData.Load(recipe), new RunOptions { OutputDirectory = Path.Combine(_dir.Path, "out") }, 2);
        run.RunTask(0, 1);
        var e = Assert.Throws<WinnowException>(() => run.Plan(1));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("unfinished: 0", e.Message);
    }

    [Fact]
    public void RunTask_KilledMidWayInEveryStage_ResumesFromItsCheckpointToTheBytesOfOneProcess()
    {
        var recipe = ScaleOutData.Write(_dir, ScaleOutData.FullRecipe);
        var output = Path.Combine(_dir.Path, "sharded");
        var seen = new Recorder();
        var dying = new ShardedRun(ScaleOutData.Load(recipe), new RunOptions { OutputDirectory = output, StopAfterChunks = 1 }, 2);
        var run = new ShardedRun(ScaleOutData.Load(recipe), new RunOptions { OutputDirectory = output }, 2, seen);
        for (var stage = 0; stage < run.Stages; stage++)
        {
            if (stage > 0) run.Plan(stage);
            Assert.Throws<RunStoppedException>(() => dying.RunTask(stage, 1));
            // SIGKILL in the middle of the next chunk: bytes past the checkpoint, which the resume cuts off.
            var folder = Directory.EnumerateDirectories(output, "shard-00001", SearchOption.AllDirectories).Single(d => Path.GetFileName(Path.GetDirectoryName(d)) == $"stage-{stage}");
            Assert.True(File.Exists(Path.Combine(folder, "checkpoint.json")));
            foreach (var part in Directory.EnumerateFiles(folder, "*.jsonl", SearchOption.AllDirectories)) File.AppendAllText(part, "{\"torn\": ");
            seen.Progress.Clear();
            run.RunTask(stage, 1);
            var resumed = seen.Messages.Single(m => m.StartsWith($"stage {stage} shard 1: resumed after ", StringComparison.Ordinal));
            var after = long.Parse(resumed.Split("after ")[1].Split(' ')[0], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(after > 0);
            Assert.All(seen.Progress, p => Assert.True(p > after, $"chunk ending at {p} done again"));   // the first chunk is not run again
            Assert.False(File.Exists(Path.Combine(folder, "checkpoint.json")));
            run.RunTask(stage, 0);
        }
        run.Merge();
        Assert.Equal(ScaleOutData.Hashes(Run1(recipe)), Hashes(output));
    }

    private sealed class Recorder : IRunObserver
    {
        public List<string> Messages { get; } = [];
        public List<long> Progress { get; } = [];
        public void PhaseStarted(int phase, int phases, string description, long? expectedRecords) { }
        void IRunObserver.Progress(long processed) => Progress.Add(processed);
        public void Message(string text) => Messages.Add(text);
    }

    private string Run1(string recipe)
    {
        var dir = Path.Combine(_dir.Path, "one");
        new Runner(ScaleOutData.Load(recipe), new RunOptions { OutputDirectory = dir }).Run();
        return dir;
    }

    private static SortedDictionary<string, string> Hashes(string dir) => ScaleOutData.Hashes(dir);

    public void Dispose() => _dir.Dispose();
}
