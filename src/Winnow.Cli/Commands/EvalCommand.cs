using System.CommandLine;
using Winnow.Tuning.Evaluation;

namespace Winnow.Cli.Commands;

/// <summary><c>winnow eval --model DIR DATA.jsonl [--output DIR]</c>: accuracy, macro-F1, per-class scores, confusion matrix.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var data = new Argument<FileInfo>("data") { Description = "Labelled records (JSONL: text + label)." };
        var model = new Option<DirectoryInfo>("--model", "-m") { Description = "A model folder written by winnow train (OUTPUT/best or OUTPUT/final) or winnow merge.", Required = true };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Where eval.json and confusion.png go (default: the model folder)." };
        var text = new Option<string>("--text-field") { Description = "The text field.", DefaultValueFactory = _ => "text" };
        var label = new Option<string?>("--label-field") { Description = "The label field (default label, or labels for multi-label)." };
        var batch = new Option<int>("--batch-size") { Description = "Examples per inference batch.", DefaultValueFactory = _ => 128 };
        var device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var raw = new Option<bool>("--raw") { Description = "Do not apply the training data's text steps (text_steps.json in the model folder)." };
        var command = new Command("eval", "Evaluate a trained classifier: accuracy, macro-F1, per-class precision/recall, confusion matrix (JSON + PNG).")
            { data, model, output, text, label, batch, device, json, raw };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var modelDir = parse.GetValue(model)!.FullName;
            var outDir = parse.GetValue(output)?.FullName ?? modelDir;
            if (ModelEvaluation.IsTokenModel(modelDir))
            {
                var entities = ModelEvaluation.RunEntities(modelDir, parse.GetValue(data)!.FullName, outDir, parse.GetValue(batch), parse.GetValue(device)!,
                    transform: ModelTextSteps.For(modelDir, parse.GetValue(raw)));
                Console.WriteLine(parse.GetValue(json) ? System.Text.Json.JsonSerializer.Serialize(entities, EvalJson.Options) : entities.Summary());
                return 0;
            }
            var report = ModelEvaluation.Run(modelDir, parse.GetValue(data)!.FullName, outDir, parse.GetValue(text)!, parse.GetValue(label),
                parse.GetValue(batch), parse.GetValue(device)!, transform: ModelTextSteps.For(modelDir, parse.GetValue(raw)));
            if (parse.GetValue(json)) Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(report, EvalJson.Options));
            else
            {
                TuningOutput.PrintReport(report);
                Console.WriteLine($"wrote {Path.Combine(outDir, "eval.json")}{(report.ConfusionMatrix is null ? "" : $" and {Path.Combine(outDir, "confusion.png")}")}");
            }
            return 0;
        }));
        return command;
    }
}
