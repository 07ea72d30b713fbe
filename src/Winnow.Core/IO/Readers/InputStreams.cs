using System.IO.Compression;
using ZstdSharp;

namespace Winnow.Core.IO.Readers;

/// <summary>
/// Opens a source file for reading, decompressing <c>.gz</c> and <c>.zst</c> by extension. Text sources are
/// guarded (<see cref="GuardedStream"/>): UTF-16 is named as such before a line is read, and a gzip file whose
/// trailer does not match what was decompressed (a truncated download) is an error, not a silent short read.
/// </summary>
internal static class InputStreams
{
    private const int FileBuffer = 1 << 16;

    /// <param name="binary">A binary container (Parquet): no text checks.</param>
    public static Stream Open(string fullPath, string displayPath, bool binary = false)
    {
        FileStream file;
        try
        {
            file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileBuffer, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException) { throw new InputException(displayPath, 0, "the file does not exist"); }
        catch (DirectoryNotFoundException) { throw new InputException(displayPath, 0, "the file does not exist"); }
        catch (UnauthorizedAccessException) { throw new InputException(displayPath, 0, "the file cannot be read (permission denied)"); }

        if (fullPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            return new GuardedStream(new GZipStream(file, CompressionMode.Decompress), displayPath, gzipPath: fullPath);
        if (fullPath.EndsWith(".zst", StringComparison.OrdinalIgnoreCase))
            return new GuardedStream(new DecompressionStream(file), displayPath);
        return binary ? file : new GuardedStream(file, displayPath);
    }

    /// <summary>Runs one read of a (maybe compressed) stream, turning a corrupt container into an <see cref="InputException"/>.</summary>
    public static int Read(Stream stream, Span<byte> buffer, string displayPath, long line)
    {
        try { return stream.Read(buffer); }
        catch (InvalidDataException e) { throw new InputException(displayPath, line, $"cannot decompress: {e.Message}", inner: e); }
        catch (ZstdException e) { throw new InputException(displayPath, line, $"cannot decompress: {e.Message}", inner: e); }
        catch (EndOfStreamException e) { throw new InputException(displayPath, line, "cannot decompress: the compressed data ends early (a truncated file?)", inner: e); }
    }
}
