using System.CommandLine;
using Spectre.Console;
using System.Text.Json.Serialization;
using Winnow.Annotation.Agreement;
using Winnow.Annotation.Crowd;
using Winnow.Annotation.Crowd.Aggregation;
using Winnow.Core;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// <c>winnow annotate import-results FILE --format label-studio|mturk|labelbox [--output ROWS] [--aggregate majority|dawid-skene]
/// [--gold FILE] [--labels-output FILE] [--json]</c>: a platform's results as annotation rows (people and pre-labels),
/// optionally aggregated to one label per item, with per-worker quality.
/// </summary>
internal static class ImportResultsCommand
{
    private sealed record Summary(
        [property: JsonPropertyName("schema")] string Schema,
        [property: JsonPropertyName("items")] int Items,
        [property: JsonPropertyName("annotations")] int Annotations,
        [property: JsonPropertyName("predictions")] int Predictions,
        [property: JsonPropertyName("method")] string? Method,
        [property: JsonPropertyName("labels")] IReadOnlyList<AggregatedLabel>? Labels,
        [property: JsonPropertyName("workers")] IReadOnlyList<WorkerQuality>? Workers);

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "What the platform gave back (Label Studio JSON export, MTurk batch results CSV, Labelbox export NDJSON)." };
        var format = new Option<string>("--format") { Description = $"Platform: {string.Join(" | ", CrowdFormats.Names)}.", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "Write every judgement and pre-label as JSONL rows {item, annotator, label, spans, score, prediction}." };
        var aggregate = new Option<string?>("--aggregate") { Description = $"Decide one label per item: {string.Join(" | ", LabelAggregator.Methods)}." };
        var gold = new Option<string?>("--gold") { Description = "Known labels (JSONL {item, label} or records {id, label}) for per-worker quality; Dawid–Skene holds them fixed." };
        var labelsOut = new Option<string?>("--labels-output") { Description = "Write the decided labels as JSONL {item, label, confidence, votes, method}." };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON (schema winnow.crowd_import/1)." };
        var command = new Command("import-results", "Read a crowdsourcing platform's results; aggregate many workers by majority vote or Dawid–Skene.")
        {
            file, format, output, aggregate, gold, labelsOut, json,
        };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var results = CrowdFormats.Get(parse.GetValue(format)!).Import(parse.GetValue(file)!);
            if (parse.GetValue(output) is { } rowsPath)
            {
                using var w = new StreamWriter(rowsPath);
                AnnotationRows.Write(results.Annotations.Concat(results.Predictions), w);
            }
            Aggregation? aggregation = null;
            var method = parse.GetValue(aggregate);
            if (method is null && (parse.GetValue(labelsOut) is not null || parse.GetValue(gold) is not null)) method = "majority";
            if (method is not null)
            {
                if (!LabelAggregator.Methods.Contains(method))
                    throw new WinnowException($"--aggregate: unknown method '{method}'; valid: {string.Join(", ", LabelAggregator.Methods)}", 2);
                var known = parse.GetValue(gold) is { } g ? AnnotationRows.ReadGold(g) : null;
                aggregation = LabelAggregator.Aggregate(results.Annotations, method, known);
                if (parse.GetValue(labelsOut) is { } labelsPath)
                    File.WriteAllLines(labelsPath, aggregation.Labels.Select(l => System.Text.Json.JsonSerializer.Serialize(l, CrowdJsonOptions)));
            }
            var summary = new Summary("winnow.crowd_import/1", results.Texts.Count, results.Annotations.Count, results.Predictions.Count,
                method, parse.GetValue(json) ? aggregation?.Labels : null, aggregation?.Workers);
            if (parse.GetValue(json)) { Terminal.WriteJson(summary); return 0; }
            var console = Terminal.Create();
            Console.Out.WriteLine($"{summary.Items:N0} items, {summary.Annotations:N0} annotations, {summary.Predictions:N0} pre-labels");
            if (aggregation is not null)
            {
                Console.Out.WriteLine($"{aggregation.Labels.Count:N0} items decided by {method}");
                var table = Terminal.NewTable("worker", "items", "gold items", "gold accuracy", "estimated accuracy", "agrees with decided");
                foreach (var q in aggregation.Workers)
                    table.AddRow(Terminal.Cell(q.Worker), Terminal.Right(Terminal.N(q.Items)), Terminal.Right(Terminal.N(q.GoldItems)),
                        Terminal.Right(AgreementCommand.F(q.GoldAccuracy)), Terminal.Right(AgreementCommand.F(q.EstimatedAccuracy)),
                        Terminal.Right(AgreementCommand.F(q.AgreementWithAggregate)));
                console.Write(table);
            }
            return 0;
        }));
        return command;
    }

    private static readonly System.Text.Json.JsonSerializerOptions CrowdJsonOptions =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
