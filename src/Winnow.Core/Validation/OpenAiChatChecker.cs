using System.Text.Json;

namespace Winnow.Core.Validation;

/// <summary>
/// The OpenAI cookbook's format checks for chat fine-tuning data ("Data preparation and analysis for chat
/// model fine-tuning"): data_type, missing_messages_list, message_missing_key, message_unrecognized_key,
/// unrecognized_role, missing_content, example_missing_assistant_message; plus its data warnings (no system
/// or no user message). Beyond the cookbook, the roles and keys of tool calling that the fine-tuning API
/// accepts today (role <c>tool</c>, <c>tool_calls</c>, <c>tool_call_id</c>) are recognised, and an assistant
/// <c>weight</c> must be 0 or 1 as the API requires.
/// </summary>
internal sealed class OpenAiChatChecker : IExampleChecker
{
    private static readonly HashSet<string> Keys =
        ["role", "content", "name", "weight", "function_call", "tool_calls", "tool_call_id"];

    private static readonly HashSet<string> Roles = ["system", "user", "assistant", "function", "tool"];

    public IReadOnlyList<Turn>? Check(JsonElement root, List<Issue> issues)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            issues.Add(new(IssueCodes.DataType, $"found a JSON {root.ValueKind.ToString().ToLowerInvariant()}"));
            return null;
        }
        if (!root.TryGetProperty("messages", out var messages)
            || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            // A record JSONL line (what a run's data.jsonl holds) is the usual mistake: say so, and how to get chat.
            issues.Add(root.TryGetProperty("text", out _) || root.TryGetProperty("prompt", out _)
                ? new(IssueCodes.MissingMessagesList, "looks like record JSONL (text/label), not chat: write chat from a run with an output of format: openai-chat and a template, e.g. {system: …, user: \"{text}\", assistant: \"{label}\"}")
                : new(IssueCodes.MissingMessagesList));
            return null;
        }

        var turns = new List<Turn>(messages.GetArrayLength());
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            CheckMessage(message, index++, issues, turns);
        }
        if (!turns.Any(t => t.Role == "assistant"))
            issues.Add(new(IssueCodes.ExampleMissingAssistantMessage));
        if (!turns.Any(t => t.Role == "system"))
            issues.Add(new(IssueCodes.MissingSystemMessage));
        if (!turns.Any(t => t.Role == "user"))
            issues.Add(new(IssueCodes.MissingUserMessage));
        return turns;
    }

    private static void CheckMessage(JsonElement message, int index, List<Issue> issues, List<Turn> turns)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            issues.Add(new(IssueCodes.MessageNotObject, $"messages[{index}]"));
            return;
        }
        var hasRole = message.TryGetProperty("role", out var role);
        var hasContent = message.TryGetProperty("content", out var content);
        var call = message.TryGetProperty("function_call", out var f) ? f
            : message.TryGetProperty("tool_calls", out var t) ? t : default;
        var hasCall = call.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);

        // A call may stand in for the content (the cookbook: "not content and not function_call").
        if (!hasRole || (!hasContent && !hasCall))
            issues.Add(new(IssueCodes.MessageMissingKey, $"messages[{index}] lacks '{(hasRole ? "content" : "role")}'"));
        foreach (var p in message.EnumerateObject())
        {
            if (!Keys.Contains(p.Name))
                issues.Add(new(IssueCodes.MessageUnrecognizedKey, $"messages[{index}].{p.Name}"));
        }

        var roleName = role.ValueKind == JsonValueKind.String ? role.GetString()! : null;
        if (hasRole && (roleName is null || !Roles.Contains(roleName)))
            issues.Add(new(IssueCodes.UnrecognizedRole, $"messages[{index}].role = {Short(role)}"));

        // As the cookbook: content must be a non-empty string, unless a call stands in for it.
        var contentOk = hasCall
            ? !hasContent || content.ValueKind is JsonValueKind.String or JsonValueKind.Null
            : IExampleChecker.IsNonEmptyString(content);
        if (!contentOk)
            issues.Add(new(IssueCodes.MissingContent, $"messages[{index}].content = {Short(content)}"));

        if (message.TryGetProperty("weight", out var weight)
            && !(weight.ValueKind == JsonValueKind.Number && weight.TryGetInt32(out var w) && w is 0 or 1))
            issues.Add(new(IssueCodes.InvalidWeight, $"messages[{index}].weight = {Short(weight)}"));

        if (roleName is not null)
        {
            var text = content.ValueKind == JsonValueKind.String ? content.GetString()! : "";
            var name = message.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            turns.Add(new Turn(roleName, text, name, hasCall ? call.GetRawText() : null));
        }
    }

    /// <summary>A value as it appears in the file, cut to a readable length.</summary>
    internal static string Short(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Undefined) return "(absent)";
        var raw = e.GetRawText();
        return raw.Length <= 40 ? raw : raw[..37] + "…";
    }
}
