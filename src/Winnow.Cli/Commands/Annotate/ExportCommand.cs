using System.CommandLine;
using Winnow.Annotation.Crowd;
using Winnow.Core;
using Winnow.Core.Formats;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// <c>winnow annotate export FILE --format label-studio|mturk|labelbox --output OUT [--labels a,b] [--span-labels x,y]
/// [--no-predictions] [--question Q] [--input-format F] [--text F] [--label F] [--id F]</c>: tasks for a crowdsourcing
/// platform, each record's label and spans (and <c>meta.label_confidence</c>) as the pre-annotation.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Records to label: a dataset file, a folder or a glob." };
        var format = new Option<string>("--format") { Description = $"Platform: {string.Join(" | ", CrowdFormats.Names)}.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Task file to write (companion files go beside it).", Required = true };
        var labels = new Option<string?>("--labels") { Description = "Comma-separated labels to offer (default: the labels in FILE, sorted)." };
        var spanLabels = new Option<string?>("--span-labels") { Description = "Comma-separated span labels to offer (default: the span labels in FILE)." };
        var noPredictions = new Option<bool>("--no-predictions") { Description = "Send no pre-annotations (labels and spans are hidden from workers)." };
        var question = new Option<string>("--question") { Description = "The question shown to workers.", DefaultValueFactory = _ => "Which label fits this text?" };
        var inputFormat = new Option<string?>("--input-format") { Description = $"Input format: {string.Join(" | ", FormatRegistry.InputFormats)} (default: from the extension)." };
        var text = new Option<string?>("--text") { Description = "Source field holding the text (default: text)." };
        var label = new Option<string?>("--label") { Description = "Source field holding the label (default: label)." };
        var id = new Option<string?>("--id") { Description = "Source field holding the id (default: id)." };
        var command = new Command("export", "Write tasks for Label Studio, Amazon Mechanical Turk or Labelbox, with pre-annotations.")
        {
            file, format, output, labels, spanLabels, noPredictions, question, inputFormat, text, label, id,
        };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var platform = CrowdFormats.Get(parse.GetValue(format)!);
            var spec = StatsCommand.Spec(parse.GetValue(file)!, parse.GetValue(inputFormat), parse.GetValue(text), parse.GetValue(label), parse.GetValue(id), true);
            var records = FormatRegistry.ReadAll(spec).Select(i => i.Parse()).ToList();
            var items = records.Select(r => CrowdItem.From(r, !parse.GetValue(noPredictions))).ToList();
            var settings = new CrowdExportSettings(
                Split(parse.GetValue(labels)) ?? [.. records.Select(r => r.Label).OfType<string>().Distinct().Order(StringComparer.Ordinal)],
                Split(parse.GetValue(spanLabels)) ?? [.. records.SelectMany(r => r.Spans).Select(s => s.Label).Distinct().Order(StringComparer.Ordinal)],
                parse.GetValue(question)!);
            if (settings.Labels.Count == 0 && settings.SpanLabels.Count == 0)
                throw new WinnowException("no labels to offer: FILE has none; name them with --labels or --span-labels", 2);
            var written = platform.Export(items, settings, parse.GetValue(output)!);
            Console.Error.WriteLine($"{items.Count:N0} tasks ({items.Count(i => i.HasPrediction):N0} with pre-annotations) → {string.Join(", ", written)}");
            return 0;
        }));
        return command;
    }

    private static List<string>? Split(string? list) =>
        list is null ? null : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
