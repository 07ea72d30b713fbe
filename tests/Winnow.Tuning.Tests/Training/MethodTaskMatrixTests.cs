using System.Text.Json;
using System.Text.RegularExpressions;
using Winnow.Core;
using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Data;
using Winnow.Tuning.Evaluation;
using Winnow.Tuning.Files;
using Winnow.Tuning.Methods;
using Winnow.Tuning.Tasks;
using Winnow.Tuning.Tasks.SequenceClassification;
using Winnow.Tuning.Tasks.TokenClassification;
using Winnow.Tuning.Tests.TestData;
using Winnow.Tuning.Training;
using static TorchSharp.torch;

namespace Winnow.Tuning.Tests.Training;

/// <summary>
/// Every method × every task, end to end on a few real examples (24 training, 16 evaluation, 16 tokens, 3 steps):
/// train, save, reload to identical logits, evaluate to the score training reported, predict what evaluation scored,
/// merge where the method can (exit 2 naming the method where it cannot), and resume after a kill to the same bytes.
/// </summary>
public sealed partial class MethodTaskMatrixTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("winnow-matrix-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    public static TheoryData<string, TaskKind> Cases()
    {
        var data = new TheoryData<string, TaskKind>();
        foreach (var method in MethodRegistry.Types)
            foreach (var task in Enum.GetValues<TaskKind>())
                data.Add(method, task);
        return data;
    }

    private static readonly string[] Mergeable = ["full", "lora"];

    /// <summary>Training and evaluation files for <paramref name="task"/>: the evaluation records are the first training ones, so every label is known.</summary>
    private (string Train, string Eval) Data(TaskKind task)
    {
        string Path_(string name) => Path.Combine(_dir, name);
        switch (task)
        {
            case TaskKind.SingleLabel:
                return (Banking77.WriteJsonl("train", Path_("single-train.jsonl"), take: 24, stride: 199),
                    Banking77.WriteJsonl("train", Path_("single-eval.jsonl"), take: 16, stride: 199));
            case TaskKind.MultiLabel:
                return (Banking77.WriteMultiLabelJsonl("train", Path_("multi-train.jsonl"), take: 24, stride: 199),
                    Banking77.WriteMultiLabelJsonl("train", Path_("multi-eval.jsonl"), take: 16, stride: 199));
            default:
                var sentences = TokenDataset.Read(Banking77.Example("wnut17", "train.conll"), 24);
                File.WriteAllLines(Path_("token-train.jsonl"), sentences.Select(Json));
                File.WriteAllLines(Path_("token-eval.jsonl"), sentences.Take(16).Select(Json));
                return (Path_("token-train.jsonl"), Path_("token-eval.jsonl"));
        }
    }

    private static string Json(SpannedText s) =>
        JsonSerializer.Serialize(new { text = s.Text, spans = s.Spans.Select(x => new { start = x.Start, end = x.End, label = x.Label }) });

    private TrainRecipe Recipe(string type, TaskKind task, string name, (string Train, string Eval) data) => new()
    {
        Task = task,
        Data = new DataOptions { Train = data.Train, Eval = data.Eval, MaxLength = 16, LabelField = task == TaskKind.MultiLabel ? "labels" : "label" },
        Method = MethodRegistry.Defaults(type),
        Training = new LoopOptions { Epochs = 1, BatchSize = 8, SaveEvery = 1, LogEvery = 1 },
        Output = Path.Combine(_dir, name),
        Threads = 2,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Train_EveryMethodAndTask_ReloadsEvaluatesPredictsMergesAndResumesExactly(string type, TaskKind task)
    {
        var data = Data(task);
        var probe = File.ReadLines(data.Eval).Take(3).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToList();
        Tensor? trained = null;
        var log = new StringWriter();
        var recipe = Recipe(type, task, "straight", data);
        var result = new Trainer(recipe, log) { AfterTraining = m => trained = Logits(m, probe) }.Run();
        var final = Path.Combine(recipe.Output, "final");
        Assert.Equal(3, result.Steps);

        // Parameter counts, as PEFT prints them.
        Assert.Matches(PeftCountsLine(), log.ToString());
        Assert.Contains(result.Parameters.ToString(), log.ToString());

        // Reload: the saved folder gives exactly the logits of the trained model.
        var (reloaded, card) = ModelFolder.Load(final);
        using (var again = Logits(reloaded, probe))
        {
            Assert.Equal(trained!.shape, again.shape);
            Assert.True(again.equal(trained).all().item<bool>(), $"{type}/{task}: reloaded logits differ by {(again - trained).abs().max().item<float>()}");
        }
        Assert.Equal(TaskNames.Of(task), card.Task);

        // Eval: winnow eval on the saved folder reports what training reported for the same data.
        var report = task == TaskKind.TokenClassification
            ? (IEvalReport)ModelEvaluation.RunEntities(final, data.Eval, Path.Combine(_dir, "eval"))
            : ModelEvaluation.Run(final, data.Eval, Path.Combine(_dir, "eval"));
        Assert.Equal(result.FinalEval!.Metrics(), report.Metrics());

        // Predict: what predict writes scores as evaluation scored it.
        Assert.Equal(task == TaskKind.TokenClassification ? report.Metric("f1") : report.Metric("accuracy"), PredictedScore(final, data.Eval, task), 12);

        // Merge where the method can; a clear refusal (exit 2, the method named) where it cannot.
        var merged = Path.Combine(_dir, "merged");
        if (Mergeable.Contains(type))
        {
            Assert.Equal("full", ModelFolder.Merge(final, merged).Method);
            using var viaMerged = Logits(ModelFolder.Load(merged).Model, probe);
            Assert.True(viaMerged.allclose(trained!, rtol: 0, atol: 1e-4), $"{type}/{task}: merged logits differ by {(viaMerged - trained!).abs().max().item<float>()}");
        }
        else
        {
            var refused = Assert.Throws<WinnowException>(() => ModelFolder.Merge(final, merged));
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains($"method '{type}' cannot be merged", refused.Message);
            Assert.False(Directory.Exists(merged));
        }

        // Resume: killed after step 2 and resumed, the run ends with the same files, byte for byte.
        var killed = Recipe(type, task, "killed", data);
        Assert.Throws<SimulatedKill>(() => new Trainer(killed, TextWriter.Null) { AfterStep = s => { if (s == 2) throw new SimulatedKill(); } }.Run());
        var resumed = new Trainer(killed, TextWriter.Null).Run(resume: true);
        Assert.Equal(3, resumed.Steps);
        var files = Directory.GetFiles(final).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(files, Directory.GetFiles(Path.Combine(killed.Output, "final")).Select(Path.GetFileName).Order());
        foreach (var file in files)
            Assert.True(File.ReadAllBytes(Path.Combine(final, file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(killed.Output, "final", file!))),
                $"{type}/{task}: final/{file} differs after resume");
        trained!.Dispose();
    }

    [GeneratedRegex(@"(?m)^trainable params: \d{1,3}(,\d{3})* \|\| all params: \d{1,3}(,\d{3})* \|\| trainable%: \d+\.\d{4}$")]
    private static partial Regex PeftCountsLine();

    /// <summary>Accuracy (exact match for multi-label) of predict's labels, or the micro F1 of its spans, against the file's gold.</summary>
    private static double PredictedScore(string model, string evalPath, TaskKind task)
    {
        if (task == TaskKind.TokenClassification)
        {
            var gold = TokenDataset.Read(evalPath, null);
            var predicted = SpanPredictor.Run(model, evalPath);
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < gold.Count; i++)
            {
                var g = gold[i].Spans.Select(s => (s.Start, s.End, s.Label)).ToHashSet();
                var p = predicted[i].Spans.Select(s => (s.Start, s.End, s.Label)).ToHashSet();
                tp += p.Count(g.Contains);
                fp += p.Count(x => !g.Contains(x));
                fn += g.Count(x => !p.Contains(x));
            }
            double precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp), recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        var labelField = task == TaskKind.MultiLabel ? "labels" : "label";
        var items = LabeledTextReader.Read(evalPath, "text", labelField);
        var labels = Prediction.Run(model, evalPath);
        return (double)items.Zip(labels).Count(x => x.First.Labels.Order().SequenceEqual(x.Second.Labels.Order())) / items.Count;
    }

    /// <summary>The model's logits, in eval mode, for <paramref name="texts"/> padded into one batch.</summary>
    private static Tensor Logits(TaskModel model, IReadOnlyList<string> texts)
    {
        var tokenizer = MiniLmBackbone.Instance.Tokenizer();
        var rows = texts.Select(t => tokenizer.Encode(t, 16)).ToList();
        int t = rows.Max(r => r.Length);
        var ids = new long[rows.Count * t];
        var mask = new long[rows.Count * t];
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < rows[i].Length; j++) { ids[i * t + j] = rows[i][j]; mask[i * t + j] = 1; }
        bool wasTraining = model.training;
        model.eval();
        using var inference = inference_mode();
        var logits = model.forward(tensor(ids, [rows.Count, t]), tensor(mask, [rows.Count, t]));
        model.train(wasTraining);
        return logits;
    }

    private sealed class SimulatedKill : Exception;
}
