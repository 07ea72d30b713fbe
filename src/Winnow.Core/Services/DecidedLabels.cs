using System.Collections.Immutable;
using Winnow.Core.Records;

namespace Winnow.Core.Services;

/// <summary>A label people decided for one item, and where it came from.</summary>
/// <param name="Label">The label (null when only spans were decided).</param>
/// <param name="Spans">Decided spans (default: none decided; empty: decided that there are none).</param>
/// <param name="Confidence">The aggregation's confidence, when there is one.</param>
/// <param name="Annotators">How many people's judgements it rests on.</param>
public sealed record DecidedLabel(string? Label, ImmutableArray<TextSpan> Spans, double? Confidence, int Annotators);

/// <summary>
/// Where <c>annotate.apply</c> gets people's decisions: a results file or the
/// labelling app's store (<see cref="StepServices.LabelStores"/>). Keyed by record id.
/// </summary>
public interface IDecidedLabelSource
{
    /// <summary>Names the source in errors (a file path, a store URL).</summary>
    string Description { get; }

    /// <summary>Names the source in each record's provenance entry (<c>annotate.apply from …</c>).</summary>
    string ProvenanceName => Path.GetFileName(Description);

    IReadOnlyDictionary<string, DecidedLabel> Load(CancellationToken cancellationToken);
}

/// <summary>Opens the labelling app's store as a decision source: <paramref name="store"/> (a resolved SQLite path or a postgres:// URL), <paramref name="project"/> (null: the first).</summary>
public delegate IDecidedLabelSource LabelStoreSourceFactory(string store, string? project);
