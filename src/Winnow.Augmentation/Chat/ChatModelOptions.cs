using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Winnow.Augmentation.Chat;

/// <summary>
/// Where a chat model is and how to talk to it: any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, llama.cpp's
/// server). Unset fields come from <c>WINNOW_LLM_BASE_URL</c>, <c>WINNOW_LLM_API_KEY</c> and <c>WINNOW_LLM_MODEL</c>
/// (<see cref="WithEnvironment"/>); recipe values win over the environment.
/// </summary>
public sealed record ChatModelOptions
{
    public const string BaseUrlVariable = "WINNOW_LLM_BASE_URL";
    public const string ApiKeyVariable = "WINNOW_LLM_API_KEY";
    public const string ModelVariable = "WINNOW_LLM_MODEL";
    public const string CacheVariable = "WINNOW_LLM_CACHE";

    /// <summary>The endpoint's base URL, up to and including <c>/v1</c> (OpenAI: https://api.openai.com/v1).</summary>
    public string? BaseUrl { get; init; }

    /// <summary>The API key; local servers ignore it (then any text will do; unset sends "none").</summary>
    public string? ApiKey { get; init; }

    /// <summary>The model name as the endpoint knows it.</summary>
    public string? Model { get; init; }

    /// <summary>Requests in flight at most, over every step that uses the endpoint: 8 (datatrove's inference runner keeps a similar small default).</summary>
    [Range(1, 1024)] public int Concurrency { get; init; } = 8;

    /// <summary>Requests started per minute at most (each retry counts); unset: no limit.</summary>
    [Range(1, 1_000_000)] public int? RequestsPerMinute { get; init; }

    /// <summary>Seconds one attempt may take before it is abandoned and retried: 120.</summary>
    [Range(0.001, 3600.0)] public double TimeoutSeconds { get; init; } = 120;

    /// <summary>Retries after the first attempt, on 408, 429, 5xx, time-outs, broken connections and malformed answers: 6.</summary>
    [Range(0, 100)] public int MaxRetries { get; init; } = 6;

    /// <summary>First back-off delay in seconds, doubled per retry with jitter (Polly's exponential back-off): 1.</summary>
    [Range(0.0, 600.0)] public double RetryDelaySeconds { get; init; } = 1;

    /// <summary>Longest back-off delay in seconds (a server's Retry-After is honoured even when longer): 60.</summary>
    [Range(0.0, 3600.0)] public double MaxRetryDelaySeconds { get; init; } = 60;

    /// <summary>
    /// Where answers are cached (one file per request). <see cref="WithEnvironment"/> fills it when unset:
    /// <c>$WINNOW_LLM_CACHE</c>, else <see cref="DefaultCacheDirectory"/>; <c>off</c> turns the cache off.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Price per million prompt tokens, for the estimated cost; unset: no cost is estimated.</summary>
    [Range(0.0, 1e9)] public double? PromptPricePerMillion { get; init; }

    /// <summary>Price per million completion tokens.</summary>
    [Range(0.0, 1e9)] public double? CompletionPricePerMillion { get; init; }

    /// <summary>A recipe's <c>llm:</c> section (already resolved against the environment) as client options.</summary>
    public static ChatModelOptions From(Winnow.Core.Services.LlmSettings llm, Func<string, string?>? environment = null) => new ChatModelOptions
    {
        BaseUrl = llm.BaseUrl,
        ApiKey = llm.ApiKey,
        Model = llm.Model,
        Concurrency = llm.Concurrency,
        RequestsPerMinute = llm.Rpm,
        TimeoutSeconds = llm.TimeoutSeconds,
        MaxRetries = llm.MaxRetries,
        RetryDelaySeconds = llm.RetryDelaySeconds,
        CacheDirectory = llm.Cache,
        PromptPricePerMillion = llm.Prices?.Prompt,
        CompletionPricePerMillion = llm.Prices?.Completion,
    }.WithEnvironment(environment);

    /// <summary>These options with unset endpoint fields taken from the environment variables.</summary>
    public ChatModelOptions WithEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return this with
        {
            BaseUrl = BaseUrl ?? Blank(environment(BaseUrlVariable)),
            ApiKey = ApiKey ?? Blank(environment(ApiKeyVariable)),
            Model = Model ?? Blank(environment(ModelVariable)),
            CacheDirectory = (CacheDirectory ?? Blank(environment(CacheVariable)) ?? DefaultCacheDirectory(environment)) is var dir && dir == "off" ? null : dir,
        };
    }

    /// <summary>
    /// <c>$WINNOW_CACHE/chat</c>, else <c>$XDG_CACHE_HOME/winnow/chat</c>, else <c>~/.cache/winnow/chat</c> (beside the
    /// embedding cache).
    /// </summary>
    public static string DefaultCacheDirectory(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (Blank(environment("WINNOW_CACHE")) is { } winnow) return Path.Combine(winnow, "chat");
        var root = Blank(environment("XDG_CACHE_HOME")) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "winnow", "chat");
    }

    /// <summary>Problems (key, message) that stop a run before it starts; a missing model says what to set.</summary>
    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (BaseUrl is null)
            yield return ("base_url", $"no chat model endpoint is configured: set {BaseUrlVariable} (e.g. http://localhost:11434/v1 for Ollama) or llm.base_url in the recipe");
        else if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            yield return ("base_url", $"'{BaseUrl}' is not an http(s) URL");
        if (Model is null)
            yield return ("model", $"no chat model is named: set {ModelVariable} or llm.model in the recipe");
        if (PromptPricePerMillion is null != CompletionPricePerMillion is null)
            yield return ("prompt_price_per_million", "set both prompt_price_per_million and completion_price_per_million, or neither");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Model} at {BaseUrl} (concurrency {Concurrency}, {RequestsPerMinute?.ToString(CultureInfo.InvariantCulture) ?? "unlimited"} requests/min)");
}
