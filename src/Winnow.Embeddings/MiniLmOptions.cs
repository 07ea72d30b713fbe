namespace Winnow.Embeddings;

/// <summary>Options of <see cref="MiniLmEmbeddingGenerator"/>.</summary>
public sealed record MiniLmOptions
{
    /// <summary>
    /// Tokens per text, counting [CLS] and [SEP]; longer texts are truncated. Default 128: the length
    /// all-MiniLM-L6-v2 was trained on (its card: "input text longer than 256 word pieces is truncated";
    /// training used 128), and attention cost grows with the square of it.
    /// </summary>
    public int MaxTokens { get; init; } = 128;

    /// <summary>Texts per ONNX call; each batch is padded to its longest text (dynamic padding). Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>ONNX Runtime intra-op threads. Default 0: all cores.</summary>
    public int Threads { get; init; }

    /// <summary>
    /// Folder of the on-disk cache (<c>minilm-l6-v2-128/</c>: segment files of 16-byte XxHash128 of the text + 384
    /// floats, see <see cref="EmbeddingCache"/>). Default null: no cache.
    /// </summary>
    public string? CacheDirectory { get; init; }
}

/// <summary>Where the CLI keeps embeddings between runs.</summary>
public static class EmbeddingCacheFolder
{
    /// <summary>
    /// <c>$WINNOW_CACHE/features</c>, else <c>$XDG_CACHE_HOME/winnow/features</c>, else <c>~/.cache/winnow/features</c>:
    /// where head-only training keeps the frozen encoder's features between runs.
    /// </summary>
    public static string Features() => Path.Combine(Path.GetDirectoryName(Default())!, "features");

    /// <summary>
    /// <c>$WINNOW_CACHE/embeddings</c>, else <c>$XDG_CACHE_HOME/winnow/embeddings</c>, else
    /// <c>~/.cache/winnow/embeddings</c>.
    /// </summary>
    public static string Default()
    {
        if (Environment.GetEnvironmentVariable("WINNOW_CACHE") is { Length: > 0 } winnow) return Path.Combine(winnow, "embeddings");
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = xdg is { Length: > 0 } ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "winnow", "embeddings");
    }
}
