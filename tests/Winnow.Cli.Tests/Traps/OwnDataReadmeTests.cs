using System.Text;
using System.Text.RegularExpressions;

namespace Winnow.Cli.Tests.Traps;

/// <summary>
/// Issue #15, trap 10: the README's "Your own data" section runs as written. The recipe, the training recipe and the
/// commands are read from the README (the blocks after its <c>own-data:</c> markers) and run, on 300 SMS messages as
/// the user's <c>data.csv</c>.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class OwnDataReadmeTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Block(string readme, string marker)
    {
        var at = readme.IndexOf($"<!-- own-data:{marker} -->", StringComparison.Ordinal);
        Assert.True(at >= 0, $"README has no own-data:{marker} marker");
        var m = Regex.Match(readme[at..], "```[a-z]*\n(.*?)```", RegexOptions.Singleline);
        return m.Groups[1].Value;
    }

    /// <summary>A command line split as a shell would (double quotes only).</summary>
    private static string[] Words(string line) =>
        Regex.Matches(line, "\"([^\"]*)\"|(\\S+)").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToArray();

    [Fact]
    public void YourOwnDataSection_RunsAsWritten()
    {
        var readme = File.ReadAllText(RepoFiles.Path("README.md"));
        _dir.WriteLines("recipe.yaml", Block(readme, "recipe"));
        _dir.WriteLines("train.yaml", Block(readme, "train"));
        var csv = new StringBuilder("text,label\n");
        foreach (var line in File.ReadLines(RepoFiles.Path("tests/Winnow.Core.Tests/TestData/sms_spam/SMSSpamCollection")).Take(300))
        {
            var tab = line.IndexOf('\t');
            csv.Append('"').Append(line[(tab + 1)..].Replace("\"", "\"\"")).Append("\",").Append(line[..tab]).Append('\n');
        }
        _dir.Write("data.csv", Encoding.UTF8.GetBytes(csv.ToString()));

        var commands = Block(readme, "commands").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, commands.Length);
        CliResult? last = null;
        foreach (var command in commands)
        {
            var words = Words(command);
            Assert.Equal("winnow", words[0]);
            last = CliRunner.RunIn(_dir.Path, words[1..]);
            Assert.True(last.ExitCode == 0, $"{command}\n{last}");
        }
        Assert.True(File.Exists(Path.Combine(_dir.Path, "out/mydata/train/data.jsonl")));
        Assert.True(File.Exists(Path.Combine(_dir.Path, "out/mydata-model/final", "text_steps.json")));
        Assert.Contains("applying the training data's text steps (normalize, pii.redact)", last!.Err);
        Assert.Contains("\"text\":\"Call 09061701461 to claim your prize\"", last.Out);
    }
}
