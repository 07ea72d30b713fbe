using System.Text.Json;
using Winnow.Tuning.Files;
using Winnow.Tuning.Methods;
using Winnow.Tuning.Methods.Full;
using Winnow.Tuning.Methods.Head;
using Winnow.Tuning.Methods.Lora;
using Winnow.Tuning.Tasks;
using Winnow.Tuning.Tests.TestData;
using Winnow.Tuning.Training;

namespace Winnow.Tuning.Tests.Training;

public sealed class TrainerEarlyStoppingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("winnow-early-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Run_NoImprovement_StopsAfterPatienceAndKeepsTheFirstBest()
    {
        // A learning rate of zero cannot improve the metric: the first evaluation is the best, the next one
        // exhausts a patience of 1, and the run stops at step 2 of 6.
        var data = Banking77.WriteJsonl("train", Path.Combine(_dir, "train.jsonl"), take: 48, stride: 199);
        var recipe = new TrainRecipe
        {
            Data = new DataOptions { Train = data, Eval = data, MaxLength = 24 },
            Method = new HeadOptions { Type = "head" },
            Optimizer = new OptimizerOptions { Lr = 0 },
            Training = new LoopOptions { Epochs = 1, BatchSize = 8, EvalEvery = 1, EarlyStoppingPatience = 1, EvalBatchSize = 48 },
            Output = Path.Combine(_dir, "out"),
            Threads = 1,
        };
        var result = new Trainer(recipe, TextWriter.Null).Run();

        Assert.True(result.StoppedEarly);
        Assert.Equal(2, result.Steps);
        Assert.Equal(1, result.BestStep);
        Assert.Equal(1, ModelCard.Read(Path.Combine(recipe.Output, "best")).Step);
        Assert.Equal(2, ModelCard.Read(Path.Combine(recipe.Output, "final")).Step);
        var evals = File.ReadAllLines(Path.Combine(recipe.Output, "metrics.jsonl")).Count(l => l.Contains("\"event\":\"eval\""));
        Assert.Equal(2, evals);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(recipe.Output, "eval.json")));
        Assert.Equal(48, report.RootElement.GetProperty("examples").GetInt32());
    }
}
