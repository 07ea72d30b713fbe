using System.Text;
using Winnow.Core.Formats;
using Winnow.Core.Records;

namespace Winnow.Core.IO.Writers;

/// <summary>
/// CSV with RFC 4180 quoting (a value holding a comma, a quote, CR or LF is quoted, quotes doubled), a
/// header row, and <c>\n</c> line endings. Columns come from <see cref="OutputSpec.Columns"/>, default
/// <c>id,text,label,labels,meta</c>: labels <c>|</c>-joined and meta as compact JSON, because a stream's
/// meta keys are not known when the header is written. The reader maps these columns back: labels split
/// on <c>|</c>, and the JSON cells (<c>meta</c>, <c>messages</c>, <c>provenance</c>) parsed again. What CSV loses is
/// the record's shape: <c>text</c> is the content text, so a prompt/completion record comes back as text.
/// </summary>
internal sealed class CsvRecordWriter : IRecordWriter
{
    public static readonly string[] DefaultColumns = ["id", "text", "label", "labels", "meta"];

    private readonly string[] _columns;
    private readonly byte[] _header;

    public CsvRecordWriter(IReadOnlyList<string>? columns)
    {
        _columns = columns is { Count: > 0 } ? [.. columns] : DefaultColumns;
        var dup = _columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new WinnowException($"csv columns: '{dup.Key}' is listed twice");
        if (_columns.Any(string.IsNullOrWhiteSpace)) throw new WinnowException("csv columns: a column name is empty");
        _header = Encoding.UTF8.GetBytes(Line(_columns));
    }

    public string Format => "csv";

    public bool IsConcatenable => true;

    public ReadOnlyMemory<byte> Header => _header;

    public byte[] Serialize(Record record) =>
        Encoding.UTF8.GetBytes(Line(_columns.Select(c => Value(record, c))));

    public void WriteAll(Stream destination, IEnumerable<Record> records)
    {
        destination.Write(_header);
        foreach (var r in records) destination.Write(Serialize(r));
    }

    private static string Value(Record r, string column) => column switch
    {
        "id" => r.Id,
        "text" => r.ContentText,
        "prompt" => r.Prompt ?? "",
        "completion" => r.Completion ?? "",
        "label" => r.Label ?? "",
        "labels" => r.Labels.IsDefaultOrEmpty ? "" : string.Join('|', r.Labels),
        "spans" => r.Spans.IsDefaultOrEmpty ? "" : RecordJson.ToJsonString(w => RecordJson.WriteSpans(w, r.Spans)),
        "messages" => r.Messages.IsDefaultOrEmpty ? "" : RecordJson.ToJsonString(w => RecordJson.WriteMessages(w, r.Messages)),
        "meta" => r.Meta.Count == 0 ? "" : RecordJson.ToJsonString(w => RecordJson.WriteMeta(w, r.Meta)),
        "provenance" => RecordJson.HasProvenance(r.Provenance) ? RecordJson.ToJsonString(w => RecordJson.WriteProvenance(w, r.Provenance)) : "",
        "source" => r.Provenance.Source ?? "",
        _ => r.Meta.GetString(column.StartsWith("meta.", StringComparison.Ordinal) ? column[5..] : column) ?? "",
    };

    private static string Line(IEnumerable<string> values)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var v in values)
        {
            if (!first) sb.Append(',');
            first = false;
            if (v.AsSpan().IndexOfAny(",\"\r\n") >= 0) sb.Append('"').Append(v.Replace("\"", "\"\"")).Append('"');
            else sb.Append(v);
        }
        return sb.Append('\n').ToString();
    }
}
