namespace Winnow.Core.Validation;

/// <summary>How bad an issue is: an error means a fine-tuning service would reject the file.</summary>
public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// The stable snake_case issue codes of <c>winnow validate</c>; they are part of the <c>--json</c> output.
/// The openai-chat codes are the OpenAI cookbook's ("Data preparation and analysis for chat model
/// fine-tuning", <c>format_errors</c> keys); the others follow the same pattern for their formats.
/// </summary>
public static class IssueCodes
{
    // File and line level, every format.
    public const string EmptyFile = "empty_file";
    public const string Utf8Bom = "utf8_bom";
    public const string InvalidUtf8 = "invalid_utf8";
    public const string InvalidJson = "invalid_json";
    public const string BlankLine = "blank_line";
    public const string DataType = "data_type";

    // openai-chat (cookbook names).
    public const string MissingMessagesList = "missing_messages_list";
    public const string MessageNotObject = "message_not_object";
    public const string MessageMissingKey = "message_missing_key";
    public const string MessageUnrecognizedKey = "message_unrecognized_key";
    public const string UnrecognizedRole = "unrecognized_role";
    public const string MissingContent = "missing_content";
    public const string InvalidWeight = "invalid_weight";
    public const string ExampleMissingAssistantMessage = "example_missing_assistant_message";
    public const string MissingSystemMessage = "missing_system_message";
    public const string MissingUserMessage = "missing_user_message";

    // alpaca.
    public const string MissingInstruction = "missing_instruction";
    public const string MissingOutput = "missing_output";
    public const string InvalidInput = "invalid_input";
    public const string UnrecognizedKey = "unrecognized_key";

    // sharegpt.
    public const string MissingConversationsList = "missing_conversations_list";
    public const string TurnNotObject = "turn_not_object";
    public const string TurnMissingKey = "turn_missing_key";
    public const string TurnUnrecognizedKey = "turn_unrecognized_key";
    public const string UnrecognizedFrom = "unrecognized_from";
    public const string MissingValue = "missing_value";
    public const string ExampleMissingGptTurn = "example_missing_gpt_turn";

    // Token limits, every format.
    public const string TooManyTokens = "too_many_tokens";
    public const string DuplicateExample = "duplicate_example";

    private static readonly Dictionary<string, (Severity Severity, string Description, int Order)> Known = Build();

    /// <summary>Every code in report order.</summary>
    public static IEnumerable<string> All => Known.OrderBy(k => k.Value.Order).Select(k => k.Key);

    public static Severity SeverityOf(string code) => Known[code].Severity;

    public static string Describe(string code) => Known[code].Description;

    /// <summary>Report order: the order codes are declared in <see cref="Build"/>.</summary>
    public static int OrderOf(string code) => Known[code].Order;

    private static Dictionary<string, (Severity, string, int)> Build()
    {
        var list = new (string Code, Severity Severity, string Description)[]
        {
            (EmptyFile, Severity.Error, "the file has no examples"),
            (Utf8Bom, Severity.Error, "the file starts with a UTF-8 byte order mark; JSON parsers reject it"),
            (InvalidUtf8, Severity.Error, "the line is not valid UTF-8"),
            (InvalidJson, Severity.Error, "the line is not valid JSON"),
            (DataType, Severity.Error, "the example is not a JSON object"),
            (MissingMessagesList, Severity.Error, "'messages' is missing, empty or not a list"),
            (MessageNotObject, Severity.Error, "a message is not a JSON object"),
            (MessageMissingKey, Severity.Error, "a message lacks 'role' or 'content'"),
            (MessageUnrecognizedKey, Severity.Error, "a message has a key other than role, content, name, weight, function_call, tool_calls, tool_call_id"),
            (UnrecognizedRole, Severity.Error, "a role is not system, user, assistant, function or tool"),
            (MissingContent, Severity.Error, "a message's content is absent, empty or not a string"),
            (InvalidWeight, Severity.Error, "an assistant message's weight is not 0 or 1"),
            (ExampleMissingAssistantMessage, Severity.Error, "the example has no assistant message"),
            (MissingInstruction, Severity.Error, "'instruction' is missing, empty or not a string"),
            (MissingOutput, Severity.Error, "'output' is missing, empty or not a string"),
            (InvalidInput, Severity.Error, "'input' is present but not a string"),
            (UnrecognizedKey, Severity.Error, "the example has a key other than instruction, input, output"),
            (MissingConversationsList, Severity.Error, "'conversations' is missing, empty or not a list"),
            (TurnNotObject, Severity.Error, "a turn is not a JSON object"),
            (TurnMissingKey, Severity.Error, "a turn lacks 'from' or 'value'"),
            (TurnUnrecognizedKey, Severity.Error, "a turn has a key other than from, value"),
            (UnrecognizedFrom, Severity.Error, "a turn's 'from' is not system, human or gpt"),
            (MissingValue, Severity.Error, "a turn's value is empty or not a string"),
            (ExampleMissingGptTurn, Severity.Error, "the example has no gpt turn"),
            (BlankLine, Severity.Warning, "a blank line (skipped)"),
            (TooManyTokens, Severity.Warning, "the example is over the token limit and would be truncated"),
            (DuplicateExample, Severity.Warning, "the example repeats an earlier line exactly (it is trained on twice)"),
            (MissingSystemMessage, Severity.Warning, "the example has no system message"),
            (MissingUserMessage, Severity.Warning, "the example has no user message"),
        };
        var d = new Dictionary<string, (Severity, string, int)>(StringComparer.Ordinal);
        for (var i = 0; i < list.Length; i++) d[list[i].Code] = (list[i].Severity, list[i].Description, i);
        return d;
    }
}
