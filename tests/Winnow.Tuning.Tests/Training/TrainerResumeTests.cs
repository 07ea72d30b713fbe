using TorchSharp.PyBridge;
using Winnow.Tuning.Files;
using Winnow.Tuning.Methods;
using Winnow.Tuning.Methods.Full;
using Winnow.Tuning.Methods.Head;
using Winnow.Tuning.Methods.Lora;
using Winnow.Tuning.Tasks;
using Winnow.Tuning.Tests.TestData;
using Winnow.Tuning.Training;

namespace Winnow.Tuning.Tests.Training;

public sealed class TrainerResumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("winnow-resume-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private TrainRecipe Recipe(string output, MethodOptions? method = null)
    {
        // 48 real banking77 texts spread over the intents (every 199th row), 6 optimizer steps of 8 with
        // dropout on, so data order, dropout RNG, optimizer moments and the schedule all matter.
        var train = Banking77.WriteJsonl("train", Path.Combine(_dir, "train.jsonl"), take: 48, stride: 199);
        return new TrainRecipe
        {
            Data = new DataOptions { Train = train, MaxLength = 24 },
            Method = method ?? new LoraOptions { Type = "lora", R = 4, Alpha = 8, Dropout = 0.1 },
            Optimizer = new OptimizerOptions { Lr = 1e-3, HeadLr = 1e-2, WeightDecay = 0.01 },
            Schedule = new ScheduleOptions { WarmupSteps = 2 },
            Training = new LoopOptions { Epochs = 1, BatchSize = 8, SaveEvery = 2, LogEvery = 1 },
            Output = Path.Combine(_dir, output),
            Threads = 1,
        };
    }

    [Fact]
    public void Run_KilledThenResumed_EndsWithTheSameWeightsAsAnUninterruptedRun()
    {
        var straight = new Trainer(Recipe("straight"), TextWriter.Null).Run();

        var killedRecipe = Recipe("killed");
        var killed = new Trainer(killedRecipe, TextWriter.Null) { AfterStep = s => { if (s == 5) throw new SimulatedKill(); } };
        Assert.Throws<SimulatedKill>(() => killed.Run());
        Assert.False(Directory.Exists(Path.Combine(killedRecipe.Output, "final")));
        var resumed = new Trainer(killedRecipe, TextWriter.Null).Run(resume: true);

        Assert.Equal(6, straight.Steps);
        Assert.Equal(6, resumed.Steps);
        var a = Safetensors.LoadStateDict(Path.Combine(straight.Output, "final", LoraFiles.WeightsFile));
        var b = Safetensors.LoadStateDict(Path.Combine(resumed.Output, "final", LoraFiles.WeightsFile));
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var key in a.Keys)
            Assert.True(a[key].allclose(b[key], rtol: 0, atol: 0), $"{key} differs after resume");
        // The adapters did train (B starts at zero).
        Assert.True(a.Where(kv => kv.Key.EndsWith("lora_B.weight")).All(kv => kv.Value.abs().sum().item<float>() > 0));

        // metrics.jsonl reads as one run: one train line per step, none repeated.
        var steps = File.ReadAllLines(Path.Combine(killedRecipe.Output, "metrics.jsonl"))
            .Where(l => l.Contains("\"event\":\"train\"")).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("step").GetInt32()).ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], steps);
    }

    [Fact]
    public void Run_Cancelled_KeepsTheLastFinishedStep_AndResumesToTheSameWeights()
    {
        var straight = new Trainer(Recipe("straight"), TextWriter.Null).Run();
        var cancelledRecipe = Recipe("cancelled");
        using var cts = new CancellationTokenSource();
        // Cancelled after step 3: the periodic checkpoint (every 2 steps) holds step 2; the cancellation keeps step 3.
        var cancelled = new Trainer(cancelledRecipe, TextWriter.Null) { AfterStep = s => { if (s == 3) cts.Cancel(); } };

        Assert.ThrowsAny<OperationCanceledException>(() => cancelled.Run(cancel: cts.Token));
        Assert.Equal(3, Checkpoint.ReadState(Path.Combine(cancelledRecipe.Output, "checkpoint")).Step);
        var resumed = new Trainer(cancelledRecipe, TextWriter.Null).Run(resume: true);

        Assert.Equal(6, resumed.Steps);
        var a = Safetensors.LoadStateDict(Path.Combine(straight.Output, "final", LoraFiles.WeightsFile));
        var b = Safetensors.LoadStateDict(Path.Combine(resumed.Output, "final", LoraFiles.WeightsFile));
        foreach (var key in a.Keys)
            Assert.True(a[key].allclose(b[key], rtol: 0, atol: 0), $"{key} differs after a cancelled run resumed");
        var steps = File.ReadAllLines(Path.Combine(cancelledRecipe.Output, "metrics.jsonl"))
            .Where(l => l.Contains("\"event\":\"train\"")).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("step").GetInt32()).ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], steps);
    }

    [Fact]
    public void Run_CheckpointPresentWithoutResume_RefusesToOverwrite()
    {
        var recipe = Recipe("twice") with { Training = new LoopOptions { Epochs = 1, BatchSize = 8, SaveEvery = 2, MaxSteps = 2 } };
        new Trainer(recipe, TextWriter.Null).Run();
        var ex = Assert.Throws<Winnow.Core.WinnowException>(() => new Trainer(recipe, TextWriter.Null).Run());
        Assert.Contains("--resume", ex.Message);
    }

    [Fact]
    public void Run_ResumeUnderChangedSeedRecipeOrData_IsRefusedNamingWhatChanged()
    {
        var recipe = Recipe("changed") with { Training = new LoopOptions { Epochs = 1, BatchSize = 8, SaveEvery = 1, MaxSteps = 1 } };
        new Trainer(recipe, TextWriter.Null).Run();

        var seed = Assert.Throws<Winnow.Core.WinnowException>(() => new Trainer(recipe with { Seed = 7 }, TextWriter.Null).Run(resume: true));
        Assert.Equal(2, seed.ExitCode);
        Assert.Contains("the seed (42 in the checkpoint, 7 now)", seed.Message);

        var method = Assert.Throws<Winnow.Core.WinnowException>(() => new Trainer(recipe with { Method = new LoraOptions { Type = "lora", R = 8 } }, TextWriter.Null).Run(resume: true));
        Assert.Contains("the recipe", method.Message);

        File.AppendAllText(recipe.Data.Train, File.ReadLines(recipe.Data.Train).First() + "\n");
        var data = Assert.Throws<Winnow.Core.WinnowException>(() => new Trainer(recipe, TextWriter.Null).Run(resume: true));
        Assert.Contains("the data", data.Message);
        Assert.DoesNotContain("the seed", data.Message);

        // A longer budget is not a change: max_steps, threads and device may differ on resume.
        Banking77.WriteJsonl("train", recipe.Data.Train, take: 48, stride: 199);
        var more = new Trainer(recipe with { Threads = 2, Training = recipe.Training with { MaxSteps = 2 } }, TextWriter.Null).Run(resume: true);
        Assert.Equal(2, more.Steps);
    }

    private sealed class SimulatedKill : Exception;
}
