using System.CommandLine;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// <c>winnow annotate …</c>: the parent of the annotation subcommands. Each subcommand lives in its own file in
/// this folder and adds one line to <see cref="Subcommands"/>, so the crowd/agreement tools and the web app's
/// commands (users, serve, load, export from the store) merge without touching each other.
/// </summary>
internal static class AnnotateCommand
{
    public static Command Create()
    {
        var command = new Command("annotate", "Annotation: agreement, crowd exports and imports, labeling-function analysis.");
        foreach (var sub in Subcommands()) command.Subcommands.Add(sub);
        return command;
    }

    private static IEnumerable<Command> Subcommands()
    {
        // One line per subcommand.
        yield return AgreementCommand.Create();
        yield return ExportCommand.Create();
        yield return ImportResultsCommand.Create();
        yield return LfAnalysisCommand.Create();
        yield return EvaluateCommand.Create();
    }
}
