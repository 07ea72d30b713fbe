using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Winnow.Augmentation.Structured;

/// <summary>The value parsed from a valid answer, or the reason the last answer was not valid.</summary>
public readonly record struct StructuredAnswer<T>(T? Value, string? Problem, int Attempts, string LastAnswer)
{
    public bool IsValid => Problem is null;
}

/// <summary>
/// Asks a chat model for a JSON object matching a schema (sent as the response format, which OpenAI, vLLM, llama.cpp's
/// server and Ollama honour), and validates what comes back. An invalid answer is retried up to <c>maxAttempts</c>
/// in all: the conversation goes on with the invalid answer and what was wrong with it, so the retry is a new request
/// (a cached invalid answer is never asked for again), as distilabel and instructor do.
/// </summary>
public sealed class StructuredChat(IChatClient client, int maxAttempts = 3)
{
    /// <param name="validate">Reads the parsed JSON: a value, or a problem in words.</param>
    public async Task<StructuredAnswer<T>> AskAsync<T>(
        IReadOnlyList<ChatMessage> messages,
        ChatOptions options,
        Func<JsonElement, (T? Value, string? Problem)> validate,
        CancellationToken cancellationToken = default)
    {
        var conversation = new List<ChatMessage>(messages);
        var last = "";
        string? problem = null;
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            var response = await client.GetResponseAsync(conversation, options, cancellationToken);
            last = response.Text;
            (T? value, problem) = Parse(last, validate);
            if (problem is null) return new StructuredAnswer<T>(value, null, attempt, last);
            conversation.Add(new ChatMessage(ChatRole.Assistant, last));
            conversation.Add(new ChatMessage(ChatRole.User, $"That answer is not valid: {problem}. Answer again with only the JSON object asked for."));
        }
        return new StructuredAnswer<T>(default, problem, maxAttempts, last);
    }

    private static (T?, string?) Parse<T>(string text, Func<JsonElement, (T?, string?)> validate)
    {
        var json = StripFence(text.Trim());
        if (json.Length == 0) return (default, "the answer is empty");
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (default, "the answer is not a JSON object");
            return validate(doc.RootElement.Clone());
        }
        catch (JsonException e)
        {
            return (default, $"the answer is not valid JSON ({e.Message.Split('.')[0]})");
        }
    }

    /// <summary>Models often wrap JSON in a Markdown code fence even when told not to.</summary>
    private static string StripFence(string text)
    {
        if (!text.StartsWith("```", StringComparison.Ordinal)) return text;
        var start = text.IndexOf('\n');
        var end = text.LastIndexOf("```", StringComparison.Ordinal);
        return start > 0 && end > start ? text[(start + 1)..end].Trim() : text;
    }

    /// <summary>A JSON schema for <c>{"&lt;property&gt;": [string, …]}</c> with exactly <paramref name="count"/> items (when given).</summary>
    public static JsonElement StringListSchema(string property, int? count = null)
    {
        var array = new System.Text.Json.Nodes.JsonObject { ["type"] = "array", ["items"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "string" } };
        if (count is { } n)
        {
            array["minItems"] = n;
            array["maxItems"] = n;
        }
        var schema = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "object",
            ["properties"] = new System.Text.Json.Nodes.JsonObject { [property] = array },
            ["required"] = new System.Text.Json.Nodes.JsonArray(property),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(schema);
    }

    /// <summary>The strings of <c>root[property]</c>, trimmed; or what is wrong with it.</summary>
    public static (List<string>? Value, string? Problem) ReadStrings(JsonElement root, string property, int? exactly = null)
    {
        if (!root.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array)
            return (null, $"it has no \"{property}\" array");
        var list = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) return (null, $"\"{property}\" holds a {item.ValueKind}, not only strings");
            var s = item.GetString()!.Trim();
            if (s.Length == 0) return (null, $"\"{property}\" holds an empty string");
            list.Add(s);
        }
        if (exactly is { } n && list.Count != n) return (null, $"\"{property}\" holds {list.Count} items, not {n}");
        if (list.Count == 0) return (null, $"\"{property}\" is empty");
        return (list, null);
    }
}
