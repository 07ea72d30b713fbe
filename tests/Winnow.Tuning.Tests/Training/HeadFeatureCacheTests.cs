using System.Text.Json;
using Winnow.Tuning.Methods.Head;
using Winnow.Tuning.Tests.TestData;
using Winnow.Tuning.Training;

namespace Winnow.Tuning.Tests.Training;

/// <summary>
/// Issue #15, item 9: head-only training keeps the frozen encoder's features on disk, so a later run encodes only
/// texts no run encoded before, and gives the same bytes as a run without the cache.
/// </summary>
public sealed class HeadFeatureCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("winnow-features-").FullName;
    private readonly string _train;

    public HeadFeatureCacheTests() => _train = Banking77.WriteJsonl("train", Path.Combine(_dir, "train.jsonl"), take: 48, stride: 199);

    public void Dispose() => Directory.Delete(_dir, true);

    private string Cache => Path.Combine(_dir, "cache");

    /// <summary>Trains head-only into out/<paramref name="name"/>; returns the metrics.jsonl "features" line.</summary>
    private JsonElement Train(string name, bool cache = true, int maxLength = 32, int? limit = null)
    {
        var recipe = new TrainRecipe
        {
            Data = new DataOptions { Train = _train, Eval = _train, MaxLength = maxLength, Limit = limit, EvalLimit = limit },
            Method = new HeadOptions { Type = "head", FeatureCache = cache },
            Schedule = new ScheduleOptions { WarmupSteps = 0 },
            Training = new LoopOptions { Epochs = 2, BatchSize = 8, SaveEvery = 1000 },
            Output = Path.Combine(_dir, name),
            Threads = 1,
        };
        new Trainer(recipe, TextWriter.Null) { FeatureCacheRoot = Cache }.Run();
        var line = File.ReadLines(Path.Combine(_dir, name, "metrics.jsonl")).Single(l => l.Contains("\"features\"", StringComparison.Ordinal));
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    private byte[] Head(string name) => File.ReadAllBytes(Path.Combine(_dir, name, "final", HeadMethod.WeightsFile));

    private string Eval(string name) => File.ReadAllText(Path.Combine(_dir, name, "eval.json"));

    [Fact]
    public void Run_SecondRunWithTheCache_EncodesNoTextAndGivesTheSameWeightsAndMetrics()
    {
        var first = Train("first");
        Assert.Equal(48, first.GetProperty("examples").GetInt32());
        Assert.Equal(48, first.GetProperty("encoded").GetInt32());
        Assert.Equal(0, first.GetProperty("from_cache").GetInt32());

        var second = Train("second");
        Assert.Equal(0, second.GetProperty("encoded").GetInt32());
        Assert.Equal(48, second.GetProperty("from_cache").GetInt32());
        Assert.Equal(Head("first"), Head("second"));
        Assert.Equal(Eval("first"), Eval("second"));

        var off = Train("off", cache: false);
        Assert.Equal(48, off.GetProperty("encoded").GetInt32());
        Assert.Equal(Head("first"), Head("off"));
        Assert.Equal(Eval("first"), Eval("off"));
    }

    [Fact]
    public void Run_HalfTheTextsCachedByAnotherRun_SameBytesAsWithoutTheCache()
    {
        // The cached 30 were encoded beside other texts than in the full run: equal-length batches make that moot.
        Train("part", limit: 30);
        var mixed = Train("mixed");
        Assert.Equal(18, mixed.GetProperty("encoded").GetInt32());
        Assert.Equal(30, mixed.GetProperty("from_cache").GetInt32());
        Train("off", cache: false);
        Assert.Equal(Head("off"), Head("mixed"));
        Assert.Equal(Eval("off"), Eval("mixed"));
    }

    [Fact]
    public void Run_ChangedMaxLength_MissesTheCache()
    {
        Train("len32", maxLength: 32);
        var other = Train("len24", maxLength: 24);
        Assert.Equal(48, other.GetProperty("encoded").GetInt32());
        Assert.Equal(0, other.GetProperty("from_cache").GetInt32());
        Assert.Equal(2, Directory.GetDirectories(Cache).Length);
        Assert.All(Directory.GetDirectories(Cache), d => Assert.Matches(@"^minilm-[0-9a-f]{32}-len(32|24)-mean-cpu-v1$", Path.GetFileName(d)));
    }

    [Fact]
    public void Run_CacheOff_WritesNoCache()
    {
        var off = Train("off", cache: false);
        Assert.Equal(48, off.GetProperty("encoded").GetInt32());
        Assert.False(Directory.Exists(Cache));
    }
}
