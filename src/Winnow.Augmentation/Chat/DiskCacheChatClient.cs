using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Winnow.Augmentation.Chat;

/// <summary>
/// Caches every answer on disk, keyed by the SHA-256 of the request's full content (model, messages, options
/// including the seed, streaming or not), so a rerun or a resume after a crash pays for nothing twice and gets the
/// same bytes back. One file per request, <c>&lt;dir&gt;/&lt;2 hex&gt;/&lt;64 hex&gt;.json</c>, written to a temporary
/// name and renamed into place: a crash leaves no half entry (at most a <c>.tmp</c> file that is never read). An
/// entry that cannot be read (damaged by hand) is a miss and is written again.
/// </summary>
public sealed class DiskCacheChatClient : CachingChatClient
{
    /// <summary>Part of every key: bump it when what is cached changes meaning.</summary>
    private const string KeyVersion = "winnow-chat-cache-1";

    private static readonly JsonSerializerOptions Json = AIJsonUtilities.DefaultOptions;

    private readonly string _directory;
    private readonly string? _model;
    private readonly ChatUsage? _usage;

    public DiskCacheChatClient(IChatClient inner, string directory, ChatUsage? usage = null) : base(inner)
    {
        _directory = Path.GetFullPath(directory);
        _model = inner.GetService<ChatClientMetadata>()?.DefaultModelId;
        _usage = usage;
        Directory.CreateDirectory(_directory);
    }

    /// <summary>The file an entry lives in.</summary>
    public string PathOf(string key) => Path.Combine(_directory, key[..2], key + ".json");

    protected override string GetCacheKey(IEnumerable<ChatMessage> messages, ChatOptions? options, params ReadOnlySpan<object?> additionalValues)
    {
        // The model a request goes to is the options' model, else the client's default: both are part of the key.
        object?[] values = [KeyVersion, options?.ModelId ?? _model, messages, options, .. additionalValues];
        var bytes = JsonSerializer.SerializeToUtf8Bytes(values, Json);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    protected override async Task<ChatResponse?> ReadCacheAsync(string key, CancellationToken cancellationToken)
    {
        var response = await ReadAsync<ChatResponse>(key, cancellationToken);
        if (response is not null) _usage?.AddCacheHit();
        return response;
    }

    protected override async Task<IReadOnlyList<ChatResponseUpdate>?> ReadCacheStreamingAsync(string key, CancellationToken cancellationToken)
    {
        var updates = await ReadAsync<List<ChatResponseUpdate>>(key, cancellationToken);
        if (updates is not null) _usage?.AddCacheHit();
        return updates;
    }

    protected override Task WriteCacheAsync(string key, ChatResponse value, CancellationToken cancellationToken) =>
        WriteAsync(key, value, cancellationToken);

    protected override Task WriteCacheStreamingAsync(string key, IReadOnlyList<ChatResponseUpdate> value, CancellationToken cancellationToken) =>
        WriteAsync(key, value, cancellationToken);

    private async Task<T?> ReadAsync<T>(string key, CancellationToken cancellationToken) where T : class
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return null;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096, useAsync: true);
            return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            return null; // damaged: ask again and overwrite
        }
    }

    private async Task WriteAsync<T>(string key, T value, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await JsonSerializer.SerializeAsync(stream, value, Json, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
