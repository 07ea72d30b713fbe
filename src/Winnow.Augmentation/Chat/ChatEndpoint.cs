using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using Winnow.Core;

namespace Winnow.Augmentation.Chat;

/// <summary>
/// One OpenAI-compatible endpoint, shared by every step that uses it: the OpenAI client (its own retries off, so
/// that Polly's are the only ones and are counted), under <see cref="ResilientChatClient"/> and one
/// <see cref="ConcurrencyLimitChatClient"/>. <see cref="ForStep"/> gives a step its client: the disk cache, then its
/// usage account, then this shared part.
/// </summary>
public sealed class ChatEndpoint : IDisposable
{
    private readonly IChatClient _shared;
    private readonly HttpClient _http;

    public ChatModelOptions Options { get; }

    /// <param name="handler">The HTTP handler (tests and proxies); default: a new <see cref="SocketsHttpHandler"/>.</param>
    public ChatEndpoint(ChatModelOptions options, HttpMessageHandler? handler = null)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new WinnowException(string.Join("; ", problems.Select(p => $"'{p.Key}': {p.Problem}")), 2);
        Options = options;
        // The per-attempt time-out is Polly's; the HTTP client must not cut a request short before it.
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new OpenAIClient(new ApiKeyCredential(options.ApiKey ?? "none"), new OpenAIClientOptions
        {
            Endpoint = new Uri(options.BaseUrl!),
            Transport = new HttpClientPipelineTransport(_http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        });
        IChatClient openAi = client.GetChatClient(options.Model!).AsIChatClient();
        _shared = new ConcurrencyLimitChatClient(new ResilientChatClient(openAi, options), options.Concurrency);
    }

    /// <summary>The shared part (retries, limits) every step's client ends in; steps must not dispose it.</summary>
    public IChatClient Shared => new NonDisposing(_shared);

    /// <summary>The client a step uses: cached (when a cache folder is configured) and counted in <paramref name="usage"/>.</summary>
    public IChatClient ForStep(ChatUsage usage)
    {
        IChatClient client = new UsageChatClient(new NonDisposing(_shared), usage);
        return Options.CacheDirectory is { } dir ? new DiskCacheChatClient(client, dir, usage) : client;
    }

    /// <summary>A new usage account with this endpoint's prices.</summary>
    public ChatUsage NewUsage() => new(Options.PromptPricePerMillion, Options.CompletionPricePerMillion);

    public void Dispose()
    {
        _shared.Dispose();
        _http.Dispose();
    }

    /// <summary>Steps dispose their clients; the shared part outlives them.</summary>
    private sealed class NonDisposing(IChatClient inner) : DelegatingChatClient(inner)
    {
        protected override void Dispose(bool disposing) { }
    }
}
