namespace Winnow.Augmentation.Chat;

/// <summary>
/// One step's account of its chat requests: sent (paid), served from the cache, retried, failed; prompt and
/// completion tokens of the paid ones, as the endpoint reported them (or counted with cl100k when it did not); and
/// the estimated cost when prices are configured. Thread-safe. The retrying middleware, shared by all steps, finds
/// the account of the request it is working on through <see cref="Current"/>.
/// </summary>
public sealed class ChatUsage(double? promptPricePerMillion = null, double? completionPricePerMillion = null)
{
    private static readonly AsyncLocal<ChatUsage?> CurrentSlot = new();

    private long _requests, _cacheHits, _retries, _failures, _promptTokens, _completionTokens, _estimatedTokens;

    /// <summary>The account of the request running on this async flow, if any.</summary>
    public static ChatUsage? Current
    {
        get => CurrentSlot.Value;
        internal set => CurrentSlot.Value = value;
    }

    public long Requests => Interlocked.Read(ref _requests);
    public long CacheHits => Interlocked.Read(ref _cacheHits);
    public long Retries => Interlocked.Read(ref _retries);
    public long Failures => Interlocked.Read(ref _failures);
    public long PromptTokens => Interlocked.Read(ref _promptTokens);
    public long CompletionTokens => Interlocked.Read(ref _completionTokens);

    /// <summary>Requests whose tokens were counted locally because the endpoint reported no usage.</summary>
    public long EstimatedTokenRequests => Interlocked.Read(ref _estimatedTokens);

    /// <summary>Prompt and completion tokens at the configured prices per million; null without prices.</summary>
    public double? EstimatedCost => promptPricePerMillion is { } p && completionPricePerMillion is { } c
        ? (PromptTokens * p + CompletionTokens * c) / 1_000_000
        : null;

    internal void AddRequest(long promptTokens, long completionTokens, bool estimated)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _promptTokens, promptTokens);
        Interlocked.Add(ref _completionTokens, completionTokens);
        if (estimated) Interlocked.Increment(ref _estimatedTokens);
    }

    internal void AddCacheHit() => Interlocked.Increment(ref _cacheHits);
    internal void AddRetry() => Interlocked.Increment(ref _retries);
    internal void AddFailure() => Interlocked.Increment(ref _failures);

    /// <summary>The counts as a table for the manifest's step details (cost in millionths of the price unit).</summary>
    public IReadOnlyDictionary<string, long> ToDetails()
    {
        var details = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["requests"] = Requests,
            ["cache_hits"] = CacheHits,
            ["retries"] = Retries,
            ["failures"] = Failures,
            ["prompt_tokens"] = PromptTokens,
            ["completion_tokens"] = CompletionTokens,
        };
        if (EstimatedTokenRequests > 0) details["requests_with_estimated_tokens"] = EstimatedTokenRequests;
        if (EstimatedCost is { } cost) details["estimated_cost_micros"] = (long)Math.Round(cost * 1_000_000);
        return details;
    }
}
