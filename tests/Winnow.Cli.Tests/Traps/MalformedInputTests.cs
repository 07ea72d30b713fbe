using System.Text;

namespace Winnow.Cli.Tests.Traps;

/// <summary>Trap 8 of issue #15: malformed input is a clear error (file, line, field) or a reject, never a stack trace.</summary>
[Collection(CliCollection.Name)]
public sealed class MalformedInputTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public MalformedInputTests() =>
        _dir.WriteLines("s.jsonl", "{\"text\": \"fine\", \"label\": \"a\"}", "{\"text\": \"bad \\ud800 surrogate\", \"label\": \"a\"}");

    public void Dispose() => _dir.Dispose();

    private string P(string name) => Path.Combine(_dir.Path, name);

    [Fact]
    public void Run_LoneSurrogate_Exit1NamingFileLineAndField()
    {
        _dir.WriteLines("r.yaml", "inputs:", "  - path: s.jsonl", "outputs:", "  - path: o.jsonl");
        var r = CliRunner.Run("run", P("r.yaml"), "--output", P("o"));
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("s.jsonl:2: field 'text':", r.Err);
        Assert.Contains("surrogate", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void Run_LoneSurrogateOnErrorSkip_RejectsTheLine()
    {
        _dir.WriteLines("r.yaml", "inputs:", "  - path: s.jsonl", "    on_error: skip", "outputs:", "  - path: o.jsonl");
        var r = CliRunner.Run("run", P("r.yaml"), "--output", P("o"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Single(File.ReadAllLines(P("o/o.jsonl")));
        var reject = Assert.Single(File.ReadAllLines(P("o/rejects/input.jsonl")));
        Assert.Contains("\"field\":\"text\"", reject);
        Assert.Contains("s.jsonl:2", reject);
    }

    [Fact]
    public void Stats_LoneSurrogate_Exit1NoStackTrace()
    {
        var r = CliRunner.Run("stats", P("s.jsonl"));
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("s.jsonl:2", r.Err);
        Assert.DoesNotContain("   at ", r.Err + r.Out);
    }

    [Fact]
    public void Stats_Utf16File_SaysConvertToUtf8()
    {
        _dir.Write("u.jsonl", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("{\"text\":\"hi\"}\n")]);
        var r = CliRunner.Run("stats", P("u.jsonl"));
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("UTF-16", r.Err);
        Assert.DoesNotContain("NUL", r.Err);
    }
}
