using System.CommandLine;
using Winnow.Core.Recipes;
using Winnow.Core.Running;

namespace Winnow.Cli.Commands;

/// <summary><c>winnow run RECIPE.yaml [--output DIR] [--seed N] [--resume]</c>: the data pipeline.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var recipe = new Argument<FileInfo>("recipe") { Description = "The recipe (YAML)." };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Output folder (default: out/<recipe name>)." };
        var seed = new Option<long?>("--seed") { Description = "Overrides the recipe's seed." };
        var resume = new Option<bool>("--resume") { Description = "Pick up a killed run where it stopped." };
        var command = new Command("run", "Run a data pipeline recipe: inputs → steps → outputs.") { recipe, output, seed, resume };
        var scaleOut = new RunScaleOut();
        scaleOut.AddTo(command);
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var loaded = RecipeLoader.Load(parse.GetValue(recipe)!.ToString(), Composition.Steps());
            var options = new RunOptions
            {
                OutputDirectory = parse.GetValue(output)?.FullName ?? Path.Combine("out", loaded.Name),
                Seed = parse.GetValue(seed),
                Resume = parse.GetValue(resume),
            };
            if (scaleOut.Requested(parse)) return scaleOut.Run(parse, loaded, options, parse.GetValue(recipe)!.ToString());
            var result = RunProgress.Show(observer => new Runner(loaded, options, observer).Run());
            RunSummary.Print(result);
            return 0;
        }));
        return command;
    }
}
