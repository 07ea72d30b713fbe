using System.CommandLine;

namespace Winnow.Cli.Tests.Traps;

/// <summary>Issue #15, trap 7: an unknown option is an error everywhere, not only where a test once looked.</summary>
public sealed class UnknownOptionTests
{
    /// <summary>Every command that runs something, as the words that reach it (<c>annotate export</c>, …).</summary>
    private static IEnumerable<string[]> Leaves(Command command, string[] path)
    {
        if (command.Action is not null && path.Length > 0) yield return path;
        foreach (var sub in command.Subcommands)
            foreach (var leaf in Leaves(sub, [.. path, sub.Name]))
                yield return leaf;
    }

    [Fact]
    public void EveryCommand_UnknownOption_IsAParseError()
    {
        var root = Program.BuildRoot();
        var leaves = Leaves(root, []).ToList();
        Assert.True(leaves.Count >= 15, $"only {leaves.Count} commands found");
        foreach (var words in leaves)
        {
            // The misspelt option before and after an argument-like word: neither may become a text, a path or a value.
            var parse = root.Parse([.. words, "--no-such-option", "x"]);
            Assert.True(parse.Errors.Count > 0, $"winnow {string.Join(' ', words)} --no-such-option x parsed without an error");
            Assert.Contains(parse.Errors, e => e.Message.Contains("--no-such-option", StringComparison.Ordinal));
        }
    }
}
