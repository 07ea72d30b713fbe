using Winnow.Tuning.Methods.Prefix;
using Winnow.Tuning.Tests.TestData;
using Winnow.Tuning.Training;

namespace Winnow.Tuning.Tests.Methods.Prefix;

/// <summary>
/// Prefix tuning through its MLP at the bare table's rate (1e-2) collapses: every layer attends to the prefixes,
/// the encoder's output stops depending on the input, and the model answers one class (banking77, 3 epochs:
/// accuracy 1/77). The default rate must train.
/// </summary>
public sealed class PrefixDefaultsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("winnow-prefix-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private TrainResult Train(double? lr)
    {
        // 96 banking77 texts from the first ~18 intents (5 each), 4 epochs of 12 steps; scored on the same texts.
        var data = Banking77.WriteJsonl("train", Path.Combine(_dir, "train.jsonl"), take: 96, stride: 25);
        var recipe = new TrainRecipe
        {
            Data = new DataOptions { Train = data, Eval = data, MaxLength = 24 },
            Method = new PrefixOptions { Type = "prefix" },
            Optimizer = new OptimizerOptions { Lr = lr, HeadLr = 1e-2, WeightDecay = 0.01 },
            Schedule = new ScheduleOptions { WarmupRatio = 0.06 },
            Training = new LoopOptions { Epochs = 4, BatchSize = 8, SaveEvery = 1000 },
            Output = Path.Combine(_dir, $"out-{lr}"),
            Threads = 1,
        };
        return new Trainer(recipe, TextWriter.Null).Run();
    }

    [Fact]
    public void Train_PrefixWithItsMlpAtTheDefaultRate_LearnsTheTrainingTexts()
    {
        var result = Train(lr: null);
        double accuracy = result.FinalEval!.Metric("accuracy");
        // Collapsed, it answers one class: about 1/18 of these texts. Trained, it fits most of them.
        Assert.True(accuracy > 0.5, $"training accuracy {accuracy:0.000}: the prefixes collapsed the encoder");
    }

    [Fact]
    public void Train_PrefixWithItsMlpAt1e2_CollapsesHereToo()
    {
        double accuracy = Train(lr: 1e-2).FinalEval!.Metric("accuracy");
        Assert.True(accuracy < 0.2, $"training accuracy {accuracy:0.000}");
    }
}
