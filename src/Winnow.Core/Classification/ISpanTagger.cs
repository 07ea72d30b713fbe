using System.Collections.Immutable;
using Winnow.Core.Records;

namespace Winnow.Core.Classification;

/// <summary>
/// A trained span tagger (named entities), as steps outside Tuning see it (<c>annotate.spans</c>): the spans it finds
/// in each text. The CLI wires a <c>winnow train</c> token-classification folder in (TorchSharp stays in Tuning).
/// </summary>
public interface ISpanTagger
{
    /// <summary>The span labels (entity types) it can emit.</summary>
    IReadOnlyList<string> Labels { get; }

    /// <summary>The spans of each text, in order, valid against it (sorted, non-overlapping).</summary>
    ImmutableArray<TextSpan>[] Tag(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}

/// <summary>Loads a span tagger from a model folder (a path resolved against the recipe's folder).</summary>
public delegate ISpanTagger SpanTaggerLoader(string modelDirectory);
