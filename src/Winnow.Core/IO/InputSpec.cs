namespace Winnow.Core.IO;

/// <summary>What to do with a malformed source record.</summary>
public enum OnError
{
    /// <summary>Stop with an error naming the file, line and what is wrong (the default).</summary>
    Fail,
    /// <summary>Send it to <c>rejects/input.jsonl</c> with reason <c>malformed_input</c> and go on.</summary>
    Skip,
}

/// <summary>
/// Record field ← source field. Unmapped source fields go to <c>meta</c> (unless <see cref="Meta"/> lists
/// the only ones to keep). Null means "not mapped"; the defaults are the record's own field names, so a
/// JSONL file written by Winnow reads back without a mapping.
/// </summary>
public sealed record FieldMapping
{
    public string? Id { get; init; } = "id";
    public string? Text { get; init; } = "text";
    public string? Label { get; init; } = "label";
    public string? Labels { get; init; } = "labels";
    public string? Spans { get; init; } = "spans";
    public string? Messages { get; init; } = "messages";
    public string? Prompt { get; init; } = "prompt";
    public string? Completion { get; init; } = "completion";

    /// <summary>When set, only these source fields go to meta; otherwise every unmapped field does.</summary>
    public IReadOnlyList<string>? Meta { get; init; }

    /// <summary>Source fields the user mapped explicitly: a record missing one of these is malformed.</summary>
    public IReadOnlySet<string> Required { get; init; } = new HashSet<string>();

    public static readonly FieldMapping Default = new();

    /// <summary>The record fields a source field can be mapped to (<c>meta</c> takes a list of source fields).</summary>
    public static readonly IReadOnlyList<string> RecordFields = ["id", "text", "label", "labels", "spans", "messages", "prompt", "completion"];

    /// <summary>This mapping with record field <paramref name="field"/> (one of <see cref="RecordFields"/>) read from <paramref name="source"/>.</summary>
    public FieldMapping With(string field, string source) => field switch
    {
        "id" => this with { Id = source },
        "text" => this with { Text = source },
        "label" => this with { Label = source },
        "labels" => this with { Labels = source },
        "spans" => this with { Spans = source },
        "messages" => this with { Messages = source },
        "prompt" => this with { Prompt = source },
        "completion" => this with { Completion = source },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a record field"),
    };
}

/// <summary>One input of a recipe: a file, a folder or a glob, read in a stable (ordinal) file order.</summary>
public sealed record InputSpec
{
    /// <summary>Path as written in the recipe (used in locations and provenance).</summary>
    public required string Path { get; init; }

    /// <summary>The folder relative paths are resolved against (the recipe's folder).</summary>
    public string BaseDirectory { get; init; } = ".";

    /// <summary>jsonl | json | csv | tsv | parquet | text; null infers from the extension.</summary>
    public string? Format { get; init; }

    public FieldMapping Fields { get; init; } = FieldMapping.Default;

    public OnError OnError { get; init; } = OnError.Fail;

    /// <summary>For text inputs: one record per line (default) or one per file.</summary>
    public bool TextPerFile { get; init; }

    /// <summary>For CSV/TSV: the first row names the columns (default). When false, columns are named by
    /// their 0-based index ("0", "1", …) in <see cref="Fields"/>.</summary>
    public bool HasHeader { get; init; } = true;
}
