using System.Text.Json;
using Winnow.Core.Formats;
using Winnow.Core.Records;

namespace Winnow.Core.IO.Readers;

/// <summary>One JSON value's bytes (a JSONL line, a JSON array element); parsed and mapped in <see cref="Parse"/>.</summary>
internal sealed class JsonItem(SourceLocation location, ReadOnlyMemory<byte> json, FieldMapping fields) : SourceItem(location)
{
    public override Record Parse() => ParseBytes(json, Location, fields);

    public override string Raw => Utf8Checks.Lossy(json.Span);

    public override int Bytes => json.Length;

    /// <summary>
    /// Checks (NUL, UTF-8), parses one JSON value and maps it to a record. A plain line is mapped in one pass of a reader
    /// (<see cref="RecordMapper.TryMapLine"/>); any other is parsed where it lies, with pooled bookkeeping given back at
    /// once. Either way only the values that stay on the record (its meta) are copied out, so a record does not keep a
    /// copy of its whole line alive. The bytes may be reused once this returns.
    /// </summary>
    internal static Record ParseBytes(ReadOnlyMemory<byte> json, SourceLocation loc, FieldMapping fields, bool assignSource = true)
    {
        var span = json.Span;
        Utf8Checks.Check(span, loc);
        if (!JsonSurrogates.HasSurrogateEscape(span) && RecordMapper.TryMapLine(span, fields, loc, assignSource, out var record)) return record!;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return ParseCopy(span, loc, fields, assignSource); // not JSON: that parse words the error (and throws it)
        }
        using (document)
        {
            JsonSurrogates.Check(document.RootElement, span, loc);
            return RecordMapper.Map(document.RootElement, fields, loc, assignSource, borrowed: true);
        }
    }

    /// <summary>The parse by a reader: the value is copied into its own document, and what follows it is named.</summary>
    private static Record ParseCopy(ReadOnlySpan<byte> span, SourceLocation loc, FieldMapping fields, bool assignSource)
    {
        JsonElement root;
        try
        {
            var reader = new Utf8JsonReader(span);
            root = JsonElement.ParseValue(ref reader);
            if (reader.Read())
                throw new InputException(loc.File, loc.Line, "invalid JSON: more than one value on the line");
        }
        catch (JsonException e)
        {
            throw new InputException(loc.File, loc.Line, $"invalid JSON: {Describe(e)}", inner: e);
        }
        JsonSurrogates.Check(root, span, loc);
        return RecordMapper.Map(root, fields, loc, assignSource);
    }

    /// <summary>System.Text.Json's message without its own position suffix, plus the column.</summary>
    internal static string Describe(JsonException e)
    {
        var msg = e.Message;
        var cut = msg.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) msg = msg[..cut];
        return e.BytePositionInLine is { } col ? $"{msg} (column {col + 1})" : msg;
    }
}
