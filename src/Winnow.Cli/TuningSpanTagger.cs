using System.Collections.Immutable;
using Winnow.Core;
using Winnow.Core.Classification;
using Winnow.Core.Records;
using Winnow.Tuning.Evaluation;
using Winnow.Tuning.Files;
using Winnow.Tuning.Tasks.TokenClassification;
using Winnow.Tuning.Training;

namespace Winnow.Cli;

/// <summary>
/// A <c>winnow train</c> token-classification folder behind Core's <see cref="ISpanTagger"/>, for
/// <c>annotate.spans</c> (<c>method: tagger</c>): loaded once, run on the CPU in batches; each word's predicted BIO tag
/// (the tag of its first word piece) becomes character spans, as <c>winnow predict</c> reads them (<see cref="SpanPredictor"/>).
/// </summary>
internal sealed class TuningSpanTagger : ISpanTagger
{
    private readonly Winnow.Tuning.Tasks.TaskModel _model;
    private readonly ModelCard _card;

    private TuningSpanTagger(Winnow.Tuning.Tasks.TaskModel model, ModelCard card) { _model = model; _card = card; }

    public IReadOnlyList<string> Labels => [.. _card.Labels.Where(t => t != BioTags.Outside).Select(t => t[2..]).Distinct()];

    public static ISpanTagger Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new WinnowException($"{directory}: no such model folder", 2);
        var (model, card) = ModelFolder.Load(directory, Devices.Parse("cpu"));
        if (model is not TokenClassifier)
            throw new WinnowException($"{directory}: a {card.Task} model; annotate.spans needs a token classifier", 2);
        return new TuningSpanTagger(model, card);
    }

    public ImmutableArray<TextSpan>[] Tag(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        [.. SpanPredictor.Predict(_model, _card, texts, batchSize: 64, Devices.Parse("cpu"))
            .Select(p => p.Spans.Select(s => new TextSpan(s.Start, s.End, s.Label)).ToImmutableArray())];
}
