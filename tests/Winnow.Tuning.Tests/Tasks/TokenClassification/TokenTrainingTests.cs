using System.Text.Json;
using Winnow.Tuning.Evaluation;
using Winnow.Tuning.Methods.Lora;
using Winnow.Tuning.Tasks;
using Winnow.Tuning.Training;

namespace Winnow.Tuning.Tests.Tasks.TokenClassification;

public sealed class TokenTrainingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("winnow-tokens-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static string Wnut(string split) => TestData.Banking77.Example("wnut17", split + ".conll");

    [Fact]
    public void Run_WnutConll_TrainsSavesAndEvaluatesEntities()
    {
        // 32 real WNUT 2017 sentences read straight from CoNLL, 2 LoRA steps: the point is the path, not the score.
        var recipe = new TrainRecipe
        {
            Task = TaskKind.TokenClassification,
            Data = new DataOptions { Train = Wnut("train"), Eval = Wnut("dev"), Limit = 32, EvalLimit = 24, MaxLength = 48 },
            Method = new LoraOptions { Type = "lora", R = 4 },
            Training = new LoopOptions { Epochs = 1, BatchSize = 16, LogEvery = 1 },
            Output = Path.Combine(_dir, "run"),
            Threads = 2,
        };
        var result = new Trainer(recipe, TextWriter.Null).Run();

        Assert.Equal(2, result.Steps);
        var final = Assert.IsType<Winnow.Tuning.Tasks.TokenClassification.EntityReport>(result.FinalEval);
        Assert.Equal(24, final.Examples);
        Assert.Contains(final.PerType, t => t.Label == "person");
        using var saved = JsonDocument.Parse(File.ReadAllText(Path.Combine(recipe.Output, "eval.json")));
        Assert.Equal(final.F1, saved.RootElement.GetProperty("f1").GetDouble());
        // The saved model, reloaded by winnow eval on the same sentences, tags them as the trained one did.
        var dev24 = Path.Combine(_dir, "dev24.jsonl");
        File.WriteAllLines(dev24, Winnow.Tuning.Tasks.TokenClassification.TokenDataset.Read(Wnut("dev"), 24).Select(s => JsonSerializer.Serialize(new
        {
            text = s.Text,
            spans = s.Spans.Select(x => new { start = x.Start, end = x.End, label = x.Label }),
        })));
        var again = ModelEvaluation.RunEntities(Path.Combine(recipe.Output, "final"), dev24, Path.Combine(_dir, "eval"));
        Assert.Equal(final.TokenAccuracy, again.TokenAccuracy, 9);
        Assert.Equal(final.F1, again.F1, 9);
    }
}
