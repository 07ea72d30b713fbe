using System.Buffers;
using System.Text.Json;
using Winnow.Core.Formats;
using Winnow.Core.Records;

namespace Winnow.Core.IO.Writers;

/// <summary>Base of the line-per-record JSON formats: one compact object and <c>\n</c> per record.</summary>
internal abstract class JsonLineWriter : IRecordWriter
{
    public abstract string Format { get; }

    public bool IsConcatenable => true;

    public ReadOnlyMemory<byte> Header => ReadOnlyMemory<byte>.Empty;

    public byte[] Serialize(Record record) => RecordJson.SerializeLine(record, Write);

    public void Serialize(Record record, IBufferWriter<byte> into) => RecordJson.SerializeLine(record, Write, into);

    /// <summary>Writes one record as a JSON object; throws <see cref="WinnowException"/> when it cannot.</summary>
    protected abstract void Write(Utf8JsonWriter writer, Record record);

    public void WriteAll(Stream destination, IEnumerable<Record> records)
    {
        foreach (var r in records) destination.Write(Serialize(r));
    }
}

/// <summary>JSONL in the record's canonical JSON (<see cref="RecordJson"/>); reads back into the same records.</summary>
internal sealed class JsonlWriter : JsonLineWriter
{
    public override string Format => "jsonl";

    protected override void Write(Utf8JsonWriter writer, Record record) => RecordJson.Write(writer, record);
}
