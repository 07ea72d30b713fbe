using System.Text.Json;
using Microsoft.Extensions.AI;
using Winnow.Augmentation.Structured;
using Winnow.Core.Records;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Winnow.Augmentation.Synthesis;

/// <summary>A judge's verdict on one record: kept (with its score and the judge's reason in meta) or dropped with a reason.</summary>
public sealed record JudgeVerdict(Record Record, int? Score, string? DropReason, string? Detail)
{
    public bool Kept => DropReason is null;
}

/// <summary>
/// LLM-as-judge (as distilabel's UltraFeedback and Prometheus tasks): a chat model scores each record from 1 to 5
/// against a rubric and gives a one-sentence reason, as <c>{"score": n, "reason": "…"}</c>. Records at or above
/// <c>min_score</c> are kept with <c>meta.judge_score</c> and <c>meta.judge_reason</c>; others are dropped with
/// <c>judge_below_threshold</c>, and records the judge never answered validly for with <c>judge_invalid_output</c>.
/// Not yet a recipe step: that waits for the runner's asynchronous batched contract.
/// </summary>
public sealed class Judge(IChatClient client, JudgeOptions options)
{
    public const string StepName = "judge";

    private static readonly JsonElement Schema = JsonDocument.Parse(
        """{"type":"object","properties":{"score":{"type":"integer","minimum":1,"maximum":5},"reason":{"type":"string"}},"required":["score","reason"],"additionalProperties":false}""").RootElement.Clone();

    public async Task<IReadOnlyList<JudgeVerdict>> JudgeAsync(IReadOnlyList<Record> batch, CancellationToken cancellationToken = default) =>
        await Task.WhenAll(batch.Select(r => JudgeAsync(r, cancellationToken)));

    public async Task<JudgeVerdict> JudgeAsync(Record record, CancellationToken cancellationToken = default)
    {
        var prompt = $"Rubric:\n{options.Rubric}\n\nRecord:\n{Describe(record)}\n\n" +
                     "Score the record against the rubric from 1 (fails it) to 5 (fully meets it), and give the reason in one sentence.\n" +
                     "Answer as {\"score\": integer 1-5, \"reason\": string}.";
        var chatOptions = new ChatOptions
        {
            Seed = RequestSeeds.For(options.Seed, record.Id),
            Temperature = options.Temperature is { } t ? (float)t : null,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "verdict"),
        };
        var answer = await new StructuredChat(client, options.MaxAttempts).AskAsync(
            [new ChatMessage(ChatRole.System, "You are a strict, fair judge of training data. Answer with a JSON object only."), new ChatMessage(ChatRole.User, prompt)],
            chatOptions, Read, cancellationToken);
        if (!answer.IsValid) return new JudgeVerdict(record, null, "judge_invalid_output", answer.Problem);
        var (score, reason) = answer.Value!.Value;
        if (score < options.MinScore) return new JudgeVerdict(record, score, "judge_below_threshold", $"score {score} < {options.MinScore}: {reason}");
        var meta = record.Meta.Set("judge_score", score).Set("judge_reason", reason);
        return new JudgeVerdict(record with { Meta = meta }, score, null, null);
    }

    private static ((int Score, string Reason)?, string?) Read(JsonElement root)
    {
        if (!root.TryGetProperty("score", out var s) || s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out var score))
            return (null, "it has no integer \"score\"");
        if (score is < 1 or > 5) return (null, $"score {score} is not between 1 and 5");
        var reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()!.Trim() : "";
        return ((score, reason), null);
    }

    /// <summary>The record as the judge sees it: its text (or prompt and completion, or the chat), and its label.</summary>
    private static string Describe(Record r)
    {
        var body = r.Text ?? (r.Prompt is not null || r.Completion is not null
            ? $"Prompt: {r.Prompt}\nCompletion: {r.Completion}"
            : string.Join('\n', r.Messages.Select(m => $"{m.Role}: {m.Content}")));
        return r.Label is null ? body : $"{body}\nLabel: {r.Label}";
    }
}
