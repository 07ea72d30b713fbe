using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.Records;

namespace Winnow.Core.Running;

/// <summary>
/// The files a run produces from records: the recipe's outputs and its <c>export</c> taps. Each target knows
/// its writer, and where a record goes (<c>{split}</c> → one file per <c>meta.split</c>).
/// </summary>
internal sealed class RunTarget
{
    public const string SplitPlaceholder = "{split}";
    public const string NoSplit = "unsplit";

    public RunTarget(int index, OutputSpec spec, string keyPrefix = "o")
    {
        Index = index;
        _prefix = keyPrefix == "o" ? $"o{index}/" : keyPrefix;
        Spec = spec;
        Writer = FormatRegistry.CreateWriter(spec);
        PerSplit = spec.Path.Contains(SplitPlaceholder, StringComparison.Ordinal);
        _fixedKey = _prefix + spec.Path;
    }

    private readonly string _fixedKey;

    private readonly string _prefix;

    public int Index { get; }
    public OutputSpec Spec { get; }
    public IRecordWriter Writer { get; }
    public bool PerSplit { get; }

    /// <summary>The key of the partial file for a record: <c>o&lt;index&gt;/&lt;path&gt;</c>.</summary>
    public string SinkKey(Record record) => PerSplit ? _prefix + FinalPath(record) : _fixedKey;

    /// <summary>The key of the partial file when the path has no placeholder (spills).</summary>
    public string FixedKey => _fixedKey;

    public string FinalPath(Record record) =>
        PerSplit ? Spec.Path.Replace(SplitPlaceholder, SplitOf(record), StringComparison.Ordinal) : Spec.Path;

    /// <summary>The bytes that go to the partial file: the format's own for concatenable formats, else a record spill.</summary>
    public byte[] Serialize(Record record) => WrittenInPlace ? Writer.Serialize(record) : RecordJson.Serialize(record);

    /// <inheritdoc cref="Serialize(Record)"/>
    public void Serialize(Record record, System.Buffers.IBufferWriter<byte> into)
    {
        if (WrittenInPlace) Writer.Serialize(record, into);
        else RecordJson.SerializeLine(record, static (w, r) => RecordJson.Write(w, r), into);
    }

    public ReadOnlySpan<byte> Header => WrittenInPlace ? Writer.Header.Span : default;

    /// <summary>The partial file is the output itself (renamed at the end); otherwise it is a record spill converted at the end (Parquet, shuffled outputs).</summary>
    public bool WrittenInPlace => Writer.IsConcatenable && !Spec.Shuffle;

    /// <summary>Splits name files, so they are kept to safe file-name characters.</summary>
    internal static string SplitOf(Record record)
    {
        var split = record.Meta.GetString("split");
        if (string.IsNullOrWhiteSpace(split)) return NoSplit;
        var chars = split.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var s = new string(chars).Trim('.');
        return s.Length == 0 ? NoSplit : s;
    }

    /// <summary>Which sink keys the finish hashes as written: rejects, and the targets whose partial file is the output.</summary>
    public static Func<string, bool> HashedKeys(IEnumerable<RunTarget> targets)
    {
        var inPlace = targets.Where(t => t.WrittenInPlace).Select(t => t.Index).ToHashSet();
        return key => key.StartsWith("rejects/", StringComparison.Ordinal) || (TryParseKey(key, out var index, out _) && inPlace.Contains(index));
    }

    /// <summary>Parses a sink key back into its target index and final path.</summary>
    public static bool TryParseKey(string key, out int index, out string finalPath)
    {
        index = -1;
        finalPath = "";
        if (key.Length < 3 || key[0] != 'o') return false;
        var slash = key.IndexOf('/');
        if (slash < 2 || !int.TryParse(key.AsSpan(1, slash - 1), out index)) return false;
        finalPath = key[(slash + 1)..];
        return true;
    }
}
