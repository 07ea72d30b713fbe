using Winnow.Core.Validation;
using static Winnow.Core.Tests.Validation.ValidatorHarness;

namespace Winnow.Core.Tests.Validation;

public sealed class AlpacaShareGptValidationTests
{
    private const string GoodAlpaca = """{"instruction": "Add the numbers.", "input": "2 and 3", "output": "5"}""";
    private const string GoodShareGpt =
        """{"id": "a1", "conversations": [{"from": "system", "value": "Be brief."}, {"from": "human", "value": "2+3?"}, {"from": "gpt", "value": "5"}]}""";

    [Fact]
    public void Validate_GoodAlpaca_Passes()
    {
        var report = Run(ValidationFormat.Alpaca, GoodAlpaca, """{"instruction": "Say hi.", "output": "hi"}""");
        Assert.True(report.Ok);
        Assert.Empty(report.Issues);
        Assert.Equal(2, report.Tokens.MessagesPerExample.Min);
    }

    [Theory]
    [InlineData("""["instruction"]""", IssueCodes.DataType)]
    [InlineData("""{"input": "x", "output": "y"}""", IssueCodes.MissingInstruction)]
    [InlineData("""{"instruction": "", "output": "y"}""", IssueCodes.MissingInstruction)]
    [InlineData("""{"instruction": "x"}""", IssueCodes.MissingOutput)]
    [InlineData("""{"instruction": "x", "output": 5}""", IssueCodes.MissingOutput)]
    [InlineData("""{"instruction": "x", "input": ["a"], "output": "y"}""", IssueCodes.InvalidInput)]
    [InlineData("""{"instruction": "x", "output": "y", "history": []}""", IssueCodes.UnrecognizedKey)]
    public void Validate_BadAlpacaLine_ReportsErrorOnThatLine(string bad, string code)
    {
        var report = Run(ValidationFormat.Alpaca, GoodAlpaca, GoodAlpaca, bad);
        Assert.Equal([3L], report.Issue(code).FirstLines);
        Assert.False(report.Ok);
    }

    [Fact]
    public void Validate_GoodShareGpt_Passes()
    {
        var report = Run(ValidationFormat.ShareGpt, GoodShareGpt, GoodShareGpt.Replace("2+3?", "3+2?"));
        Assert.True(report.Ok);
        Assert.Empty(report.Issues);
        Assert.Equal(3, report.Tokens.MessagesPerExample.Max);
    }

    [Theory]
    [InlineData("42", IssueCodes.DataType)]
    [InlineData("""{"messages": []}""", IssueCodes.MissingConversationsList)]
    [InlineData("""{"conversations": []}""", IssueCodes.MissingConversationsList)]
    [InlineData("""{"conversations": ["hi", {"from": "gpt", "value": "a"}]}""", IssueCodes.TurnNotObject)]
    [InlineData("""{"conversations": [{"from": "human"}, {"from": "gpt", "value": "a"}]}""", IssueCodes.TurnMissingKey)]
    [InlineData("""{"conversations": [{"from": "human", "value": "q", "lang": "en"}, {"from": "gpt", "value": "a"}]}""", IssueCodes.TurnUnrecognizedKey)]
    [InlineData("""{"conversations": [{"from": "user", "value": "q"}, {"from": "gpt", "value": "a"}]}""", IssueCodes.UnrecognizedFrom)]
    [InlineData("""{"conversations": [{"from": "human", "value": ""}, {"from": "gpt", "value": "a"}]}""", IssueCodes.MissingValue)]
    [InlineData("""{"conversations": [{"from": "human", "value": "q"}]}""", IssueCodes.ExampleMissingGptTurn)]
    public void Validate_BadShareGptLine_ReportsErrorOnThatLine(string bad, string code)
    {
        var report = Run(ValidationFormat.ShareGpt, bad, GoodShareGpt);
        Assert.Equal([1L], report.Issue(code).FirstLines);
        Assert.Equal(1, report.Errors);
    }

    [Fact]
    public void Validate_OpenAiFileAsShareGpt_FailsEveryLine()
    {
        var report = Run(ValidationFormat.ShareGpt,
            """{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}""",
            """{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}""");
        Assert.Equal(2, report.Issue(IssueCodes.MissingConversationsList).Count);
        Assert.Equal(0, report.ValidExamples);
    }
}
