namespace Winnow.Core.IO.Readers;

/// <summary>
/// Splits a byte stream into lines (LF or CRLF; the line ending is not part of the line) without decoding,
/// and skips a leading UTF-8 BOM. The read buffer doubles when a line does not fit, so a 50 MB line costs
/// O(n) copies, not O(n²). Each line is copied into a shared slab (<see cref="Slab"/>) so that many small
/// lines cost one allocation per megabyte, and items can be parsed later, on other threads.
/// </summary>
/// <remarks>
/// A shard reads a byte range of a file (<see cref="ByteRange"/>): the stream starts at a line's first byte,
/// <paramref name="firstNumber"/> is the number of lines before it, and a line whose first byte lies at or past
/// <paramref name="limit"/> (bytes from the stream's start) belongs to the next shard.
/// </remarks>
internal sealed class LineReader(Stream stream, string displayPath, long firstNumber = 0, long limit = long.MaxValue)
{
    private const int InitialBuffer = 1 << 20;

    public IEnumerable<(ReadOnlyMemory<byte> Line, long Number)> ReadLines(CancellationToken ct)
    {
        var buffer = new byte[InitialBuffer];
        var slab = new Slab();
        int start = 0, end = 0, scan = 0; // [start, end) holds unread bytes; scan: where to look for '\n' next
        long number = firstNumber;
        long shifted = 0; // bytes dropped from the buffer's front so far: buffer[i] is at stream offset shifted + i
        var eof = false;
        var first = firstNumber == 0;
        while (true)
        {
            if (shifted + start >= limit) yield break;
            var nl = buffer.AsSpan(scan, end - scan).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                var lineEnd = scan + nl;
                number++;
                yield return (slab.Copy(TrimCr(buffer.AsSpan(start, lineEnd - start))), number);
                start = scan = lineEnd + 1;
                continue;
            }
            if (eof)
            {
                if (end > start)
                {
                    number++;
                    yield return (slab.Copy(TrimCr(buffer.AsSpan(start, end - start))), number);
                }
                yield break;
            }
            ct.ThrowIfCancellationRequested();
            // No full line in [start, end): make room (shift, or grow when the line fills the buffer), read more.
            if (start > 0)
            {
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                shifted += start;
                end -= start;
                start = 0;
            }
            if (end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            scan = end;
            var n = InputStreams.Read(stream, buffer.AsSpan(end), displayPath, number + 1);
            if (n == 0) eof = true;
            end += n;
            if (first && (end >= 3 || eof))
            {
                first = false;
                if (end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) start = scan = 3;
            }
        }
    }

    /// <summary>
    /// Opens <paramref name="fullPath"/> at the first line that starts at or after <paramref name="range"/>'s start,
    /// and counts the lines before it (one read of the bytes before the range: shards of a 50 GB file pay it once).
    /// Returns the stream, the lines before, and the limit relative to the stream's position.
    /// </summary>
    public static (Stream Stream, long LinesBefore, long Limit) OpenRange(string fullPath, string displayPath, ByteRange range)
    {
        var stream = InputStreams.Open(fullPath, displayPath);
        if (range.Start == 0) return (stream, 0, range.End);
        var buffer = new byte[1 << 20];
        long lines = 0, position = 0, lineStart = -1;
        // Count the newlines before Start − 1, then find the first line that starts at or after Start.
        while (lineStart < 0)
        {
            var n = stream.Read(buffer, 0, buffer.Length);
            if (n == 0) { lineStart = position; break; }
            var span = buffer.AsSpan(0, n);
            var before = (int)Math.Clamp(range.Start - 1 - position, 0, n);
            lines += span[..before].Count((byte)'\n');
            if (before < n)
            {
                var nl = span[before..].IndexOf((byte)'\n');
                if (nl >= 0)
                {
                    lineStart = position + before + nl + 1;
                    lines++;
                }
            }
            position += n;
        }
        stream.Seek(lineStart, SeekOrigin.Begin);
        return (stream, lines, range.End - lineStart);
    }

    /// <summary>The lines of a file Winnow wrote (a rejects file, an output), as bytes, for the report's passes over them.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> FileLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        foreach (var (line, _) in new LineReader(stream, path).ReadLines(CancellationToken.None))
            yield return line;
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    /// <summary>True for a line of only spaces, tabs and CRs (skipped by line formats).</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;
}

/// <summary>Bump allocator for line bytes: 64 KB arrays (under the large-object heap's 85,000 bytes), big lines get their own.</summary>
internal sealed class Slab
{
    private const int Size = 1 << 16;
    private byte[] _current = new byte[Size];
    private int _used;

    public ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > Size / 4) return bytes.ToArray();
        if (_used + bytes.Length > _current.Length)
        {
            _current = new byte[Size];
            _used = 0;
        }
        var m = _current.AsMemory(_used, bytes.Length);
        bytes.CopyTo(m.Span);
        _used += bytes.Length;
        return m;
    }
}

/// <summary>Bytes [<see cref="Start"/>, <see cref="End"/>) of a file: a shard reads the lines that start inside.</summary>
public readonly record struct ByteRange(long Start, long End)
{
    public static readonly ByteRange All = new(0, long.MaxValue);
}
