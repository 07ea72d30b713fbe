using Winnow.Core.Records;

namespace Winnow.Core.IO.Readers;

/// <summary>
/// Plain text (<c>.txt</c>): one record per non-blank line, or (<see cref="InputSpec.TextPerFile"/>) one
/// record per file with its trailing line breaks removed. Ids are content hashes; there is no other field.
/// </summary>
internal sealed class PlainTextReader(string fullPath, string displayPath, bool perFile, ByteRange? range = null) : IRecordReader
{
    public IEnumerable<SourceItem> Read(CancellationToken cancellationToken = default)
    {
        var (stream, before, limit) = range is { } r && !perFile ? LineReader.OpenRange(fullPath, displayPath, r) : (InputStreams.Open(fullPath, displayPath), 0L, long.MaxValue);
        using var _ = stream;
        if (perFile)
        {
            using var ms = new MemoryStream();
            var buffer = new byte[1 << 16];
            int n;
            while ((n = InputStreams.Read(stream, buffer, displayPath, 0)) > 0) ms.Write(buffer, 0, n);
            var all = ms.ToArray().AsMemory();
            if (all.Span.StartsWith("\uFEFF"u8)) all = all[3..];
            var trimmed = all.Span.TrimEnd("\r\n"u8).Length;
            if (!LineReader.IsBlank(all.Span) && all.Span.IndexOfAnyExcept(" \t\r\n"u8) >= 0)
                yield return new TextItem(new SourceLocation(displayPath, 1), all[..trimmed]);
            yield break;
        }
        foreach (var (line, number) in new LineReader(stream, displayPath, before, limit).ReadLines(cancellationToken))
        {
            if (LineReader.IsBlank(line.Span)) continue;
            yield return new TextItem(new SourceLocation(displayPath, number), line);
        }
    }

    private sealed class TextItem(SourceLocation location, ReadOnlyMemory<byte> bytes) : SourceItem(location)
    {
        public override Record Parse()
        {
            var text = Utf8Checks.Decode(bytes.Span, Location);
            var r = new Record { Id = "", Text = text, Provenance = Provenance.From(Location.ToString()) };
            return r with { Id = RecordIds.ContentHash(r) };
        }

        public override string Raw => Utf8Checks.Lossy(bytes.Span);

        public override int Bytes => bytes.Length;
    }
}
