using System.Collections.Immutable;
using Winnow.Core.Records;

namespace Winnow.Augmentation;

/// <summary>A variant an augmenter made and then threw away, with a stable snake_case reason (<c>no_change</c>, <c>too_dissimilar</c>).</summary>
public sealed record RejectedVariant(Record Variant, string Reason, string? Detail = null);

/// <summary>
/// What a batch augmenter did with one parent: the variants it keeps (each naming the parent in provenance) and the
/// ones it rejected, with reasons. Today's runner cannot write rejected variants to <c>rejects/</c> (its outcomes drop
/// only inputs); the asynchronous step contract will, from this type.
/// </summary>
public sealed record AugmentResult(Record Parent, ImmutableArray<Record> Created, ImmutableArray<RejectedVariant> Rejected)
{
    public static AugmentResult None(Record parent) => new(parent, [], []);
}
