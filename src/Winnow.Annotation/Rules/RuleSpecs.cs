namespace Winnow.Annotation.Rules;

/// <summary>
/// One labeling function: votes <see cref="Label"/> when every condition it names holds, else abstains. Conditions:
/// <see cref="Keywords"/> (any of them, whole words, case-insensitive), <see cref="Regex"/> on the text, and a
/// field test (<see cref="Field"/> with <see cref="Values"/> or <see cref="Matches"/>).
/// </summary>
public sealed record LabelingFunctionSpec
{
    /// <summary>A name for reports (Snorkel's LF name). Default: <c>lf_&lt;position&gt;</c>.</summary>
    public string? Name { get; init; }

    /// <summary>The label voted. Required.</summary>
    public string Label { get; init; } = "";

    /// <summary>Words or phrases; any one present (whole words, case-insensitive) satisfies the condition.</summary>
    public IReadOnlyList<string>? Keywords { get; init; }

    /// <summary>A .NET regular expression searched in the text (case-insensitive unless <see cref="CaseSensitive"/>).</summary>
    public string? Regex { get; init; }

    /// <summary>A field to test: <c>id</c>, <c>text</c>, <c>label</c> or a meta key (<c>meta.source</c> or just <c>source</c>).</summary>
    public string? Field { get; init; }

    /// <summary>The field's value is one of these (exact, case-insensitive unless <see cref="CaseSensitive"/>).</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>A regular expression searched in the field's value.</summary>
    public string? Matches { get; init; }

    /// <summary>Match case in keywords, regex and values. Default false.</summary>
    public bool CaseSensitive { get; init; }
}

/// <summary>
/// A span rule: marks each match of <see cref="Regex"/>, or each whole-word occurrence of a listed term
/// (<see cref="Terms"/> inline or <see cref="Gazetteer"/>, a file of one term per line), as a span labelled <see cref="Label"/>.
/// </summary>
public sealed record SpanRuleSpec
{
    public string Label { get; init; } = "";
    public string? Regex { get; init; }
    public IReadOnlyList<string>? Terms { get; init; }
    /// <summary>A file of terms, one per line (# comments), relative to the rules file (or recipe).</summary>
    public string? Gazetteer { get; init; }
    public bool CaseSensitive { get; init; }
}

/// <summary>A rules file: labeling functions, and span rules.</summary>
public sealed record RulesFile
{
    public IReadOnlyList<LabelingFunctionSpec> Functions { get; init; } = [];
    public IReadOnlyList<SpanRuleSpec> Spans { get; init; } = [];
}
