namespace Winnow.Core.IO.Readers;

/// <summary>
/// JSON Lines (<c>.jsonl</c>, <c>.ndjson</c>, optionally <c>.gz</c>/<c>.zst</c>): one JSON object per line.
/// Reading only splits lines (bytes, never decoded here); blank and whitespace-only lines are skipped.
/// </summary>
internal sealed class JsonLinesReader(string fullPath, string displayPath, FieldMapping fields, ByteRange? range = null) : IRecordReader
{
    public IEnumerable<SourceItem> Read(CancellationToken cancellationToken = default)
    {
        var (stream, before, limit) = range is { } r ? LineReader.OpenRange(fullPath, displayPath, r) : (InputStreams.Open(fullPath, displayPath), 0L, long.MaxValue);
        using var _ = stream;
        foreach (var (line, number) in new LineReader(stream, displayPath, before, limit).ReadLines(cancellationToken))
        {
            if (LineReader.IsBlank(line.Span)) continue;
            yield return new JsonItem(new SourceLocation(displayPath, number), line, fields);
        }
    }
}
