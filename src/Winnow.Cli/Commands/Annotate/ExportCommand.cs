using System.CommandLine;
using Winnow.Annotation.Crowd;
using Winnow.Core;
using Winnow.Core.Formats;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// <c>winnow annotate export [FILE] [--db DB --project P] --format jsonl|label-studio|mturk|labelbox --output OUT
/// [--labels a,b] [--span-labels x,y] [--no-predictions] [--question Q] [--input-format F] [--text F] [--label F]
/// [--id F] [--decided-only]</c>. From FILE: tasks for a crowdsourcing platform, each record's label and spans (and
/// <c>meta.label_confidence</c>) as the pre-annotation. Without FILE, from the label store: <c>jsonl</c> (the default)
/// writes the project's records with the labels people decided (<see cref="StoreExport"/>); a platform format sends
/// those records to the platform.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("file") { Description = "Records to label: a dataset file, a folder or a glob (default: the label store, --db).", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string?>("--format") { Description = $"jsonl (from the store: the decided records) | {string.Join(" | ", CrowdFormats.Names)}." };
        var output = new Option<string?>("--output", "-o") { Description = "File to write (companion files go beside it; from the store, default PROJECT.labels.jsonl)." };
        var db = AnnotateCommand.DbOption();
        var project = AnnotateCommand.ProjectOption("Project in the store (default: the store's first project).");
        var decidedOnly = new Option<bool>("--decided-only") { Description = "From the store: only items with a decided label or spans." };
        var labels = new Option<string?>("--labels") { Description = "Comma-separated labels to offer (default: the labels in FILE, sorted)." };
        var spanLabels = new Option<string?>("--span-labels") { Description = "Comma-separated span labels to offer (default: the span labels in FILE)." };
        var noPredictions = new Option<bool>("--no-predictions") { Description = "Send no pre-annotations (labels and spans are hidden from workers)." };
        var question = new Option<string>("--question") { Description = "The question shown to workers.", DefaultValueFactory = _ => "Which label fits this text?" };
        var inputFormat = new Option<string?>("--input-format") { Description = $"Input format: {string.Join(" | ", FormatRegistry.InputFormats)} (default: from the extension)." };
        var text = new Option<string?>("--text") { Description = "Source field holding the text (default: text)." };
        var label = new Option<string?>("--label") { Description = "Source field holding the label (default: label)." };
        var id = new Option<string?>("--id") { Description = "Source field holding the id (default: id)." };
        var command = new Command("export", "Write tasks for Label Studio, Amazon Mechanical Turk or Labelbox (with pre-annotations), or the label store's decided records as JSONL.")
        {
            file, format, output, labels, spanLabels, noPredictions, question, inputFormat, text, label, id, db, project, decidedOnly,
        };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var formatName = parse.GetValue(format);
            var fromFile = parse.GetValue(file);
            if (fromFile is null && formatName is null or "jsonl")
                return StoreExport.WriteJsonl(parse.GetValue(db)!, parse.GetValue(project), parse.GetValue(output), parse.GetValue(decidedOnly));
            if (formatName is null or "jsonl")
                throw new WinnowException($"--format: name the platform to export FILE for ({string.Join(" | ", CrowdFormats.Names)}); jsonl exports the label store (no FILE)", 2);
            var outputPath = parse.GetValue(output) ?? throw new WinnowException("--output: name the task file to write", 2);
            var platform = CrowdFormats.Get(formatName);
            List<Core.Records.Record> records;
            if (fromFile is not null)
            {
                var spec = StatsCommand.Spec(fromFile, parse.GetValue(inputFormat), parse.GetValue(text), parse.GetValue(label), parse.GetValue(id), true);
                records = FormatRegistry.ReadAll(spec).Select(i => i.Parse()).ToList();
            }
            else
            {
                var (_, lines) = StoreExport.Read(parse.GetValue(db)!, parse.GetValue(project));
                records = [.. lines.Where(l => !parse.GetValue(decidedOnly) || l.Decided)
                    .Select(l => RecordJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(l.Line)))];
            }
            var items = records.Select(r => CrowdItem.From(r, !parse.GetValue(noPredictions))).ToList();
            var settings = new CrowdExportSettings(
                Split(parse.GetValue(labels)) ?? [.. records.Select(r => r.Label).OfType<string>().Distinct().Order(StringComparer.Ordinal)],
                Split(parse.GetValue(spanLabels)) ?? [.. records.SelectMany(r => r.Spans).Select(s => s.Label).Distinct().Order(StringComparer.Ordinal)],
                parse.GetValue(question)!);
            if (settings.Labels.Count == 0 && settings.SpanLabels.Count == 0)
                throw new WinnowException("no labels to offer: the records have none; name them with --labels or --span-labels", 2);
            var written = platform.Export(items, settings, outputPath);
            Console.Error.WriteLine($"{items.Count:N0} tasks ({items.Count(i => i.HasPrediction):N0} with pre-annotations) → {string.Join(", ", written)}");
            return 0;
        }));
        return command;
    }

    private static List<string>? Split(string? list) =>
        list is null ? null : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
