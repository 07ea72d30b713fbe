using Winnow.Tuning.Methods;
using Winnow.Tuning.Methods.Full;
using Winnow.Tuning.Methods.Head;
using Winnow.Tuning.Methods.Lora;
using Winnow.Tuning.Tasks;
using Winnow.Tuning.Tests.TestData;
using Winnow.Tuning.Training;

namespace Winnow.Tuning.Tests.Training;

public sealed class TrainerHeadFeaturesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("winnow-head-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Run_HeadOnlyWithCachedFeatures_EncodesOnce_AndTheProbeFitsItsData()
    {
        // 48 real banking77 texts; 20 epochs of 6 steps: the encoder runs once, the head 120 times.
        var train = Banking77.WriteJsonl("train", Path.Combine(_dir, "train.jsonl"), take: 48, stride: 199);
        var recipe = new TrainRecipe
        {
            Data = new DataOptions { Train = train, Eval = train, MaxLength = 32 },
            Method = new HeadOptions { Type = "head", CacheFeatures = true },
            Optimizer = new OptimizerOptions { Lr = 0.1 },
            Schedule = new ScheduleOptions { WarmupSteps = 0 },
            Training = new LoopOptions { Epochs = 20, BatchSize = 8, SaveEvery = 1000, LogEvery = 10 },
            Output = Path.Combine(_dir, "out"),
            Threads = 1,
        };
        var log = new StringWriter();
        var result = new Trainer(recipe, log) { FeatureCacheRoot = Path.Combine(_dir, "cache") }.Run();

        Assert.Equal(120, result.Steps);
        Assert.Contains("features: 48 examples, 48 texts encoded by the frozen encoder, 0 from the cache", log.ToString());
        // Evaluation runs the whole model (encoder + head) on the texts: it agrees with the probe trained on
        // cached features only if those features are what the encoder computes in eval mode.
        Assert.True(result.FinalEval!.Metric("accuracy") >= 0.9, $"training accuracy {result.FinalEval.Metric("accuracy")}");
    }

    [Fact]
    public void Load_CacheFeaturesOnLora_IsARecipeError()
    {
        var path = Path.Combine(_dir, "train.yaml");
        File.WriteAllText(path, "data:\n  train: t.jsonl\nmethod:\n  type: lora\n  cache_features: true\n");
        var ex = Assert.Throws<Winnow.Core.RecipeException>(() => TrainRecipeLoader.Load(path));
        Assert.Contains("method.cache_features", ex.Message);
    }
}
