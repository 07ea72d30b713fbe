using Winnow.Core.Validation;
using static Winnow.Core.Tests.Validation.ValidatorHarness;

namespace Winnow.Core.Tests.Validation;

public sealed class OpenAiChatValidationTests
{
    private const string Good =
        """{"messages": [{"role": "system", "content": "Classify."}, {"role": "user", "content": "hello world"}, {"role": "assistant", "content": "greeting"}]}""";

    [Fact]
    public void Validate_GoodFile_HasNoIssues()
    {
        // Three different examples: a repeated one is a duplicate_example warning.
        var report = Run(ValidationFormat.OpenAiChat, Good, Good.Replace("hello world", "hello there"), Good.Replace("hello world", "hi world"));
        Assert.True(report.Ok);
        Assert.Empty(report.Issues);
        Assert.Equal(3, report.Examples);
        Assert.Equal(3, report.ValidExamples);
        Assert.Equal(3, report.Tokens.MessagesPerExample.Max);
    }

    [Theory]
    [InlineData("[1, 2]", IssueCodes.DataType)]
    [InlineData("\"text\"", IssueCodes.DataType)]
    [InlineData("""{"prompt": "x"}""", IssueCodes.MissingMessagesList)]
    [InlineData("""{"messages": []}""", IssueCodes.MissingMessagesList)]
    [InlineData("""{"messages": "hi"}""", IssueCodes.MissingMessagesList)]
    [InlineData("""{"messages": [3, {"role": "assistant", "content": "a"}]}""", IssueCodes.MessageNotObject)]
    [InlineData("""{"messages": [{"content": "hi"}, {"role": "assistant", "content": "a"}]}""", IssueCodes.MessageMissingKey)]
    [InlineData("""{"messages": [{"role": "user"}, {"role": "assistant", "content": "a"}]}""", IssueCodes.MessageMissingKey)]
    [InlineData("""{"messages": [{"role": "user", "content": "q", "mood": "x"}, {"role": "assistant", "content": "a"}]}""", IssueCodes.MessageUnrecognizedKey)]
    [InlineData("""{"messages": [{"role": "human", "content": "q"}, {"role": "assistant", "content": "a"}]}""", IssueCodes.UnrecognizedRole)]
    [InlineData("""{"messages": [{"role": 7, "content": "q"}, {"role": "assistant", "content": "a"}]}""", IssueCodes.UnrecognizedRole)]
    [InlineData("""{"messages": [{"role": "user", "content": ""}, {"role": "assistant", "content": "a"}]}""", IssueCodes.MissingContent)]
    [InlineData("""{"messages": [{"role": "user", "content": 42}, {"role": "assistant", "content": "a"}]}""", IssueCodes.MissingContent)]
    [InlineData("""{"messages": [{"role": "user", "content": null}, {"role": "assistant", "content": "a"}]}""", IssueCodes.MissingContent)]
    [InlineData("""{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a", "weight": 2}]}""", IssueCodes.InvalidWeight)]
    [InlineData("""{"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "q"}]}""", IssueCodes.ExampleMissingAssistantMessage)]
    [InlineData("""{"messages": [{"role": "user", "content": "q"}""", IssueCodes.InvalidJson)]
    [InlineData("""{"messages": [{"role": "user", "content": "q"}]} trailing""", IssueCodes.InvalidJson)]
    public void Validate_BadLine_ReportsErrorOnThatLine(string bad, string code)
    {
        var report = Run(ValidationFormat.OpenAiChat, Good, bad, Good);
        var issue = report.Issue(code);
        Assert.Equal("error", issue.Severity);
        Assert.Equal([2L], issue.FirstLines);
        Assert.Equal(1, issue.Count);
        Assert.False(report.Ok);
        Assert.Equal(1, report.Errors);
        Assert.Equal(2, report.ValidExamples);
    }

    [Fact]
    public void Validate_ErrorsOnManyLines_CountsEachLineAndKeepsFirstFive()
    {
        const string noAssistant = """{"messages": [{"role": "user", "content": "q"}]}""";
        var lines = Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? Good : noAssistant).ToArray();
        var issue = Run(ValidationFormat.OpenAiChat, lines).Issue(IssueCodes.ExampleMissingAssistantMessage);
        Assert.Equal(4, issue.Count);
        Assert.Equal([2L, 4, 6, 8], issue.FirstLines);

        var many = Enumerable.Repeat(noAssistant, 7).ToArray();
        var issue7 = Run(ValidationFormat.OpenAiChat, many).Issue(IssueCodes.ExampleMissingAssistantMessage);
        Assert.Equal(7, issue7.Count);
        Assert.Equal([1L, 2, 3, 4, 5], issue7.FirstLines);
    }

    [Fact]
    public void Validate_OneMessageWithTwoBadKeys_CountsTheLineOnce()
    {
        var report = Run(ValidationFormat.OpenAiChat,
            """{"messages": [{"role": "user", "content": "q", "a": 1, "b": 2}, {"role": "assistant", "content": "a"}]}""");
        Assert.Equal(1, report.Issue(IssueCodes.MessageUnrecognizedKey).Count);
        Assert.Equal("messages[0].a", report.Issue(IssueCodes.MessageUnrecognizedKey).FirstDetail);
    }

    [Fact]
    public void Validate_ToolCallWithoutContent_IsAccepted()
    {
        var report = Run(ValidationFormat.OpenAiChat,
            """{"messages": [{"role": "user", "content": "weather?"}, {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "w", "arguments": "{}"}}]}, {"role": "tool", "tool_call_id": "c1", "content": "sunny"}, {"role": "assistant", "content": "Sunny."}]}""");
        Assert.True(report.Ok, string.Join(", ", report.Codes()));
    }

    [Fact]
    public void Validate_NoSystemOrUserMessage_WarnsButPasses()
    {
        var report = Run(ValidationFormat.OpenAiChat, """{"messages": [{"role": "assistant", "content": "a"}]}""");
        Assert.True(report.Ok);
        Assert.Equal("warning", report.Issue(IssueCodes.MissingSystemMessage).Severity);
        Assert.Equal([1L], report.Issue(IssueCodes.MissingUserMessage).FirstLines);
        Assert.Equal(1, report.Warnings);
    }

    [Fact]
    public void Validate_OverTokenLimit_WarnsWithLineAndCapsBilling()
    {
        var longText = string.Join(' ', Enumerable.Repeat("word", 50));
        var line = $$"""{"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "{{longText}}"}, {"role": "assistant", "content": "a"}]}""";
        var report = RunBytes(ValidationFormat.OpenAiChat, System.Text.Encoding.UTF8.GetBytes(Good + "\n" + line + "\n"), maxTokens: 40);
        Assert.True(report.Ok);
        Assert.Equal(1, report.Tokens.OverLimit);
        Assert.Equal([2L], report.Issue(IssueCodes.TooManyTokens).FirstLines);
        Assert.Equal(report.Tokens.PerExample.Min + 40, report.Billing.TokensPerEpoch);
    }
}
