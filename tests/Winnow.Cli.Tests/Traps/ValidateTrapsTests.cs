namespace Winnow.Cli.Tests.Traps;

/// <summary>Issue #15, trap 7: validate names record JSONL as such and warns about exact duplicate examples.</summary>
[Collection(CliCollection.Name)]
public sealed class ValidateTrapsTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Validate_RecordJsonl_SaysItLooksLikeRecordJsonl()
    {
        var path = _dir.WriteLines("data.jsonl", "{\"id\":\"1\",\"text\":\"hello\",\"label\":\"greet\"}");
        var r = CliRunner.Run("validate", path, "--format", "openai-chat", "--json");
        Assert.Contains("looks like record JSONL", r.Out);
    }

    [Fact]
    public void Validate_DuplicateExamples_Warned()
    {
        const string line = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"hello\"}]}";
        var path = _dir.WriteLines("chat.jsonl", line, line.Replace("hi", "hey"), line);
        var r = CliRunner.Run("validate", path, "--format", "openai-chat", "--json");
        var issue = r.Json().GetProperty("issues").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "duplicate_example");
        Assert.Equal(1, issue.GetProperty("count").GetInt64());
        Assert.Equal("same as line 1", issue.GetProperty("first_detail").GetString());
        Assert.Equal(0, r.ExitCode);
    }
}
