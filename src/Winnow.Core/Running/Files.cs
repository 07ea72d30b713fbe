using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Winnow.Core.Running;

/// <summary>Whole-file writes and hashes shared by the runner, the merge and <c>winnow compare</c>.</summary>
internal static class Files
{
    /// <summary>Feeds <paramref name="stream"/> from its position to its end into <paramref name="hash"/>, a megabyte at a time.</summary>
    public static void Hash(Stream stream, IncrementalHash hash)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0) hash.AppendData(buffer, 0, n);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes a file whole or not at all (a temporary file renamed over it).</summary>
    public static void WriteAtomically(string path, byte[] bytes)
    {
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, bytes);
        File.Move(tmp, path, overwrite: true);
    }

    /// <inheritdoc cref="WriteAtomically(string, byte[])"/>
    public static void WriteAtomically(string path, string text) => WriteAtomically(path, Encoding.UTF8.GetBytes(text));

    /// <summary>SHA-256 (lower-case hex) of a file.</summary>
    public static string Sha256(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Hash(file, hash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
