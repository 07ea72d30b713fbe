namespace Winnow.Core.IO;

/// <summary>
/// Turns a labelled record into a chat example. Placeholders: <c>{text}</c>, <c>{label}</c>, <c>{labels}</c>
/// (comma-joined), <c>{prompt}</c>, <c>{completion}</c>, <c>{id}</c>, and any meta field by name
/// (<c>{source}</c> or <c>{meta.source}</c>). <c>{{</c> and <c>}}</c> are literal braces.
/// </summary>
public sealed record ChatTemplate
{
    public string? System { get; init; }
    public string User { get; init; } = "{text}";
    public string Assistant { get; init; } = "{label}";
}

/// <summary>One output of a recipe: a path (may hold <c>{split}</c>), a format and, for chat formats, a template.</summary>
public sealed record OutputSpec
{
    /// <summary>Path relative to the output folder; <c>{split}</c> writes one file per value of <c>meta.split</c>.</summary>
    public required string Path { get; init; }

    /// <summary>jsonl | parquet | csv | openai-chat | alpaca | sharegpt | prompt-completion; null infers from the extension.</summary>
    public string? Format { get; init; }

    public ChatTemplate? Template { get; init; }

    /// <summary>
    /// CSV only: the columns, in order. Default <c>id, text, label, labels, meta</c> (a stream's meta keys are
    /// not known in advance, so meta is one compact-JSON column unless named here). Names: <c>id</c>,
    /// <c>text</c> (the record's content text), <c>prompt</c>, <c>completion</c>, <c>label</c>, <c>labels</c>
    /// (<c>|</c>-joined), <c>messages</c>, <c>meta</c> and <c>provenance</c> (compact JSON), <c>source</c>;
    /// any other name (or <c>meta.NAME</c>) is one meta field.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>
    /// Write the records in a seeded order keyed on their ids (the run's seed; byte-identical across runs and core
    /// counts) instead of input order, so that oversampled copies and records of one source do not sit together.
    /// Default false: outputs keep input order (a diff against the input reads naturally); set it on training files.
    /// </summary>
    public bool Shuffle { get; init; }
}
