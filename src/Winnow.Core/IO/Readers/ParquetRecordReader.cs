using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
using Winnow.Core.Formats;

namespace Winnow.Core.IO.Readers;

/// <summary>
/// Parquet files with top-level columns of primitive types. Each row becomes a JSON object (numbers and
/// bools keep their type, dates become ISO-8601 strings, binary becomes base64) and is mapped like a JSON
/// record; the "line" of a row is its 1-based row number. The columns Winnow's own Parquet writer adds
/// (<c>meta_json</c>, <c>provenance_json</c>, <c>messages_json</c>, <c>spans_json</c>) are restored as objects, so its files
/// read back into the same records. Row groups are read one at a time, so memory is bounded by one group.
/// </summary>
internal sealed class ParquetRecordReader(string fullPath, string displayPath, FieldMapping fields) : IRecordReader
{
    private static readonly Dictionary<string, string> JsonColumns = new()
    {
        ["meta_json"] = "meta",
        ["provenance_json"] = "provenance",
        ["messages_json"] = "messages",
        ["spans_json"] = "spans",
    };

    public IEnumerable<SourceItem> Read(CancellationToken cancellationToken = default)
    {
        using var stream = InputStreams.Open(fullPath, displayPath, binary: true);
        ParquetReader reader;
        try { reader = ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).GetAwaiter().GetResult(); }
        catch (Exception e) when (e is not OperationCanceledException and not WinnowException)
        {
            // A damaged file can fail anywhere in Parquet.Net's decoding (overflow, out of range, bad Thrift).
            throw new InputException(displayPath, 0, $"not a readable Parquet file: {e.Message}", inner: e);
        }
        try
        {
            var columns = Columns(reader.Schema);
            long row = 0;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var group = reader.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                var data = ReadGroup(group, columns, count, cancellationToken);
                for (var i = 0; i < count; i++)
                {
                    row++;
                    yield return new JsonItem(new SourceLocation(displayPath, row), RowJson(columns, data, i), fields);
                }
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private DataField[] Columns(ParquetSchema schema)
    {
        var result = new List<DataField>();
        foreach (var f in schema.Fields)
        {
            if (f is not DataField d || d.IsArray || d.MaxRepetitionLevel > 0)
                throw new InputException(displayPath, 0,
                    $"column '{f.Name}' is a {f.SchemaType.ToString().ToLowerInvariant()}; only columns of primitive types are read");
            result.Add(d);
        }
        return [.. result];
    }

    private object?[][] ReadGroup(ParquetRowGroupReader group, DataField[] columns, int count, CancellationToken ct)
    {
        try { return columns.Select(c => ReadColumn(group, c, count, ct)).ToArray(); }
        catch (Exception e) when (e is not OperationCanceledException and not WinnowException)
        {
            throw new InputException(displayPath, 0, $"cannot read a row group: {e.Message}", inner: e);
        }
    }

    private static object?[] ReadColumn(ParquetRowGroupReader group, DataField field, int count, CancellationToken ct)
    {
        var t = field.ClrType;
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>)) return ReadStrings(group, field, count, ct);
        if (t == typeof(byte[])) return ReadBytes(group, field, count, ct);
        if (t == typeof(bool)) return ReadStruct<bool>(group, field, count, ct);
        if (t == typeof(int)) return ReadStruct<int>(group, field, count, ct);
        if (t == typeof(long)) return ReadStruct<long>(group, field, count, ct);
        if (t == typeof(short)) return ReadStruct<short>(group, field, count, ct);
        if (t == typeof(sbyte)) return ReadStruct<sbyte>(group, field, count, ct);
        if (t == typeof(byte)) return ReadStruct<byte>(group, field, count, ct);
        if (t == typeof(ushort)) return ReadStruct<ushort>(group, field, count, ct);
        if (t == typeof(uint)) return ReadStruct<uint>(group, field, count, ct);
        if (t == typeof(ulong)) return ReadStruct<ulong>(group, field, count, ct);
        if (t == typeof(float)) return ReadStruct<float>(group, field, count, ct);
        if (t == typeof(double)) return ReadStruct<double>(group, field, count, ct);
        if (t == typeof(decimal)) return ReadStruct<decimal>(group, field, count, ct);
        if (t == typeof(DateTime)) return ReadStruct<DateTime>(group, field, count, ct);
        if (t == typeof(DateTimeOffset)) return ReadStruct<DateTimeOffset>(group, field, count, ct);
        if (t == typeof(DateOnly)) return ReadStruct<DateOnly>(group, field, count, ct);
        if (t == typeof(TimeOnly)) return ReadStruct<TimeOnly>(group, field, count, ct);
        if (t == typeof(TimeSpan)) return ReadStruct<TimeSpan>(group, field, count, ct);
        if (t == typeof(Guid)) return ReadStruct<Guid>(group, field, count, ct);
        throw new NotSupportedException($"column '{field.Name}' has type {t.Name}");
    }

    private static object?[] ReadStrings(ParquetRowGroupReader group, DataField field, int count, CancellationToken ct)
    {
        var values = new string?[count];
        group.ReadAsync(field, values.AsMemory(), null, ct).AsTask().GetAwaiter().GetResult();
        return values;
    }

    private static object?[] ReadBytes(ParquetRowGroupReader group, DataField field, int count, CancellationToken ct)
    {
        var values = new byte[]?[count];
        group.ReadAsync(field, values.AsMemory(), null, ct).AsTask().GetAwaiter().GetResult();
        return values;
    }

    private static object?[] ReadStruct<T>(ParquetRowGroupReader group, DataField field, int count, CancellationToken ct) where T : struct
    {
        var values = new T?[count];
        group.ReadAsync(field, values.AsMemory(), null, ct).AsTask().GetAwaiter().GetResult();
        return values.Select(v => (object?)v).ToArray();
    }

    private static ReadOnlyMemory<byte> RowJson(DataField[] columns, object?[][] data, int row)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, RecordJson.WriterOptions))
        {
            w.WriteStartObject();
            for (var c = 0; c < columns.Length; c++)
            {
                var value = data[c][row];
                // A null JSON column means "no meta" (or provenance, messages), not a meta field that is null.
                if (value is null && JsonColumns.ContainsKey(columns[c].Name)) continue;
                if (value is string s && JsonColumns.TryGetValue(columns[c].Name, out var key) && TryParseJson(s, out var json))
                {
                    w.WritePropertyName(key);
                    json.WriteTo(w);
                    continue;
                }
                w.WritePropertyName(columns[c].Name);
                WriteValue(w, value);
            }
            w.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }

    private static bool TryParseJson(string s, out JsonElement json)
    {
        try
        {
            json = JsonElement.Parse(s);
            return true;
        }
        catch (JsonException)
        {
            json = default;
            return false;
        }
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case byte[] bytes: w.WriteBase64StringValue(bytes); break;
            case float f when !float.IsFinite(f): w.WriteNullValue(); break;
            case double d when !double.IsFinite(d): w.WriteNullValue(); break;
            case float f: w.WriteNumberValue(f); break;
            case double d: w.WriteNumberValue(d); break;
            case decimal m: w.WriteNumberValue(m); break;
            case int or long or short or sbyte or byte or ushort or uint:
                w.WriteNumberValue(Convert.ToInt64(value, inv)); break;
            case ulong u: w.WriteNumberValue(u); break;
            case DateTime dt: w.WriteStringValue(dt.ToString("O", inv)); break;
            case DateTimeOffset dto: w.WriteStringValue(dto.ToString("O", inv)); break;
            case DateOnly d: w.WriteStringValue(d.ToString("O", inv)); break;
            case TimeOnly t: w.WriteStringValue(t.ToString("O", inv)); break;
            case TimeSpan ts: w.WriteStringValue(ts.ToString("c", inv)); break;
            default: w.WriteStringValue(Convert.ToString(value, inv)); break;
        }
    }
}
