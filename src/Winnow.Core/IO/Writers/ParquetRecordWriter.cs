using Parquet;
using Parquet.Schema;
using Winnow.Core.Formats;
using Winnow.Core.Records;

namespace Winnow.Core.IO.Writers;

/// <summary>
/// Parquet with one nullable UTF-8 string column per record field: <c>id, text, prompt, completion, label,
/// labels</c> (<c>|</c>-joined), <c>messages_json, meta_json, provenance_json</c> (compact JSON). Flat string
/// columns read in pandas, DuckDB and Spark without a nested-type reader; the Parquet reader restores the
/// JSON columns, so a file reads back into the same records. Rows are written in groups of
/// <see cref="RowGroupSize"/>, so memory is bounded by one group. Not concatenable: use <see cref="WriteAll"/>.
/// </summary>
internal sealed class ParquetRecordWriter : IRecordWriter
{
    public const int RowGroupSize = 100_000;

    private static readonly (string Name, Func<Record, string?> Value)[] Columns =
    [
        ("id", r => r.Id),
        ("text", r => r.Text),
        ("prompt", r => r.Prompt),
        ("completion", r => r.Completion),
        ("label", r => r.Label),
        ("labels", r => r.Labels.IsDefaultOrEmpty ? null : string.Join('|', r.Labels)),
        ("spans_json", r => r.Spans.IsDefaultOrEmpty ? null : RecordJson.ToJsonString(w => RecordJson.WriteSpans(w, r.Spans))),
        ("messages_json", r => r.Messages.IsDefaultOrEmpty ? null : RecordJson.ToJsonString(w => RecordJson.WriteMessages(w, r.Messages))),
        ("meta_json", r => r.Meta.Count == 0 ? null : RecordJson.ToJsonString(w => RecordJson.WriteMeta(w, r.Meta))),
        ("provenance_json", r => RecordJson.HasProvenance(r.Provenance) ? RecordJson.ToJsonString(w => RecordJson.WriteProvenance(w, r.Provenance)) : null),
    ];

    public string Format => "parquet";

    public bool IsConcatenable => false;

    public ReadOnlyMemory<byte> Header => ReadOnlyMemory<byte>.Empty;

    public byte[] Serialize(Record record) =>
        throw new NotSupportedException("Parquet is not a line format: the runner writes it with WriteAll");

    public void WriteAll(Stream destination, IEnumerable<Record> records) =>
        WriteAllAsync(destination, records).GetAwaiter().GetResult();

    private static async Task WriteAllAsync(Stream destination, IEnumerable<Record> records)
    {
        var fields = Columns.Select(c => new DataField(c.Name, typeof(string), isNullable: true)).ToArray();
        var schema = new ParquetSchema(fields);
        await using var writer = await ParquetWriter.CreateAsync(schema, destination);
        var batch = new List<Record>(RowGroupSize);
        var wroteAny = false;
        foreach (var r in records)
        {
            batch.Add(r);
            if (batch.Count == RowGroupSize)
            {
                await WriteGroup(writer, fields, batch);
                wroteAny = true;
                batch.Clear();
            }
        }
        // An empty dataset still gets one (empty) row group so every reader sees the schema.
        if (batch.Count > 0 || !wroteAny) await WriteGroup(writer, fields, batch);
    }

    private static async Task WriteGroup(ParquetWriter writer, DataField[] fields, List<Record> batch)
    {
        using var group = writer.CreateRowGroup();
        for (var c = 0; c < Columns.Length; c++)
        {
            var values = new string?[batch.Count];
            for (var i = 0; i < batch.Count; i++) values[i] = Columns[c].Value(batch[i]);
            await group.WriteAsync(fields[c], values, null);
        }
    }
}
