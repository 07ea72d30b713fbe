using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Winnow.Augmentation.Structured;
using Winnow.Core.Records;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Winnow.Augmentation.Paraphrase;

/// <summary>
/// <c>augment.paraphrase</c>'s logic, for a batch: one request per record asks for exactly n paraphrases as
/// <c>{"paraphrases": [...]}</c>; an answer that is not that (not JSON, wrong count, empty or repeated items, a copy of
/// the source) is retried with the problem named, then rejected as <c>invalid_output</c> with the model's last answer
/// as the rejected variant's text. Requests of a batch go out together; the endpoint's concurrency limit paces them.
/// Not yet a recipe step: that waits for the runner's asynchronous batched contract.
/// </summary>
public sealed class Paraphraser(IChatClient client, ParaphraseOptions options)
{
    public const string StepName = "augment.paraphrase";

    private const string System =
        "You rewrite texts for a training dataset. A paraphrase keeps the meaning, the intent and every fact, name and " +
        "number of the text, and changes its wording. Answer with a JSON object only.";

    public async Task<IReadOnlyList<AugmentResult>> AugmentAsync(IReadOnlyList<Record> batch, CancellationToken cancellationToken = default) =>
        await Task.WhenAll(batch.Select(r => AugmentAsync(r, cancellationToken)));

    public async Task<AugmentResult> AugmentAsync(Record record, CancellationToken cancellationToken = default)
    {
        if (Variants.Source(record) is not { Length: > 0 } source) return AugmentResult.None(record);
        var chatOptions = new ChatOptions
        {
            Seed = RequestSeeds.For(options.Seed, record.Id),
            Temperature = options.Temperature is { } t ? (float)t : null,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(StructuredChat.StringListSchema("paraphrases", options.Copies), "paraphrases"),
        };
        var answer = await new StructuredChat(client, options.MaxAttempts).AskAsync(
            [new ChatMessage(ChatRole.System, System), new ChatMessage(ChatRole.User, Prompt(source, record.Label))],
            chatOptions,
            root => Validate(root, source),
            cancellationToken);
        if (!answer.IsValid)
        {
            var raw = answer.LastAnswer.Length > 2000 ? answer.LastAnswer[..2000] : answer.LastAnswer;
            var rejected = Variants.Create(record, raw, StepName, "para", 0);
            return new AugmentResult(record, [], [new RejectedVariant(rejected, "invalid_output", $"{answer.Problem} (after {answer.Attempts} attempts)")]);
        }
        var created = answer.Value!.Select((text, i) => Variants.Create(record, text, StepName, "para", i + 1)).ToImmutableArray();
        return new AugmentResult(record, created, []);
    }

    private string Prompt(string source, string? label)
    {
        var prompt = $"Write {options.Copies} different paraphrases of the text below.";
        if (label is not null) prompt += $" The text is an example of the class \"{label}\"; every paraphrase must still be one.";
        if (options.Instructions is { } extra) prompt += " " + extra;
        return prompt + $"\nAnswer as {{\"paraphrases\": [{options.Copies} strings]}}.\n\nText: {source}";
    }

    private (List<string>?, string?) Validate(System.Text.Json.JsonElement root, string source)
    {
        var (list, problem) = StructuredChat.ReadStrings(root, "paraphrases", options.Copies);
        if (list is null) return (null, problem);
        if (list.Distinct(StringComparer.OrdinalIgnoreCase).Count() != list.Count) return (null, "some paraphrases repeat each other");
        if (list.Any(p => string.Equals(p, source.Trim(), StringComparison.OrdinalIgnoreCase))) return (null, "a paraphrase is the text itself");
        return (list, null);
    }
}
