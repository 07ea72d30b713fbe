using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Curation.Normalize;

/// <summary><c>normalize</c>: cleans the text of every record shape; names itself in provenance when it changed something.</summary>
internal sealed class NormalizeStep(NormalizeOptions options) : IReplayableTextStep
{
    private readonly TextNormalizer _normalizer = new(options);

    public string Name => "normalize";

    public Outcome Apply(Record record, long index)
    {
        var changed = record.MapContent(_normalizer.Normalize);
        if (options.Labels && changed.Label is { } label) changed = changed with { Label = _normalizer.NormalizeLabel(label) };
        if (options.Labels && !changed.Labels.IsDefaultOrEmpty)
            changed = changed with { Labels = [.. changed.Labels.Select(_normalizer.NormalizeLabel)] };
        return Outcome.Keep(SameContent(record, changed) ? record : changed.ChangedBy(Name));
    }

    private static bool SameContent(Record a, Record b) =>
        a.Text == b.Text && a.Prompt == b.Prompt && a.Completion == b.Completion && a.Label == b.Label &&
        a.Messages.AsSpan().SequenceEqual(b.Messages.AsSpan()) && a.Labels.AsSpan().SequenceEqual(b.Labels.AsSpan());
}
