using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Winnow.Core.Services;

namespace Winnow.Augmentation.Chat;

/// <summary>
/// One <see cref="ChatEndpoint"/> per distinct <see cref="LlmSettings"/> for the whole process, so every step of a run
/// (and every run of a process) that talks to an endpoint shares its concurrency and rate limits. What
/// <see cref="StepServices.Chat"/> gives steps unless the composition root wires something else.
/// </summary>
public static class ChatEndpoints
{
    private static readonly ConcurrentDictionary<LlmSettings, Lazy<ChatEndpoint>> Endpoints = new();

    public static ChatEndpoint For(LlmSettings settings) =>
        Endpoints.GetOrAdd(settings, s => new Lazy<ChatEndpoint>(() => new ChatEndpoint(ChatModelOptions.From(s)))).Value;

    /// <summary>The shared client (retries and limits inside) for <paramref name="settings"/>.</summary>
    public static IChatClient Shared(LlmSettings settings) => For(settings).Shared;
}

/// <summary>
/// A step's view of its chat model: a client per batch with the disk cache (from the settings) and an account of its
/// own, so the counts a batch reports are its own (<see cref="Counts"/>): answers used, prompt and completion tokens, and
/// the estimated cost. Cached answers count too: the manifest's figures are what the data cost, the same in a rerun.
/// </summary>
public sealed class StepChat(IChatClient shared, ChatModelOptions options)
{
    public ChatModelOptions Options => options;

    public (IChatClient Client, ChatUsage Usage) ForBatch()
    {
        var usage = new ChatUsage(options.PromptPricePerMillion, options.CompletionPricePerMillion);
        IChatClient below = options.CacheDirectory is { } dir ? new DiskCacheChatClient(shared, dir, usage) : shared;
        return (new UsageChatClient(below, usage), usage);
    }

    /// <summary>The deterministic part of a batch's account, as the <c>chat</c> table of the step's details.</summary>
    public static IReadOnlyDictionary<string, long> Counts(ChatUsage usage)
    {
        var table = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["answers"] = usage.Requests,
            ["prompt_tokens"] = usage.PromptTokens,
            ["completion_tokens"] = usage.CompletionTokens,
        };
        if (usage.EstimatedCost is { } cost) table["estimated_cost_micros"] = (long)Math.Round(cost * 1_000_000);
        return table;
    }

    /// <summary>The chat of a step built with <paramref name="services"/> and <paramref name="llm"/>.</summary>
    public static StepChat Create(StepServices services, LlmSettings llm, string step)
    {
        if (llm.Missing() is { } missing) throw new Winnow.Core.WinnowException($"{step} {missing}", 2);
        var shared = services.Chat?.Invoke(llm) ?? ChatEndpoints.Shared(llm);
        return new StepChat(shared, ChatModelOptions.From(llm));
    }
}
