using System.Collections.Immutable;

namespace Winnow.Core.Records;

/// <summary>
/// The one type that flows through every step. A record holds plain <see cref="Text"/>, chat
/// <see cref="Messages"/>, or a <see cref="Prompt"/>/<see cref="Completion"/> pair; an optional
/// <see cref="Label"/> (single-label) or <see cref="Labels"/> (multi-label); free-form <see cref="Meta"/>;
/// and <see cref="Provenance"/>. Records are immutable: a step returns a changed copy (<c>with</c>).
/// </summary>
public sealed record Record
{
    /// <summary>Stable id: the source's own id, or a content hash (<see cref="RecordIds.ContentHash"/>).</summary>
    public required string Id { get; init; }

    public string? Text { get; init; }

    /// <summary>Chat turns (system/user/assistant/tool), in order; default when the record is not a chat.</summary>
    public ImmutableArray<ChatMessage> Messages { get; init; } = ImmutableArray<ChatMessage>.Empty;

    public string? Prompt { get; init; }

    public string? Completion { get; init; }

    public string? Label { get; init; }

    /// <summary>Multi-label targets; empty when the record is single-label or unlabelled.</summary>
    public ImmutableArray<string> Labels { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Labelled stretches of <see cref="Text"/> (named entities), sorted by start; empty when there are none.
    /// Valid by construction from every reader (<see cref="TextSpans.Validate"/>).</summary>
    public ImmutableArray<TextSpan> Spans { get; init; } = ImmutableArray<TextSpan>.Empty;

    public Meta Meta { get; init; } = Meta.Empty;

    public Provenance Provenance { get; init; } = Provenance.None;

    /// <summary>
    /// The text a step should look at: <see cref="Text"/>, else the prompt and completion, else the chat's
    /// contents joined by newlines. Filters and dedup use this, so every record shape is handled alike.
    /// </summary>
    public string ContentText
    {
        get
        {
            if (Text is not null) return Text;
            if (Prompt is not null || Completion is not null)
                return Completion is null ? Prompt! : Prompt is null ? Completion : Prompt + "\n" + Completion;
            if (!Messages.IsDefaultOrEmpty)
                return string.Join('\n', Messages.Select(m => m.Content));
            return string.Empty;
        }
    }

    /// <summary>The record with its content replaced through <paramref name="map"/>, whatever its shape.</summary>
    /// <remarks>Returns this same instance when <paramref name="map"/> changes nothing (reference-equal strings).</remarks>
    public Record MapContent(Func<string, string> map)
    {
        var r = this;
        if (Text is not null && map(Text) is var text && !ReferenceEquals(text, Text))
            r = Spans.IsDefaultOrEmpty ? r with { Text = text } : WithMovedSpans(r with { Text = text }, Text, text, map);
        if (Prompt is not null && map(Prompt) is var prompt && !ReferenceEquals(prompt, Prompt)) r = r with { Prompt = prompt };
        if (Completion is not null && map(Completion) is var completion && !ReferenceEquals(completion, Completion))
            r = r with { Completion = completion };
        if (!Messages.IsDefaultOrEmpty)
        {
            var mapped = Messages.Select(m => map(m.Content) is var c && !ReferenceEquals(c, m.Content) ? m with { Content = c } : m).ToImmutableArray();
            if (!mapped.AsSpan().SequenceEqual(Messages.AsSpan(), ReferenceEqualityComparer.Instance)) r = r with { Messages = mapped };
        }
        return r;
    }

    /// <summary>
    /// <paramref name="r"/> (whose text changed from <paramref name="before"/> to <paramref name="after"/>) with its
    /// spans moved to where their text now is: each span's text, mapped the same way, is looked for from where the
    /// previous span ended, near its old place. A span whose text cannot be found any more is removed and counted
    /// in <c>meta.spans_dropped</c>, so nothing disappears without a trace.
    /// </summary>
    private static Record WithMovedSpans(Record r, string before, string after, Func<string, string> map)
    {
        var moved = ImmutableArray.CreateBuilder<TextSpan>(r.Spans.Length);
        var cursor = 0;
        var lost = 0;
        foreach (var s in r.Spans)
        {
            var piece = map(s.Of(before)).Trim();
            var at = piece.Length == 0 ? -1 : after.IndexOf(piece, Math.Min(cursor, after.Length), StringComparison.Ordinal);
            if (at < 0 && piece.Length > 0) at = after.IndexOf(piece, StringComparison.Ordinal); // spans may overlap
            if (at < 0) { lost++; continue; }
            moved.Add(new TextSpan(at, at + piece.Length, s.Label));
            cursor = at + piece.Length;
        }
        var spans = TextSpans.Sorted(moved);
        r = r with { Spans = spans.Distinct().ToImmutableArray() };
        if (lost == 0) return r;
        var earlier = r.Meta.TryGetValue("spans_dropped", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number && v.TryGetInt64(out var n) ? n : 0;
        return r with { Meta = r.Meta.Set("spans_dropped", earlier + lost) };
    }

    /// <summary>A copy whose provenance names one more step that changed it.</summary>
    public Record ChangedBy(string step) => this with { Provenance = Provenance.With(step) };
}

/// <summary>One chat turn. Roles are lower-case: system, user, assistant, tool.</summary>
public sealed record ChatMessage(string Role, string Content);
