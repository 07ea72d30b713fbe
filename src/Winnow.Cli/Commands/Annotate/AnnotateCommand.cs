using System.CommandLine;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// <c>winnow annotate …</c>: the labelling web app and its store (users, serve, load, export) and the
/// annotation machinery (agreement, crowd exports and imports, labeling-function analysis). The parent only
/// collects subcommands: each lives in its own file and adds one line to <see cref="Subcommands"/>.
/// </summary>
internal static class AnnotateCommand
{
    public static Command Create()
    {
        var command = new Command("annotate", "Label data with people (the web app and its store, crowd platforms), rules and models; measure agreement.");
        foreach (var sub in Subcommands()) command.Subcommands.Add(sub);
        return command;
    }

    private static IEnumerable<Command> Subcommands()
    {
        // One line per subcommand.
        yield return AgreementCommand.Create();
        yield return ExportCommand.Create();
        yield return ImportResultsCommand.Create();
        yield return AnnotateUsersCommand.Create();
        yield return AnnotateServeCommand.Create();
        yield return AnnotateLoadCommand.Create();
        yield return LfAnalysisCommand.Create();
        yield return EvaluateCommand.Create();
    }

    /// <summary>The store option every store subcommand shares.</summary>
    public static Option<string> DbOption() => new("--db")
    {
        Description = "The label store: a SQLite file (default labels.db), or postgres://user:password@host:port/database for a team.",
        DefaultValueFactory = _ => "labels.db",
    };

    public static Option<string?> ProjectOption(string what) => new("--project", "-p") { Description = what };
}
