using Winnow.Core.IO;
using Winnow.Core.IO.Readers;
using Winnow.Core.IO.Writers;

namespace Winnow.Core.Formats;

/// <summary>
/// The one entry point the runner and the CLI use for dataset formats: format names and inference from
/// file names, input resolution (file, folder, glob), readers and writers.
/// </summary>
public static class FormatRegistry
{
    /// <summary>Input formats as recipes spell them. The fine-tuning names read their JSONL files (the
    /// JSON reader recognises messages, conversations and instruction/input/output by their keys).</summary>
    public static IReadOnlyList<string> InputFormats { get; } =
        ["jsonl", "json", "csv", "tsv", "parquet", "text", "conll", "openai-chat", "prompt-completion", "alpaca", "sharegpt"];

    public static IReadOnlyList<string> OutputFormats { get; } =
        ["jsonl", "csv", "parquet", "conll", "openai-chat", "prompt-completion", "alpaca", "sharegpt"];

    /// <summary>File extensions read by inference (each may end in .gz or .zst, except .parquet).</summary>
    public static IReadOnlyList<string> InputExtensions { get; } = [".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet", ".txt", ".conll"];

    private static readonly string[] Compressions = [".gz", ".zst"];

    /// <summary>The input format of <paramref name="path"/> by its extension; throws a <see cref="WinnowException"/> listing them.</summary>
    public static string InferInputFormat(string path) =>
        TryInferInputFormat(path, out var f) ? f : throw new WinnowException(
            $"{path}: cannot tell the input format from the file name; name it with 'format:' "
            + $"({string.Join(" | ", InputFormats)}) or use one of the extensions {string.Join(", ", InputExtensions)} (optionally + .gz or .zst)");

    public static bool TryInferInputFormat(string path, out string format)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        var compressed = false;
        foreach (var c in Compressions)
            if (name.EndsWith(c, StringComparison.Ordinal)) { name = name[..^c.Length]; compressed = true; }
        format = Path.GetExtension(name) switch
        {
            ".jsonl" or ".ndjson" => "jsonl",
            ".json" => "json",
            ".csv" => "csv",
            ".tsv" or ".tab" => "tsv",
            ".parquet" when !compressed => "parquet",
            ".txt" or ".text" => "text",
            ".conll" or ".bio" => "conll",
            _ => "",
        };
        return format.Length > 0;
    }

    /// <summary>The output format of <paramref name="path"/> by its extension (.jsonl/.ndjson, .csv, .parquet, .conll).</summary>
    public static string InferOutputFormat(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => "jsonl",
            ".csv" => "csv",
            ".parquet" => "parquet",
            ".conll" => "conll",
            _ => throw new WinnowException(
                $"{path}: cannot tell the output format from the file name; name it with 'format:' ({string.Join(" | ", OutputFormats)}) "
                + "or use the extension .jsonl, .ndjson, .csv, .parquet or .conll"),
        };

    /// <summary>The files of an input (a file, a folder, a glob) in ordinal order of their display path.</summary>
    public static IReadOnlyList<(string FullPath, string DisplayPath)> ResolveInputFiles(InputSpec spec) => InputFiles.Resolve(spec);

    public static IRecordReader CreateReader(string fullPath, string displayPath, InputSpec spec) => CreateReader(fullPath, displayPath, spec, null);

    /// <summary>
    /// True when a shard can read a byte range of the file on its own (<see cref="CreateReader(string, string, InputSpec, ByteRange?)"/>):
    /// uncompressed line formats (JSONL and its fine-tuning shapes, text by line). CSV (quoted line breaks, a header),
    /// JSON arrays, CoNLL (records span lines), Parquet and compressed files go whole to one shard.
    /// </summary>
    public static bool IsSplittable(string fullPath, string displayPath, InputSpec spec)
    {
        if (fullPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || fullPath.EndsWith(".zst", StringComparison.OrdinalIgnoreCase)) return false;
        var format = Normalize(spec.Format) ?? InferInputFormat(displayPath);
        return format is "jsonl" or "openai-chat" or "prompt-completion" or "alpaca" or "sharegpt" || (format == "text" && !spec.TextPerFile);
    }

    /// <summary>A reader of the whole file, or (for a splittable file) of the lines that start inside <paramref name="range"/>.</summary>
    public static IRecordReader CreateReader(string fullPath, string displayPath, InputSpec spec, ByteRange? range)
    {
        var format = Normalize(spec.Format) ?? InferInputFormat(displayPath);
        return format switch
        {
            "jsonl" or "openai-chat" or "prompt-completion" or "alpaca" or "sharegpt" => new JsonLinesReader(fullPath, displayPath, spec.Fields, range),
            "json" => new JsonArrayReader(fullPath, displayPath, spec.Fields),
            "csv" => new DelimitedReader(fullPath, displayPath, spec, (byte)',', quoting: true),
            "tsv" => new DelimitedReader(fullPath, displayPath, spec, (byte)'\t', quoting: false),
            "parquet" => new ParquetRecordReader(fullPath, displayPath, spec.Fields),
            "text" => new PlainTextReader(fullPath, displayPath, spec.TextPerFile, range),
            "conll" => new ConllReader(fullPath, displayPath),
            _ => throw new WinnowException($"{spec.Path}: unknown input format '{spec.Format}'; valid: {string.Join(", ", InputFormats)}"),
        };
    }

    /// <summary>Every item of every file of the input, in order.</summary>
    public static IEnumerable<SourceItem> ReadAll(InputSpec spec, CancellationToken ct = default)
    {
        var files = ResolveInputFiles(spec);
        foreach (var (full, display) in files)
            foreach (var item in CreateReader(full, display, spec).Read(ct))
                yield return item;
    }

    /// <summary>A writer for an output; a template or columns that do not fit the format are errors here, before any record.</summary>
    public static IRecordWriter CreateWriter(OutputSpec spec)
    {
        var format = Normalize(spec.Format) ?? InferOutputFormat(spec.Path);
        var chat = format is "openai-chat" or "prompt-completion" or "alpaca" or "sharegpt";
        if (spec.Template is not null && !chat)
            throw new WinnowException($"{spec.Path}: a template applies to the chat formats (openai-chat, prompt-completion, alpaca, sharegpt), not to {format}");
        if (spec.Columns is not null && format != "csv")
            throw new WinnowException($"{spec.Path}: columns apply to csv outputs, not to {format}");
        return format switch
        {
            "jsonl" => new JsonlWriter(),
            "csv" => new CsvRecordWriter(spec.Columns),
            "parquet" => new ParquetRecordWriter(),
            "conll" => new ConllWriter(),
            "openai-chat" => new OpenAiChatWriter(spec.Template),
            "prompt-completion" => new PromptCompletionWriter(spec.Template),
            "alpaca" => new AlpacaWriter(spec.Template),
            "sharegpt" => new ShareGptWriter(spec.Template),
            _ => throw new WinnowException($"{spec.Path}: unknown output format '{spec.Format}'; valid: {string.Join(", ", OutputFormats)}"),
        };
    }

    private static string? Normalize(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "ndjson" => "jsonl",
        "txt" => "text",
        var f => f,
    };
}
