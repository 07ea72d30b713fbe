using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Winnow.Core.IO;
using Winnow.Core.IO.Readers;
using Winnow.Core.Records;

namespace Winnow.Core.Formats;

/// <summary>
/// The canonical JSON of a <see cref="Record"/>: one object on one line, keys in the order
/// <c>id, text, messages, prompt, completion, label, labels, spans, meta, provenance</c>, null and empty ones
/// omitted. Used by the JSONL writer and the runner's spill files; the same bytes for the same record on
/// every machine (no indentation, relaxed escaping so non-ASCII text stays readable).
/// </summary>
public static class RecordJson
{
    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    // One buffer and writer per thread: Serialize is called from many threads at once by the runner.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>The record's JSON followed by <c>\n</c>.</summary>
    public static byte[] Serialize(Record record) => SerializeLine(record, static (w, r) => Write(w, r));

    /// <summary>Runs <paramref name="write"/> on a per-thread writer and returns its bytes plus <c>\n</c>.</summary>
    internal static byte[] SerializeLine(Record record, Action<Utf8JsonWriter, Record> write)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        SerializeLine(record, write, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Runs <paramref name="write"/> on a per-thread writer over <paramref name="into"/>, then appends <c>\n</c>.</summary>
    internal static void SerializeLine(Record record, Action<Utf8JsonWriter, Record> write, IBufferWriter<byte> into)
    {
        var writer = t_writer ??= new Utf8JsonWriter(into, WriterOptions);
        writer.Reset(into);
        try
        {
            write(writer, record);
            writer.Flush();
        }
        finally
        {
            writer.Reset(Stream.Null); // the writer outlives this call: it must not hold the caller's buffer
        }
        into.GetSpan(1)[0] = (byte)'\n';
        into.Advance(1);
    }

    /// <summary>Writes the record as one JSON object (no line ending).</summary>
    public static void Write(Utf8JsonWriter w, Record r)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        if (!string.IsNullOrEmpty(r.Text)) w.WriteString("text", r.Text);
        if (!r.Messages.IsDefaultOrEmpty)
        {
            w.WritePropertyName("messages");
            WriteMessages(w, r.Messages);
        }
        if (!string.IsNullOrEmpty(r.Prompt)) w.WriteString("prompt", r.Prompt);
        if (!string.IsNullOrEmpty(r.Completion)) w.WriteString("completion", r.Completion);
        if (!string.IsNullOrEmpty(r.Label)) w.WriteString("label", r.Label);
        if (!r.Labels.IsDefaultOrEmpty)
        {
            w.WriteStartArray("labels");
            foreach (var l in r.Labels) w.WriteStringValue(l);
            w.WriteEndArray();
        }
        if (!r.Spans.IsDefaultOrEmpty)
        {
            w.WritePropertyName("spans");
            WriteSpans(w, r.Spans);
        }
        if (r.Meta.Count > 0)
        {
            w.WritePropertyName("meta");
            WriteMeta(w, r.Meta);
        }
        if (HasProvenance(r.Provenance))
        {
            w.WritePropertyName("provenance");
            WriteProvenance(w, r.Provenance);
        }
        w.WriteEndObject();
    }

    internal static void WriteMessages(Utf8JsonWriter w, IEnumerable<ChatMessage> messages)
    {
        w.WriteStartArray();
        foreach (var m in messages)
        {
            w.WriteStartObject();
            w.WriteString("role", m.Role);
            w.WriteString("content", m.Content);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    internal static void WriteSpans(Utf8JsonWriter w, IEnumerable<TextSpan> spans)
    {
        w.WriteStartArray();
        foreach (var s in spans)
        {
            w.WriteStartObject();
            w.WriteNumber("start", s.Start);
            w.WriteNumber("end", s.End);
            w.WriteString("label", s.Label);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    internal static void WriteMeta(Utf8JsonWriter w, Meta meta)
    {
        w.WriteStartObject();
        foreach (var (k, v) in meta.Entries)
        {
            w.WritePropertyName(k);
            if (v.ValueKind == JsonValueKind.Undefined) w.WriteNullValue();
            else v.WriteTo(w);
        }
        w.WriteEndObject();
    }

    internal static bool HasProvenance(Provenance p) => p.Source is not null || !p.Steps.IsDefaultOrEmpty;

    internal static void WriteProvenance(Utf8JsonWriter w, Provenance p)
    {
        w.WriteStartObject();
        if (p.Source is not null) w.WriteString("source", p.Source);
        if (!p.Steps.IsDefaultOrEmpty)
        {
            w.WriteStartArray("steps");
            foreach (var s in p.Steps) w.WriteStringValue(s);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>Compact JSON of a value written by <paramref name="write"/> (meta, provenance columns).</summary>
    internal static string ToJsonString(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions)) write(w);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Reads one record's canonical JSON back (the inverse of <see cref="Serialize"/>). Throws
    /// <see cref="InputException"/> naming <paramref name="location"/> when the bytes are not a record. A record
    /// without provenance stays without it (reading a source file would give it <c>file:line</c>).
    /// </summary>
    public static Record Deserialize(ReadOnlyMemory<byte> json, SourceLocation location = default) =>
        JsonItem.ParseBytes(json, location.File is null ? new SourceLocation("<record>", 0) : location, FieldMapping.Default, assignSource: false);
}
