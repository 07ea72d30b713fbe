using System.CommandLine;
using Winnow.Cli.Commands;
using Winnow.Cli.Commands.Annotate;

namespace Winnow.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = BuildRoot();
        if (args.Length == 0) return root.Parse(["--help"]).Invoke(); // `winnow` alone: the help
        var parse = root.Parse(args);
        if (parse.Errors.Count == 0) return parse.Invoke();
        // Bad usage (unknown option, missing argument) is exit code 2, like a recipe that cannot run.
        var suggestion = CommandLineChecks.SuggestCommand(root, args);
        if (suggestion.Length > 0) Console.Error.WriteLine($"error: unknown command '{args[0]}'{suggestion}");
        else foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
        Console.Error.WriteLine("Run 'winnow --help' for usage.");
        return 2;
    }

    /// <summary>The whole command tree. Each verb lives in its own file under Commands/.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Winnow: prepare datasets for fine-tuning language models, and fine-tune them.");
        foreach (var command in Commands())
            root.Subcommands.Add(command);
        CommandLineChecks.AddTo(root);
        return root;
    }

    private static IEnumerable<Command> Commands()
    {
        // Keep one line per verb: helpers add theirs here.
        yield return RunCommand.Create();
        yield return ValidateCommand.Create();
        yield return StatsCommand.Create();
        yield return TrainCommand.Create();
        yield return EvalCommand.Create();
        yield return PredictCommand.Create();
        yield return MergeCommand.Create();
        yield return InspectCommand.Create();
        yield return EmbedCommand.Create();
        yield return AnnotateCommand.Create();
        yield return CompareCommand.Create();
        yield return CompareRunCommand.Create();
    }
}
