using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.IO.Readers;
using Winnow.Core.Records;

namespace Winnow.Core.Running;

/// <summary>
/// <c>shuffle: true</c> on an output: its records in a seeded order, keyed on each record's id (XxHash3 of the run's
/// seed and the id; ties, i.e. repeated ids, by position), so the order depends on the seed and the records, never on
/// chunking or core count, and a run gives the same bytes every time. The output's records are spilled as record
/// JSONL while the run streams; at the end one pass finds each line's offset and id (24 bytes per record in memory),
/// the entries are sorted, and the lines are read back in that order by offset and written by the output's writer.
/// </summary>
internal static class OutputShuffle
{
    public static IEnumerable<Record> Read(string spill, long seed)
    {
        var entries = Index(spill, seed);
        entries.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Offset.CompareTo(b.Offset));
        using var handle = File.OpenHandle(spill, FileMode.Open, FileAccess.Read);
        var buffer = new byte[1 << 16];
        var location = new SourceLocation(Path.GetFileName(spill), 0);
        foreach (var e in entries)
        {
            if (buffer.Length < e.Length) buffer = new byte[Math.Max(e.Length, buffer.Length * 2)];
            var read = 0;
            while (read < e.Length) read += RandomAccess.Read(handle, buffer.AsSpan(read, e.Length - read), e.Offset + read);
            yield return JsonItem.ParseBytes(buffer.AsMemory(0, e.Length), location, FieldMapping.Default, assignSource: false);
        }
    }

    private static List<(ulong Key, long Offset, int Length)> Index(string spill, long seed)
    {
        var entries = new List<(ulong, long, int)>();
        using var stream = new FileStream(spill, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        long offset = 0;
        foreach (var (line, _) in new LineReader(stream, spill).ReadLines(CancellationToken.None))
        {
            if (line.Length > 0) entries.Add((Key(line.Span, seed), offset, line.Length));
            offset += line.Length + 1; // spills end lines with LF only
        }
        return entries;
    }

    private static ulong Key(ReadOnlySpan<byte> json, long seed)
    {
        var reader = new Utf8JsonReader(json);
        string id = "";
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId) { id = reader.GetString() ?? ""; break; }
                reader.Skip();
            }
        var bytes = Encoding.UTF8.GetBytes(id);
        var withSeed = new byte[bytes.Length + 8];
        BitConverter.TryWriteBytes(withSeed, seed);
        bytes.CopyTo(withSeed, 8);
        return XxHash3.HashToUInt64(withSeed);
    }
}
