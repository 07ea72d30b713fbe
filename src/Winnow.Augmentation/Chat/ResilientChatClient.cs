using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;
using Winnow.Core;

namespace Winnow.Augmentation.Chat;

/// <summary>A chat request that failed for good (after its retries, or with an error no retry can fix).</summary>
public sealed class ChatRequestException(string message, Exception? inner = null) : WinnowException(message, 1, inner);

/// <summary>
/// Polly 8 around each request: retries with exponential back-off and jitter on 408, 429, 5xx, time-outs, broken
/// connections and malformed answers, waiting what a <c>Retry-After</c> header asks instead when there is one; a
/// requests-per-minute limit on every attempt (a token bucket refilled one request at a time); a time-out per attempt.
/// Retries are counted in <see cref="ChatUsage.Current"/>. A streaming request is retried until its first update
/// arrives, never after (a half-delivered answer is not streamed twice).
/// </summary>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ResiliencePipeline _pipeline;
    private readonly RateLimiter? _limiter;
    private readonly int _attempts;

    public ResilientChatClient(IChatClient inner, ChatModelOptions options) : base(inner)
    {
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetries > 0)
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(options.RetryDelaySeconds),
                MaxDelay = TimeSpan.FromSeconds(Math.Max(options.MaxRetryDelaySeconds, options.RetryDelaySeconds)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception)),
                OnRetry = _ =>
                {
                    ChatUsage.Current?.AddRetry();
                    return default;
                },
            });
        if (options.RequestsPerMinute is { } rpm)
        {
            _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) / rpm,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
            builder.AddRateLimiter(_limiter);
        }
        builder.AddTimeout(options.Timeout);
        _pipeline = builder.Build();
        _attempts = options.MaxRetries + 1;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        try
        {
            return await _pipeline.ExecuteAsync(async token => await base.GetResponseAsync(list, options, token), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not ChatRequestException)
        {
            throw Failure(e);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        IAsyncEnumerator<ChatResponseUpdate>? stream = null;
        CancellationTokenSource? attempt = null;
        var any = false;
        try
        {
            try
            {
                await _pipeline.ExecuteAsync(async token =>
                {
                    if (stream is not null) await stream.DisposeAsync();
                    attempt?.Dispose();
                    // The stream lives past this attempt: give it its own token, which the attempt's time-out cancels
                    // only until the first update has come.
                    attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    await using var untilFirst = token.Register(static s => ((CancellationTokenSource)s!).Cancel(), attempt);
                    stream = base.GetStreamingResponseAsync(list, options, attempt.Token).GetAsyncEnumerator(attempt.Token);
                    any = await stream.MoveNextAsync();
                }, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not ChatRequestException)
            {
                throw Failure(e);
            }
            while (any)
            {
                yield return stream!.Current;
                any = await stream!.MoveNextAsync();
            }
        }
        finally
        {
            if (stream is not null) await stream.DisposeAsync();
            attempt?.Dispose();
        }
    }

    /// <summary>What a retry can fix.</summary>
    internal static bool IsTransient(Exception e) => e switch
    {
        ClientResultException c => c.Status is 0 or 408 or 409 or 429 or >= 500 || c.InnerException is HttpRequestException or IOException,
        HttpRequestException or IOException or TimeoutRejectedException => true,
        JsonException or FormatException => true, // a malformed answer (a proxy's error page, a truncated body)
        _ => false,
    };

    /// <summary>The delay a 429 or 503 asks for (seconds or an HTTP date); null: the back-off decides.</summary>
    internal static TimeSpan? RetryAfter(Exception? e)
    {
        if (e is not ClientResultException c || c.GetRawResponse() is not { } response) return null;
        if (!response.Headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value)) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            return TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            return date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }

    private ChatRequestException Failure(Exception e)
    {
        var what = e switch
        {
            ClientResultException c when c.Status != 0 => $"HTTP {c.Status} ({(HttpStatusCode)c.Status}): {FirstLine(c.Message)}",
            TimeoutRejectedException => "timed out",
            _ => $"{e.GetType().Name}: {FirstLine(e.Message)}",
        };
        var attempts = IsTransient(e) ? $"after {_attempts} attempt(s)" : "(not retried)";
        return new ChatRequestException($"chat model request failed {attempts}: {what}", e);
    }

    private static string FirstLine(string s) => s.Split('\n', 2)[0].Trim();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _limiter?.Dispose();
        base.Dispose(disposing);
    }
}
