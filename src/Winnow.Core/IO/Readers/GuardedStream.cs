using System.Buffers.Binary;
using System.IO.Hashing;

namespace Winnow.Core.IO.Readers;

/// <summary>
/// A read-only wrapper around a text source's (decompressed) bytes with two checks that turn silent damage into
/// a clear error naming the file:
/// <list type="bullet">
/// <item>UTF-16: the first bytes are a UTF-16 byte-order mark, or ASCII interleaved with zero bytes. Said as
/// such ("looks like UTF-16; convert it to UTF-8"), not as "contains a NUL byte" on line 1.</item>
/// <item>gzip: .NET's <see cref="System.IO.Compression.GZipStream"/> ends quietly when the compressed data stops
/// early. At the end the CRC-32 and size of everything decompressed are compared with the file's 8-byte trailer
/// (RFC 1952 §2.3.1). A file of several gzip members (<c>cat a.gz b.gz</c>) has the last member's trailer, so it
/// is accepted when the trailer is the empty member bgzip ends with; otherwise it is refused as damaged.</item>
/// </list>
/// </summary>
internal sealed class GuardedStream(Stream inner, string displayPath, string? gzipPath = null) : Stream
{
    private bool _first = true;
    private bool _ended;
    private readonly Crc32? _crc = gzipPath is null ? null : new Crc32();
    private long _total;

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (_first && n > 0)
        {
            _first = false;
            CheckNotUtf16(buffer[..n], displayPath);
        }
        if (_crc is not null)
        {
            if (n > 0) { _crc.Append(buffer[..n]); _total += n; }
            else if (!_ended && buffer.Length > 0) { _ended = true; CheckGzipTrailer(); }
        }
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Throws when <paramref name="start"/> (a file's first bytes) is UTF-16 text.</summary>
    internal static void CheckNotUtf16(ReadOnlySpan<byte> start, string displayPath)
    {
        string? kind = null;
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) kind = "UTF-16 LE (it starts with the byte-order mark FF FE)";
        else if (start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) kind = "UTF-16 BE (it starts with the byte-order mark FE FF)";
        else if (start.Length >= 4 && start[0] != 0 && start[1] == 0 && start[2] != 0 && start[3] == 0) kind = "UTF-16 LE (every other byte is zero)";
        else if (start.Length >= 4 && start[0] == 0 && start[1] != 0 && start[2] == 0 && start[3] != 0) kind = "UTF-16 BE (every other byte is zero)";
        if (kind is not null)
            throw new InputException(displayPath, 0, $"looks like {kind}; Winnow reads UTF-8: convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8 IN > OUT");
    }

    private void CheckGzipTrailer()
    {
        Span<byte> trailer = stackalloc byte[8];
        using (var f = new FileStream(gzipPath!, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
        {
            if (f.Length < 18) throw Damaged("it is shorter than a gzip header and trailer");
            f.Seek(-8, SeekOrigin.End);
            f.ReadExactly(trailer);
        }
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        if (crc == _crc!.GetCurrentHashAsUInt32() && size == (uint)_total) return;
        if (crc == 0 && size == 0) return; // bgzip's empty end-of-file member: the members were checked by zlib as it went
        throw Damaged($"{_total:N0} bytes decompressed, but the gzip trailer says {size:N0} bytes with another checksum");
    }

    private InputException Damaged(string why) =>
        new(displayPath, 0, $"cannot decompress: the gzip data ends early or is damaged ({why}); a truncated download? (a file of several concatenated gzip members is not supported: recompress it as one)");

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
