using System.CommandLine;
using Spectre.Console;
using Winnow.Tuning.Training;

namespace Winnow.Cli.Commands;

/// <summary><c>winnow train RECIPE.yaml [--resume] [--output DIR] [--device cpu|cuda] [--threads N]</c>: fine-tune.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var recipe = new Argument<FileInfo>("recipe") { Description = "The training recipe (YAML)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the output folder's checkpoint (model, optimizer, schedule, RNG, data position)." };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Overrides the recipe's output folder." };
        var device = new Option<string?>("--device") { Description = "cpu or cuda (overrides the recipe)." };
        var threads = new Option<int?>("--threads") { Description = "Torch threads (overrides the recipe; default all cores)." };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Stop after this many optimizer steps (the schedule still spans the epochs)." };
        var force = new Option<bool>("--force") { Description = "Clear the output folder first (a finished or unfinished training in it is replaced)." };
        var command = new Command("train", "Fine-tune a model with a training recipe: full, lora, adapter, prefix, prompt or head.") { recipe, resume, output, device, threads, maxSteps, force };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var r = TrainRecipeLoader.Load(parse.GetValue(recipe)!.FullName);
            if (parse.GetValue(output) is { } o) r = r with { Output = o.FullName };
            if (parse.GetValue(device) is { } d) r = r with { Device = d };
            if (parse.GetValue(threads) is { } t) r = r with { Threads = t };
            if (parse.GetValue(maxSteps) is { } m) r = r with { Training = r.Training with { MaxSteps = m } };
            TrainOutputFolder.Prepare(r.Output, parse.GetValue(recipe)!.FullName, parse.GetValue(resume), parse.GetValue(force));
            using var cts = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
            var result = TuningProgress.Run(r, parse.GetValue(resume), cts.Token);
            ModelTextSteps.CopyFromData(r.Data.Train, r.Output);
            TuningOutput.PrintTrainResult(result);
            return 0;
        }));
        return command;
    }
}
