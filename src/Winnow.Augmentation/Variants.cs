using System.Collections.Immutable;
using Winnow.Core.Records;

namespace Winnow.Augmentation;

/// <summary>
/// Which text of a record an augmenter rewrites, and how a variant is made from its parent. The input side only:
/// <see cref="Record.Text"/>, else the prompt, else the last user turn; a completion or an assistant turn is the
/// target the variant must still lead to, so it stays as it is.
/// </summary>
public static class Variants
{
    /// <summary>The meta field naming the step that made a variant (<c>"augment.synonyms"</c>).</summary>
    public const string AugmentedBy = "augmented_by";

    /// <summary>The meta field set to true on records a chat model generated from a prompt rather than from a parent.</summary>
    public const string Synthetic = "synthetic";

    /// <summary>Whether the record is itself a variant or synthetic (another augmenter made it).</summary>
    public static bool IsDerived(Record record) => record.Meta.ContainsKey(AugmentedBy) || record.Meta.ContainsKey(Synthetic);

    /// <summary>The text an augmenter rewrites, or null when the record has none.</summary>
    public static string? Source(Record record)
    {
        if (record.Text is not null) return record.Text;
        if (record.Prompt is not null) return record.Prompt;
        if (record.Messages.IsDefaultOrEmpty) return null;
        for (var i = record.Messages.Length - 1; i >= 0; i--)
            if (record.Messages[i].Role == "user") return record.Messages[i].Content;
        return null;
    }

    /// <summary>
    /// Variant <paramref name="number"/> of <paramref name="parent"/> with <paramref name="text"/> in place of its
    /// <see cref="Source"/>: id <c>&lt;parent&gt;~&lt;tag&gt;&lt;number&gt;</c>, provenance <c>&lt;step&gt; from &lt;parent id&gt;</c>,
    /// <c>meta.augmented_by</c> = the step. Label and the other fields are the parent's.
    /// </summary>
    public static Record Create(Record parent, string text, string step, string tag, int number)
    {
        var record = parent with
        {
            Id = $"{parent.Id}~{tag}{number}",
            Meta = parent.Meta.Set(AugmentedBy, step),
            Provenance = parent.Provenance.With($"{step} from {parent.Id}"),
        };
        if (parent.Text is not null) return record with { Text = text };
        if (parent.Prompt is not null) return record with { Prompt = text };
        var messages = parent.Messages.ToBuilder();
        for (var i = messages.Count - 1; i >= 0; i--)
            if (messages[i].Role == "user")
            {
                messages[i] = messages[i] with { Content = text };
                break;
            }
        return record with { Messages = messages.ToImmutable() };
    }

    /// <summary>Texts that differ from the source and from each other, in order: a variant equal to either is no variant.</summary>
    public static ImmutableArray<Record> Distinct(Record parent, string source, IReadOnlyList<string?> texts, string step, string tag)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { source };
        var created = ImmutableArray.CreateBuilder<Record>(texts.Count);
        foreach (var text in texts)
            if (text is not null && seen.Add(text)) created.Add(Create(parent, text, step, tag, created.Count + 1));
        return created.ToImmutable();
    }
}
