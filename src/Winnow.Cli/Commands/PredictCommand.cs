using System.CommandLine;
using Winnow.Core;
using Winnow.Tuning.Evaluation;

namespace Winnow.Cli.Commands;

/// <summary>
/// <c>winnow predict --model DIR [INPUT | -] [--text T …] [--output FILE] [--raw]</c>: JSONL, batched: labels and
/// probabilities (a sequence classifier), or records with <c>spans</c> on the text as given (a token classifier).
/// Texts come from a file (.txt one per line, or record JSONL), standard input (<c>-</c>, one per line) or
/// <c>--text</c>; the training data's text steps are applied first unless <c>--raw</c>.
/// </summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var input = new Argument<string?>("input") { Description = "Texts: a .txt file (one per line), record JSONL (text field), or - for standard input (one per line).", Arity = ArgumentArity.ZeroOrOne };
        var inline = new Option<string[]>("--text", "-t") { Description = "A text to label (repeat for more), instead of a file.", AllowMultipleArgumentsPerToken = false };
        var model = new Option<DirectoryInfo>("--model", "-m") { Description = "A model folder written by winnow train or winnow merge.", Required = true };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write JSONL here instead of standard output." };
        var top = new Option<int>("--top") { Description = "How many of the most probable labels to list per text (sequence classifiers).", DefaultValueFactory = _ => 3 };
        var text = new Option<string>("--text-field") { Description = "The text field of JSONL input.", DefaultValueFactory = _ => "text" };
        var batch = new Option<int>("--batch-size") { Description = "Texts per inference batch.", DefaultValueFactory = _ => 128 };
        var device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };
        var raw = new Option<bool>("--raw") { Description = "Do not apply the training data's text steps (text_steps.json in the model folder)." };
        var command = new Command("predict", "Predict labels and probabilities (or, with a token classifier, entity spans) for texts (a file, standard input or --text).")
            { input, inline, model, output, top, text, batch, device, raw };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var modelDir = parse.GetValue(model)!.FullName;
            var transform = ModelTextSteps.For(modelDir, parse.GetValue(raw));
            var texts = parse.GetValue(inline) ?? [];
            var path = parse.GetValue(input);
            int batchSize = parse.GetValue(batch);
            var dev = parse.GetValue(device)!;
            if (texts.Length > 0 && path is not null) throw new WinnowException("give texts either as an input file (or -) or with --text, not both", 2);
            if (texts.Length == 0 && path is null) throw new WinnowException("give the texts: an input file, - for standard input, or --text \"…\"", 2);
            IReadOnlyList<string>? given = texts.Length > 0 ? texts : path == "-" ? StandardInputLines() : null;
            var file = path is null || path == "-" ? null : Path.GetFullPath(path);
            // A token classifier writes records with spans; a sequence classifier labels and probabilities.
            Action<TextWriter> write;
            int count;
            if (ModelEvaluation.IsTokenModel(modelDir))
            {
                var spans = given is not null ? SpanPredictor.RunTexts(modelDir, given, batchSize, dev, transform)
                    : SpanPredictor.Run(modelDir, file!, batchSize, parse.GetValue(text)!, dev, transform);
                (write, count) = (w => Prediction.WriteJsonl(spans, w), spans.Count);
            }
            else
            {
                var labels = given is not null ? Prediction.RunTexts(modelDir, given, parse.GetValue(top), batchSize, dev, transform)
                    : Prediction.Run(modelDir, file!, parse.GetValue(top), batchSize, parse.GetValue(text)!, dev, transform);
                (write, count) = (w => Prediction.WriteJsonl(labels, w), labels.Count);
            }
            if (parse.GetValue(output) is { } outFile)
            {
                using (var w = new StreamWriter(outFile.FullName)) write(w);
                Console.Error.WriteLine($"wrote {count} predictions to {outFile.FullName}");
            }
            else write(Console.Out);
            return 0;
        }));
        return command;
    }

    private static List<string> StandardInputLines()
    {
        var lines = new List<string>();
        while (Console.In.ReadLine() is { } line)
            if (!string.IsNullOrWhiteSpace(line)) lines.Add(line);
        return lines;
    }
}
