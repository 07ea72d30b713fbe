using System.Collections.Immutable;
using Winnow.Core.Recipes;
using Winnow.Core.Records;
using Winnow.Core.Running;
using Winnow.Core.Running.Sharding;
using Winnow.Core.Steps;

namespace Winnow.Core.Tests.Running;

public sealed class BatchStepTests
{
    private const string Yaml = """
        chunk_size: 50
        inputs: [in.jsonl]
        steps:
          - test.batch: {n: 7}
        outputs: [out.jsonl]
        """;

    private static StepRegistry Registry(SlowBatch.Probe probe) => RunFixture.Registry()
        .Add<DropEveryOptions>("test.batch", "a slow batch step", (o, _) => new SlowBatch(o.N, probe))
        .Add<DropEveryOptions>("test.batch_plan", "a whole-dataset step whose plan runs in batches", (o, _) => new BatchPlanStep(o.N, probe));

    private static RunResult Run(RunFixture f, string yaml, string output, SlowBatch.Probe probe, int? cores = null) =>
        new Runner(RecipeLoader.Parse(yaml, f.Write("recipe.yaml", yaml), Registry(probe)),
            new RunOptions { OutputDirectory = Path.Combine(f.Root, output), MaxDegreeOfParallelism = cores }).Run();

    [Fact]
    public void Run_BatchesFinishOutOfOrder_OutputKeepsInputOrderAndConcurrencyStaysUnderTheLimit()
    {
        using var f = new RunFixture();
        f.WriteJsonl("in.jsonl", 240);
        var probe = new SlowBatch.Probe();
        var result = Run(f, Yaml, "out", probe);

        var records = f.ReadRecords(f.Out("out", "out.jsonl"));
        // Every record once, in input order, each 3rd followed by its variant.
        var expected = Enumerable.Range(0, 240).SelectMany(i => i % 3 == 0 ? new[] { $"{i}", $"{i}~v" } : [$"{i}"]);
        Assert.Equal(expected, records.Select(r => r.Meta.GetString("n") ?? r.Id));
        Assert.True(probe.OutOfOrder > 0, "no batch finished before an earlier one: the test proves nothing");
        Assert.InRange(probe.MaxInFlight, 2, SlowBatch.Limit);

        var step = result.Manifest.Steps.Single();
        Assert.Equal(240, step.In);
        Assert.Equal(320, step.Out);
        Assert.Equal(80, step.Created);
        Assert.Equal(240, step.Details!["seen"]["records"]);          // the step's counts, summed over batches and chunks
        Assert.Equal(48, step.Details["rejected"]["test_rejected"]);
        var rejects = File.ReadAllLines(f.Out("out", "rejects/test.batch.jsonl"));
        Assert.Equal(48, rejects.Length);                               // made and turned away: in rejects, with the reason
        Assert.All(rejects, l => Assert.Contains("\"reason\":\"test_rejected\"", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Run_OtherCoreCountsAndChunkSizes_WriteTheSameBytes()
    {
        using var f = new RunFixture();
        f.WriteJsonl("in.jsonl", 300);
        Run(f, Yaml, "a", new SlowBatch.Probe());
        Run(f, Yaml.Replace("chunk_size: 50", "chunk_size: 33", StringComparison.Ordinal), "b", new SlowBatch.Probe(), cores: 1);
        // The recipes differ (chunk_size), so the manifests do; the data and rejects must not.
        string[] data = ["out.jsonl", "rejects/test.batch.jsonl"];
        Assert.Equal(f.Hashes("a").Where(h => data.Contains(h.Key)), f.Hashes("b").Where(h => data.Contains(h.Key)));
        Assert.Equal(2, f.Hashes("b").Count(h => data.Contains(h.Key)));
    }

    [Theory]
    [InlineData("test.batch")]
    [InlineData("test.batch_plan")]
    public void ShardedRun_ThreeShards_WritesTheBytesOfOneProcess(string step)
    {
        using var f = new RunFixture();
        f.WriteJsonl("in.jsonl", 300);
        var yaml = Yaml.Replace("test.batch", step, StringComparison.Ordinal);
        Run(f, yaml, "one", new SlowBatch.Probe());
        var sharded = new ShardedRun(RecipeLoader.Parse(yaml, f.Write("recipe.yaml", yaml), Registry(new SlowBatch.Probe())),
            new RunOptions { OutputDirectory = Path.Combine(f.Root, "three") }, 3);
        for (var stage = 0; stage < sharded.Stages; stage++)
        {
            if (stage > 0) sharded.Plan(stage);
            for (var shard = 0; shard < 3; shard++) sharded.RunTask(stage, shard);
        }
        sharded.Merge();
        Assert.Equal(f.Hashes("one").Where(h => !h.Key.StartsWith(".winnow", StringComparison.Ordinal)),
            f.Hashes("three").Where(h => !h.Key.StartsWith(".winnow", StringComparison.Ordinal)));
    }

    [Fact]
    public void Parse_StepNeedsAChatModelAndNoneIsConfigured_FailsAtItsLineSayingWhatToSet()
    {
        using var f = new RunFixture();
        var yaml = "inputs: [in.jsonl]\nsteps:\n  - test.chat: {}\noutputs: [out.jsonl]\n";
        var registry = RunFixture.Registry().Add<ChatOptions>("test.chat", "needs a model", (_, _) => throw new InvalidOperationException());
        var saved = RecipeLoader.Environment;
        try
        {
            RecipeLoader.Environment = _ => null;
            var e = Assert.Throws<RecipeException>(() => RecipeLoader.Parse(yaml, f.Write("recipe.yaml", yaml), registry));
            Assert.Equal(2, e.ExitCode);
            Assert.Equal(3, e.Line);
            Assert.Contains("WINNOW_LLM_BASE_URL", e.Message, StringComparison.Ordinal);
            Assert.Contains("WINNOW_LLM_MODEL", e.Message, StringComparison.Ordinal);
            // Configured in the recipe, it loads; the key comes from the variable it names, never from the recipe.
            var ok = "llm: {base_url: 'http://127.0.0.1:9/v1', model: m, api_key_env: MY_KEY}\n" + yaml;
            RecipeLoader.Environment = n => n == "MY_KEY" ? "secret" : null;
            var recipe = RecipeLoader.Parse(ok, f.Write("recipe.yaml", ok), registry);
            Assert.Equal("secret", recipe.Llm.ApiKey);
            Assert.Equal("m", recipe.Llm.Model);
        }
        finally
        {
            RecipeLoader.Environment = saved;
        }
    }

    private sealed record ChatOptions : Services.INeedsChatModel
    {
        public bool NeedsChatModel => true;
    }

    /// <summary>
    /// Marks each record with its stream index, makes a variant of every 3rd record and a rejected candidate of every 5th;
    /// each batch waits a time keyed on its first record (so later batches often finish first).
    /// </summary>
    private sealed class SlowBatch(int size, SlowBatch.Probe probe) : IBatchStep
    {
        public const int Limit = 3;

        public sealed class Probe
        {
            private int _inFlight, _max, _finishedUpTo = -1, _outOfOrder;
            public int MaxInFlight => _max;
            public int OutOfOrder => _outOfOrder;

            public void Enter()
            {
                var now = Interlocked.Increment(ref _inFlight);
                for (var m = _max; now > m; m = _max) if (Interlocked.CompareExchange(ref _max, now, m) == m) break;
            }

            public void Leave(int n)
            {
                Interlocked.Decrement(ref _inFlight);
                lock (this) { if (n < _finishedUpTo) _outOfOrder++; _finishedUpTo = Math.Max(_finishedUpTo, n); }
            }
        }

        public string Name => "test.batch";
        public int BatchSize => size;
        public int Concurrency => Limit;

        public async Task<BatchOutcome> ApplyAsync(IReadOnlyList<Record> batch, long firstIndex, CancellationToken cancellationToken)
        {
            probe.Enter();
            var n = int.Parse(batch[0].Meta.GetString("n")!, System.Globalization.CultureInfo.InvariantCulture);
            await Task.Delay(1 + (n * 37 % 11) * 3, cancellationToken);
            var outcomes = batch.Select(r =>
            {
                var i = int.Parse(r.Meta.GetString("n")!, System.Globalization.CultureInfo.InvariantCulture);
                var created = i % 3 == 0 ? ImmutableArray.Create(r with { Id = $"{i}~v", Meta = Meta.Empty }) : ImmutableArray<Record>.Empty;
                var outcome = created.IsEmpty ? Outcome.Keep(r) : Outcome.KeepAndCreate(r, created);
                return i % 5 == 0 ? outcome.WithRejected([new RejectedRecord(r with { Id = $"{i}~x" }, "test_rejected", "every 5th")]) : outcome;
            }).ToList();
            probe.Leave(n);
            return new BatchOutcome(outcomes, new Dictionary<string, IReadOnlyDictionary<string, long>>
            {
                ["seen"] = new Dictionary<string, long> { ["records"] = batch.Count },
                ["rejected"] = new Dictionary<string, long> { ["test_rejected"] = outcomes.Count(o => !o.Rejected.IsDefaultOrEmpty) },
            });
        }
    }

    /// <summary>A whole-dataset step (counts its input) whose plan is <see cref="SlowBatch"/>.</summary>
    private sealed class BatchPlanStep(int size, SlowBatch.Probe probe) : IDatasetStep
    {
        public string Name => "test.batch_plan";

        public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken) => new Planned(new SlowBatch(size, probe));

        private sealed class Planned(SlowBatch inner) : IBatchStep, IRecordStep
        {
            public string Name => "test.batch_plan";
            public int BatchSize => inner.BatchSize;
            public int Concurrency => inner.Concurrency;
            public Task<BatchOutcome> ApplyAsync(IReadOnlyList<Record> batch, long firstIndex, CancellationToken cancellationToken) =>
                inner.ApplyAsync(batch, firstIndex, cancellationToken);
            Outcome IRecordStep.Apply(Record record, long index) => throw BatchPlans.NotPerRecord(Name);
        }
    }
}
