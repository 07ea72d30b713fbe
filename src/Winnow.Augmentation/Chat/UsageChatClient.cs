using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Winnow.Core.Text;

namespace Winnow.Augmentation.Chat;

/// <summary>
/// Counts what one step's requests cost: each answer's prompt and completion tokens into its <see cref="ChatUsage"/>
/// (as the endpoint reports them; counted with cl100k when it reports none), failures too; and makes that account
/// <see cref="ChatUsage.Current"/> for the middleware below it (which counts the retries). Sits below the cache, so
/// it sees only the requests that are sent.
/// </summary>
public sealed class UsageChatClient(IChatClient inner, ChatUsage usage) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatUsage.Current = usage;
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        try
        {
            var response = await base.GetResponseAsync(list, options, cancellationToken);
            Count(list, response.Usage, response.Text);
            return response;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            usage.AddFailure();
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChatUsage.Current = usage;
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        UsageDetails? reported = null;
        var text = new System.Text.StringBuilder();
        await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken))
        {
            foreach (var content in update.Contents)
                if (content is UsageContent u) reported = u.Details;
            text.Append(update.Text);
            yield return update;
        }
        Count(list, reported, text.ToString());
    }

    private void Count(IList<ChatMessage> messages, UsageDetails? reported, string answer)
    {
        if (reported is { InputTokenCount: { } input, OutputTokenCount: { } output })
        {
            usage.AddRequest(input, output, estimated: false);
            return;
        }
        var counter = TokenCounter.Get();
        long prompt = 0;
        foreach (var m in messages) prompt += counter.Count(m.Text) + 4; // OpenAI's per-message overhead in the cookbook's count
        usage.AddRequest(prompt, counter.Count(answer), estimated: true);
    }
}
