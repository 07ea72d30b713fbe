using System.ComponentModel.DataAnnotations;

namespace Winnow.Core.Services;

/// <summary>
/// The recipe's optional <c>llm:</c> section: which OpenAI-compatible chat endpoint the steps that need a model use
/// (OpenAI, Ollama, vLLM, llama.cpp's server, <c>winnow serve</c>). Unset fields come from the environment
/// (<see cref="Resolve"/>): <c>WINNOW_LLM_BASE_URL</c>, <c>WINNOW_LLM_MODEL</c>, and the key from the variable named by
/// <see cref="ApiKeyEnv"/>. A recipe never holds a key itself, only the name of the variable that does.
/// </summary>
public sealed record LlmSettings
{
    public const string BaseUrlVariable = "WINNOW_LLM_BASE_URL";
    public const string ApiKeyVariable = "WINNOW_LLM_API_KEY";
    public const string ModelVariable = "WINNOW_LLM_MODEL";

    /// <summary>Base URL up to and including <c>/v1</c>; default <c>$WINNOW_LLM_BASE_URL</c>.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>The model's name at the endpoint; default <c>$WINNOW_LLM_MODEL</c>.</summary>
    public string? Model { get; init; }

    /// <summary>The environment variable holding the API key: <c>WINNOW_LLM_API_KEY</c>. Local servers need none.</summary>
    public string ApiKeyEnv { get; init; } = ApiKeyVariable;

    /// <summary>Requests in flight at most, over every step of the run: 8.</summary>
    [Range(1, 1024)] public int Concurrency { get; init; } = 8;

    /// <summary>Requests started per minute at most (retries count); unset: no limit.</summary>
    [Range(1, 1_000_000)] public int? Rpm { get; init; }

    /// <summary>Seconds one attempt may take before it is retried: 120.</summary>
    [Range(0.001, 3600.0)] public double TimeoutSeconds { get; init; } = 120;

    /// <summary>Retries after the first attempt (429, 5xx, time-outs, broken connections): 6.</summary>
    [Range(0, 100)] public int MaxRetries { get; init; } = 6;

    /// <summary>First back-off delay in seconds, doubled per retry with jitter: 1.</summary>
    [Range(0.0, 600.0)] public double RetryDelaySeconds { get; init; } = 1;

    /// <summary>The request cache's folder, or <c>off</c>; default <c>$WINNOW_LLM_CACHE</c>, else <c>~/.cache/winnow/chat</c>.</summary>
    public string? Cache { get; init; }

    /// <summary>Prices per million tokens, for the estimated cost in the manifest; unset: no cost.</summary>
    public LlmPrices? Prices { get; init; }

    private string? _apiKey;

    /// <summary>The API key, read from <see cref="ApiKeyEnv"/> by <see cref="Resolve"/> (a recipe cannot set it).</summary>
    public string? ApiKey => _apiKey;

    /// <summary>These settings with unset fields from the environment.</summary>
    public LlmSettings Resolve(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var resolved = this with
        {
            BaseUrl = BaseUrl ?? Blank(environment(BaseUrlVariable)),
            Model = Model ?? Blank(environment(ModelVariable)),
        };
        resolved._apiKey = _apiKey ?? Blank(environment(ApiKeyEnv));
        return resolved;
    }

    /// <summary>What is missing for a step that needs a model, in words that say what to set; null when configured.</summary>
    public string? Missing()
    {
        var missing = new List<string>();
        if (BaseUrl is null) missing.Add($"{BaseUrlVariable} (or llm.base_url; e.g. http://localhost:11434/v1 for Ollama)");
        if (Model is null) missing.Add($"{ModelVariable} (or llm.model)");
        return missing.Count == 0 ? null : "needs a chat model and none is configured: set " + string.Join(" and ", missing);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Prices per million tokens (any currency unit; the manifest's cost is in the same unit).</summary>
public sealed record LlmPrices
{
    [Range(0.0, 1e9)] public double Prompt { get; init; }
    [Range(0.0, 1e9)] public double Completion { get; init; }
}

/// <summary>Options of a step that may need a chat model: the recipe is refused before the run when it does and none is configured.</summary>
public interface INeedsChatModel
{
    bool NeedsChatModel { get; }
}
