using System.CommandLine;
using Winnow.Tuning.Files;

namespace Winnow.Cli.Commands;

/// <summary>
/// <c>winnow merge --model DIR --output DIR</c>: the base weights with a LoRA adapter folded in (a full model is written
/// as it is); adapter, prefix, prompt and head models cannot be merged and exit 2 saying why. The model's
/// <c>text_steps.json</c> goes with it.
/// </summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model", "-m") { Description = "A LoRA (or full) model folder written by winnow train.", Required = true };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Where model.safetensors (merged, transformers names) goes.", Required = true };
        var command = new Command("merge", "Merge a LoRA adapter into the base weights: one model.safetensors, no adapter at inference (full models as they are).") { model, output };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var outDir = parse.GetValue(output)!.FullName;
            var modelDir = parse.GetValue(model)!.FullName;
            ModelFolder.Merge(modelDir, outDir);
            ModelTextSteps.CopyModel(modelDir, outDir);
            Console.WriteLine($"wrote {Path.Combine(outDir, ModelFolder.FullWeightsFile)}");
            return 0;
        }));
        return command;
    }
}
