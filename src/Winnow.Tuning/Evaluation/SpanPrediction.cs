using System.Text.Json.Serialization;
using Winnow.Core.Records;
using Winnow.Tuning.Backbones;
using Winnow.Tuning.Data;
using Winnow.Tuning.Files;
using Winnow.Tuning.Tasks;
using Winnow.Tuning.Tasks.TokenClassification;
using Winnow.Tuning.Training;
using static TorchSharp.torch;

namespace Winnow.Tuning.Evaluation;

/// <summary>
/// One predicted entity: <c>[start, end)</c> in UTF-16 code units of the text as given (a record's span), its type,
/// the text it covers, and its score, the mean over its words of the probability of each word's tag.
/// </summary>
public sealed record PredictedSpan(
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("score")] double Score);

/// <summary>A text's entities: a record with <c>text</c> and <c>spans</c>, readable again by the pipeline.</summary>
public sealed record SpanPrediction(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("spans")] IReadOnlyList<PredictedSpan> Spans);

/// <summary>
/// <c>winnow predict</c> with a token classifier: each text's words tagged at their first sub-token, the tags read back
/// as entities (seqeval's strict IOB2, as evaluation reads them), each entity's character span on the text as given.
/// With the training data's text steps, the model reads the rewritten text and the spans are moved back onto the
/// original through a <see cref="TextAlignment"/>.
/// </summary>
public static class SpanPredictor
{
    /// <summary>Texts from a file: .txt one per line, or records (JSONL, …) through <paramref name="textField"/>.</summary>
    public static IReadOnlyList<SpanPrediction> Run(string modelDir, string inputPath, int batchSize = 128, string textField = "text", string device = "cpu",
        Func<string, string>? transform = null) =>
        RunTexts(modelDir, [.. LabeledTextReader.Read(inputPath, textField, labelField: null, requireLabel: false).Select(i => i.Text)], batchSize, device, transform);

    /// <summary>Texts given directly (inline, standard input).</summary>
    public static IReadOnlyList<SpanPrediction> RunTexts(string modelDir, IReadOnlyList<string> texts, int batchSize = 128, string device = "cpu",
        Func<string, string>? transform = null)
    {
        var dev = Devices.Parse(device);
        var (model, card) = ModelFolder.Load(modelDir, dev);
        if (TaskNames.Parse(card.Task) != TaskKind.TokenClassification)
            throw new WinnowException($"{modelDir}: a {card.Task} model labels whole texts; spans come from a token_classification model", 2);
        return Predict(model, card, texts, batchSize, dev, transform);
    }

    public static IReadOnlyList<SpanPrediction> Predict(TaskModel model, ModelCard card, IReadOnlyList<string> texts, int batchSize, Device device,
        Func<string, string>? transform = null)
    {
        var seen = transform is null ? texts : [.. texts.Select(transform)];
        var data = new TokenDataset([.. seen.Select(t => new SpannedText(t, []))], BackboneRegistry.Get(card.Model).Tokenizer(), card.MaxLength, card.Labels);
        var tags = TokenClassificationTask.PredictTags(model, data, batchSize, device);
        var result = new SpanPrediction[texts.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            var words = data.WordsOf(i);
            var alignment = ReferenceEquals(seen[i], texts[i]) || seen[i] == texts[i] ? null : TextAlignment.Of(texts[i], seen[i]);
            var spans = new List<(TextSpan Span, double Score)>();
            foreach (var entity in BioTags.Entities(tags[i].Tags))
            {
                var span = BioTags.Spans(words, [entity])[0];
                var onText = alignment is null ? span : alignment.ToFirst(span);
                if (onText is null) continue; // nothing of it is in the text as given (the steps inserted it)
                double score = Enumerable.Range(entity.First, entity.Last - entity.First + 1).Average(w => tags[i].Probabilities[w]);
                spans.Add((onText.Value, score));
            }
            var sorted = TextSpans.Sorted(spans.Select(s => s.Span).Distinct());
            result[i] = new SpanPrediction(texts[i], [.. sorted.Select(s => new PredictedSpan(s.Start, s.End, s.Label, s.Of(texts[i]),
                Math.Round(spans.First(x => x.Span == s).Score, 6)))]);
        }
        return result;
    }
}
