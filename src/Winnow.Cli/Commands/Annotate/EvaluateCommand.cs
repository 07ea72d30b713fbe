using System.CommandLine;
using System.Text.Json.Serialization;
using Spectre.Console;
using Winnow.Core.Formats;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// <c>winnow annotate evaluate FILE --gold FIELD [--json]</c>: how machine labels fare against known ones kept in
/// <c>meta.FIELD</c>: per <c>meta.label_source</c> (rule, model, human), the records labelled and their accuracy; and
/// how many records were routed to people (<c>meta.label_route: human</c>) or left unlabelled.
/// </summary>
internal static class EvaluateCommand
{
    private sealed record SourceScore(
        [property: JsonPropertyName("label_source")] string LabelSource,
        [property: JsonPropertyName("records")] int Records,
        [property: JsonPropertyName("with_gold")] int WithGold,
        [property: JsonPropertyName("correct")] int Correct,
        [property: JsonPropertyName("accuracy")] double? Accuracy);

    private sealed record Report(
        [property: JsonPropertyName("schema")] string Schema,
        [property: JsonPropertyName("records")] int Records,
        [property: JsonPropertyName("with_gold")] int WithGold,
        [property: JsonPropertyName("sources")] IReadOnlyList<SourceScore> Sources,
        [property: JsonPropertyName("routed_to_people")] int RoutedToPeople,
        [property: JsonPropertyName("unlabelled")] int Unlabelled);

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Records written by a run with annotate.* steps." };
        var gold = new Option<string>("--gold") { Description = "The meta field holding the known label.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (schema winnow.annotate_evaluate/1)." };
        var command = new Command("evaluate", "Score machine labels (label_source rule|model|human) against known labels kept in a meta field.") { file, gold, json };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var field = parse.GetValue(gold)!;
            field = field.StartsWith("meta.", StringComparison.Ordinal) ? field[5..] : field;
            var spec = StatsCommand.Spec(parse.GetValue(file)!, null, null, null, null, true);
            var records = FormatRegistry.ReadAll(spec).Select(i => i.Parse()).ToList();
            var withGold = records.Where(r => r.Meta.GetString(field) is not null).ToList();
            var sources = withGold.Where(r => r.Label is not null && r.Meta.GetString("label_source") is not null)
                .GroupBy(r => r.Meta.GetString("label_source")!).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    var correct = g.Count(r => r.Label == r.Meta.GetString(field));
                    return new SourceScore(g.Key, g.Count(), g.Count(), correct, Math.Round(correct / (double)g.Count(), 4));
                }).ToList();
            var report = new Report("winnow.annotate_evaluate/1", records.Count, withGold.Count, sources,
                withGold.Count(r => r.Meta.GetString("label_route") == "human"), withGold.Count(r => r.Label is null));
            if (parse.GetValue(json)) { Terminal.WriteJson(report); return 0; }
            Console.Out.WriteLine($"{report.Records:N0} records, {report.WithGold:N0} with a known label in meta.{field}");
            var table = Terminal.NewTable("label_source", "labelled", "share of known", "accuracy");
            foreach (var s in sources)
                table.AddRow(Terminal.Cell(s.LabelSource), Terminal.Right(Terminal.N(s.Records)), Terminal.Right(Terminal.Percent(s.Records / (double)Math.Max(1, report.WithGold))),
                    Terminal.Right(AgreementCommand.F(s.Accuracy)));
            Terminal.Create().Write(table);
            Console.Out.WriteLine($"routed to people: {report.RoutedToPeople:N0}; unlabelled: {report.Unlabelled:N0}");
            return 0;
        }));
        return command;
    }
}
