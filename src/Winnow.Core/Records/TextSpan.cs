using System.Collections.Immutable;
using Winnow.Core.IO;

namespace Winnow.Core.Records;

/// <summary>
/// A labelled stretch of a record's <see cref="Record.Text"/>: <c>[Start, End)</c> in UTF-16 code units (the
/// offsets of .NET strings and of JavaScript, so the browser's selection and Label Studio's offsets are the same
/// numbers), with an entity type such as <c>person</c>. In JSON: <c>{"start":0,"end":6,"label":"person"}</c>.
/// </summary>
public readonly record struct TextSpan(int Start, int End, string Label)
{
    public int Length => End - Start;

    /// <summary>The covered text.</summary>
    public string Of(string text) => text.Substring(Start, End - Start);

    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;
}

/// <summary>Checks spans against their text: what <see cref="Record.Spans"/> promises to every step.</summary>
public static class TextSpans
{
    /// <summary>
    /// The problem with <paramref name="spans"/> over <paramref name="text"/>, or null when they are valid: each
    /// span has a label, <c>0 ≤ start &lt; end ≤ text.Length</c>; spans are sorted by start then end and may touch
    /// but not be listed twice. <paramref name="field"/> receives the offending field (<c>spans[2].end</c>).
    /// </summary>
    public static string? Problem(ImmutableArray<TextSpan> spans, string? text, out string field)
    {
        field = "spans";
        if (spans.IsDefaultOrEmpty) return null;
        if (text is null) return "spans need a text to point into; the record has none";
        for (var i = 0; i < spans.Length; i++)
        {
            var s = spans[i];
            if (string.IsNullOrWhiteSpace(s.Label)) { field = $"spans[{i}].label"; return "the span has no label"; }
            if (s.Start < 0) { field = $"spans[{i}].start"; return $"start {s.Start} is negative"; }
            if (s.End <= s.Start) { field = $"spans[{i}].end"; return $"end {s.End} is not after start {s.Start}"; }
            if (s.End > text.Length) { field = $"spans[{i}].end"; return $"end {s.End} is past the end of the text ({text.Length} characters)"; }
            if (i > 0 && Compare(spans[i - 1], s) >= 0)
            {
                field = $"spans[{i}]";
                return Compare(spans[i - 1], s) == 0 ? "the span is listed twice" : "spans are not sorted by start, then end";
            }
        }
        return null;
    }

    /// <summary>Throws <see cref="InputException"/> at <paramref name="loc"/> when the spans are not valid.</summary>
    public static void Validate(ImmutableArray<TextSpan> spans, string? text, SourceLocation loc)
    {
        if (Problem(spans, text, out var field) is { } problem)
            throw new InputException(loc.File, loc.Line, problem, field);
    }

    /// <summary>Sorted by start, then end, then label (the canonical order spans are stored in).</summary>
    public static ImmutableArray<TextSpan> Sorted(IEnumerable<TextSpan> spans) =>
        [.. spans.OrderBy(s => s.Start).ThenBy(s => s.End).ThenBy(s => s.Label, StringComparer.Ordinal)];

    private static int Compare(TextSpan a, TextSpan b)
    {
        var c = a.Start.CompareTo(b.Start);
        if (c != 0) return c;
        c = a.End.CompareTo(b.End);
        return c != 0 ? c : string.CompareOrdinal(a.Label, b.Label);
    }
}
