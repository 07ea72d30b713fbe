using System.CommandLine;
using Winnow.Core.Recipes;

namespace Winnow.Cli;

/// <summary>
/// Usage mistakes caught the same way for every verb: a token that looks like an option (<c>--adapter</c>) but is
/// none of the command's is an error, with "did you mean", even where an argument takes many values (without this,
/// <c>winnow inspect embed --adapter DIR TEXT</c> embedded "--adapter" and "DIR" as texts); an unknown command gets
/// "did you mean".
/// </summary>
internal static class CommandLineChecks
{
    public static void AddTo(Command command, string path = "winnow")
    {
        foreach (var argument in command.Arguments)
            argument.Validators.Add(result =>
            {
                foreach (var token in result.Tokens)
                    if (token.Value.StartsWith("--", StringComparison.Ordinal) && token.Value.Length > 2)
                    {
                        var options = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
                        result.AddError($"unknown option '{token.Value}'{DidYouMean.Suggest(token.Value, options)} for '{path}'");
                    }
            });
        foreach (var sub in command.Subcommands) AddTo(sub, $"{path} {sub.Name}");
    }

    /// <summary>"did you mean 'run'?" for an unknown first word, else "".</summary>
    public static string SuggestCommand(RootCommand root, string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && root.Subcommands.All(c => c.Name != args[0])
            ? DidYouMean.Suggest(args[0], root.Subcommands.Select(c => c.Name))
            : "";
}
