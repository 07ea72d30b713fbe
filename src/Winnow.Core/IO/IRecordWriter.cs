using System.Buffers;
using Winnow.Core.Records;

namespace Winnow.Core.IO;

/// <summary>
/// Serialises records in one output format. Line-oriented formats (<see cref="IsConcatenable"/>) turn each
/// record into bytes independently, so the runner serialises in parallel and writes chunk parts that it
/// concatenates at the end; the others (Parquet) get the records of the whole output at once.
/// </summary>
public interface IRecordWriter
{
    /// <summary>Format name as recipes spell it (jsonl, csv, parquet, openai-chat, …).</summary>
    string Format { get; }

    /// <summary>True when the file is a header followed by one independent byte run per record.</summary>
    bool IsConcatenable { get; }

    /// <summary>Bytes that open the file (a CSV header); empty for most formats.</summary>
    ReadOnlyMemory<byte> Header { get; }

    /// <summary>The bytes of one record, including its line ending. Thread-safe. Throws
    /// <see cref="WinnowException"/> when the record cannot be expressed in this format.</summary>
    byte[] Serialize(Record record);

    /// <summary>Appends the bytes of <see cref="Serialize(Record)"/> to <paramref name="into"/> (the runner's per-range buffers,
    /// so a chunk's records are not an array each). Thread-safe for distinct buffers.</summary>
    void Serialize(Record record, IBufferWriter<byte> into) => into.Write(Serialize(record));

    /// <summary>Writes a whole file (for formats that are not concatenable).</summary>
    void WriteAll(Stream destination, IEnumerable<Record> records);
}
