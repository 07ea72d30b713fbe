using System.Text.Json;
using Winnow.Tuning.Data;
using Winnow.Tuning.Files;
using Winnow.Embeddings;
using Winnow.Tuning.Training;
using Winnow.Tuning.Tasks;

using Winnow.Tuning.Tasks.SequenceClassification;

using Winnow.Tuning.Tasks.TokenClassification;

namespace Winnow.Tuning.Evaluation;

/// <summary><c>winnow eval</c>: a saved model on a labelled file → report JSON, and for single-label the confusion PNG.</summary>
public static class ModelEvaluation
{
    public static ClassificationReport Run(string modelDir, string dataPath, string outputDir, string textField = "text",
        string? labelField = null, int batchSize = 128, string device = "cpu", int? threads = null, Func<string, string>? transform = null)
    {
        if (threads is { } t) TorchSharp.torch.set_num_threads(t);
        NativeHeap.KeepFreedPages();
        var dev = Devices.Parse(device);
        var (model, card) = ModelFolder.Load(modelDir, dev);
        var labels = new LabelSet(card.Labels);
        var items = LabeledTextReader.Read(dataPath, textField, labelField ?? (card.MultiLabel ? "labels" : "label"));
        if (transform is not null) items = [.. items.Select(i => i with { Text = transform(i.Text) })];
        var data = new EncodedDataset(items, WordPieceTokenizer.MiniLm(), card.MaxLength, labels, dataPath);
        var report = Predictor.Evaluate(model, data, card.MultiLabel, batchSize, dev);
        Directory.CreateDirectory(outputDir);
        File.WriteAllText(Path.Combine(outputDir, "eval.json"), JsonSerializer.Serialize(report, EvalJson.Options));
        if (report.ConfusionMatrix is not null) ConfusionPlot.SavePng(report, Path.Combine(outputDir, "confusion.png"));
        return report;
    }

    /// <summary>True when the model folder holds a token classifier (evaluate it with <see cref="RunEntities"/>).</summary>
    public static bool IsTokenModel(string modelDir) => Files.ModelCard.Read(modelDir).Task == TaskNames.Of(TaskKind.TokenClassification);

    /// <summary>A token classifier on sentences with spans (record JSONL or CoNLL) → entity-level report in eval.json.</summary>
    /// <remarks>
    /// With <paramref name="transform"/> (the training data's text steps) the model reads each sentence as the steps
    /// rewrite it, and the gold spans are moved onto that text (<see cref="SpannedText.Through"/>) before scoring.
    /// </remarks>
    public static EntityReport RunEntities(string modelDir, string dataPath, string outputDir, int batchSize = 128, string device = "cpu", int? threads = null,
        Func<string, string>? transform = null)
    {
        if (threads is { } t) TorchSharp.torch.set_num_threads(t);
        NativeHeap.KeepFreedPages();
        var dev = Devices.Parse(device);
        var (model, card) = ModelFolder.Load(modelDir, dev);
        var items = TokenDataset.Read(dataPath, null);
        if (transform is not null) items = [.. items.Select(i => i.Through(transform))];
        var data = new TokenDataset(items, Backbones.BackboneRegistry.Get(card.Model).Tokenizer(), card.MaxLength, card.Labels);
        var report = TokenClassificationTask.Score(model, data, batchSize, dev);
        Directory.CreateDirectory(outputDir);
        File.WriteAllText(Path.Combine(outputDir, "eval.json"), JsonSerializer.Serialize(report, EvalJson.Options));
        return report;
    }
}
