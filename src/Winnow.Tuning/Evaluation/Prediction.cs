using System.Text.Json;
using System.Text.Json.Serialization;
using Winnow.Tuning.Data;
using Winnow.Tuning.Files;
using Winnow.Embeddings;
using Winnow.Tuning.Training;

using Winnow.Tuning.Tasks.SequenceClassification;

namespace Winnow.Tuning.Evaluation;

/// <summary>One text's prediction: the label(s) chosen and the top probabilities.</summary>
public sealed record TextPrediction(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("probability")] double Probability,
    [property: JsonPropertyName("top")] IReadOnlyDictionary<string, double> Top);

/// <summary><c>winnow predict</c>: labels and probabilities for a file of texts (one per line, or record JSONL), batched.</summary>
public static class Prediction
{
    public static IReadOnlyList<TextPrediction> Run(string modelDir, string inputPath, int topK = 3, int batchSize = 128, string textField = "text", string device = "cpu",
        Func<string, string>? transform = null) =>
        Run(modelDir, LabeledTextReader.Read(inputPath, textField, labelField: null, requireLabel: false), inputPath, topK, batchSize, device, transform);

    /// <summary>Texts given directly (inline, standard input); <paramref name="transform"/> (the training data's text steps) is applied before encoding, the output keeps the text as given.</summary>
    public static IReadOnlyList<TextPrediction> RunTexts(string modelDir, IReadOnlyList<string> texts, int topK = 3, int batchSize = 128, string device = "cpu",
        Func<string, string>? transform = null) =>
        Run(modelDir, [.. texts.Select(t => new LabeledText(t, []))], "(texts)", topK, batchSize, device, transform);

    private static IReadOnlyList<TextPrediction> Run(string modelDir, List<LabeledText> items, string source, int topK, int batchSize, string device, Func<string, string>? transform)
    {
        var dev = Devices.Parse(device);
        if (ModelEvaluation.IsTokenModel(modelDir))
            throw new WinnowException($"{modelDir}: a token classifier predicts spans, not labels of whole texts (SpanPredictor)", 2);
        var (model, card) = ModelFolder.Load(modelDir, dev);
        var labels = new LabelSet(card.Labels);
        var seen = transform is null ? items : [.. items.Select(i => i with { Text = transform(i.Text) })];
        var data = new EncodedDataset(seen, WordPieceTokenizer.MiniLm(), card.MaxLength, labels, source);
        var probs = Predictor.Probabilities(model, data, card.MultiLabel, batchSize, dev);
        var result = new List<TextPrediction>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            var p = probs[i];
            var ranked = Enumerable.Range(0, p.Length).OrderByDescending(j => p[j]).ToList();
            var chosen = card.MultiLabel ? ranked.Where(j => p[j] >= 0.5f).ToList() : [ranked[0]];
            result.Add(new TextPrediction(items[i].Text, [.. chosen.Select(j => card.Labels[j])],
                chosen.Count == 0 ? 0 : Math.Round(p[chosen[0]], 6),
                ranked.Take(topK).ToDictionary(j => card.Labels[j], j => Math.Round((double)p[j], 6))));
        }
        return result;
    }

    /// <summary>UTF-8 JSON as people read it: "don't", not "don\u0027t" (the default encoder escapes HTML-sensitive characters).</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One JSON object per line (<see cref="TextPrediction"/>s, <see cref="SpanPrediction"/>s).</summary>
    public static void WriteJsonl<T>(IEnumerable<T> predictions, TextWriter writer)
    {
        foreach (var p in predictions) writer.WriteLine(JsonSerializer.Serialize(p, Readable));
    }
}
