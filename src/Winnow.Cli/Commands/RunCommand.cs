using System.CommandLine;
using Winnow.Core;
using Winnow.Core.Recipes;
using Winnow.Core.Running;

namespace Winnow.Cli.Commands;

/// <summary><c>winnow run RECIPE.yaml [--output DIR] [--seed N] [--resume | --force]</c>: the data pipeline.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var recipe = new Argument<FileInfo>("recipe") { Description = "The recipe (YAML)." };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Output folder (default: out/<recipe name>)." };
        var seed = new Option<long?>("--seed") { Description = "Overrides the recipe's seed." };
        var resume = new Option<bool>("--resume") { Description = "Pick up a killed or interrupted run where it stopped." };
        var force = new Option<bool>("--force") { Description = "Clear the output folder first, whatever it holds." };
        var command = new Command("run", "Run a data pipeline recipe: inputs → steps → outputs.\n\n" + StepList()) { recipe, output, seed, resume, force };
        var scaleOut = new RunScaleOut();
        scaleOut.AddTo(command);
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var recipePath = parse.GetValue(recipe)!.ToString();
            var loaded = RecipeLoader.Load(recipePath, Composition.Steps());
            RecipeInputCheck.Check(loaded);
            var options = new RunOptions
            {
                OutputDirectory = parse.GetValue(output)?.FullName ?? Path.Combine("out", loaded.Name),
                Seed = parse.GetValue(seed),
                Resume = parse.GetValue(resume),
            };
            // Shard tasks share the output folder (part files, markers): the executor and the merge own it.
            if (scaleOut.Requested(parse)) return scaleOut.Run(parse, loaded, options, recipePath);
            var created = !Directory.Exists(options.OutputDirectory);
            OutputFolder.Prepare(options.OutputDirectory, loaded, options.Resume, parse.GetValue(force));
            using var cts = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                var result = RunProgress.Show(observer => new Runner(loaded, options, observer).Run(cts.Token));
                RunSummary.Print(result);
                Console.WriteLine($"report: {Path.Combine(result.OutputDirectory, "report.html")}");
                return 0;
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                var at = RunCheckpoint.Read(options.OutputDirectory);
                Console.Error.WriteLine($"interrupted{(at is { } c ? $" after {c.Records:N0} records{(c.Phase > 0 ? $" of phase {c.Phase + 1}" : "")}" : "")}; " +
                    $"continue with: winnow run {recipePath} --output {options.OutputDirectory} --resume");
                return 130;
            }
            catch (Exception e) when (e is WinnowException or IOException or UnauthorizedAccessException)
            {
                RunCheckpoint.CleanUpFailed(options.OutputDirectory, created);
                throw;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
        return command;
    }

    /// <summary>The steps a recipe can name, for <c>winnow run --help</c>.</summary>
    private static string StepList() =>
        "Steps (options: README.md, section Steps): " + string.Join(", ", Composition.Steps().Names.Order(StringComparer.Ordinal)) + ".";
}
