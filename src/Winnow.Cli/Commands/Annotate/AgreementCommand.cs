using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Winnow.Annotation.Agreement;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// <c>winnow annotate agreement FILE [--json]</c>: FILE is JSONL rows <c>{"item", "annotator", "label"}</c> (or
/// <c>"spans"</c>); prints Fleiss' κ, Krippendorff's α (nominal), Cohen's κ and span F1 per annotator pair, and each
/// annotator's agreement with the others' majority.
/// </summary>
internal static class AgreementCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "JSONL rows {\"item\", \"annotator\", \"label\"} (or \"spans\": [{start, end, label}])." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (schema winnow.agreement/1)." };
        var command = new Command("agreement", "Inter-annotator agreement: Cohen's κ per pair, Fleiss' κ, Krippendorff's α, span F1, agreement with consensus.")
        {
            file, json,
        };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var report = AgreementReport.Compute(AnnotationRows.Read(parse.GetValue(file)!));
            if (parse.GetValue(json)) { Terminal.WriteJson(report); return 0; }
            Render(report);
            return 0;
        }));
        return command;
    }

    private static void Render(AgreementReport r)
    {
        var console = Terminal.Create();
        console.WriteLine($"{Terminal.N(r.Rows)} rows, {Terminal.N(r.Items)} items, {r.Annotators} annotators, {r.Labels.Count} labels");
        console.WriteLine($"Fleiss' κ {F(r.FleissKappa)}   Krippendorff's α (nominal) {F(r.KrippendorffAlpha)}");
        var pairs = Terminal.NewTable("a", "b", "items", "agreement", "Cohen's κ", "span F1 exact", "span F1 overlap");
        foreach (var p in r.Pairs)
            pairs.AddRow(Terminal.Cell(p.A), Terminal.Cell(p.B), Terminal.Right(Terminal.N(p.Items)), Terminal.Right(F(p.Observed)),
                Terminal.Right(F(p.CohenKappa)), Terminal.Right(F(p.SpanF1Exact)), Terminal.Right(F(p.SpanF1Overlap)));
        console.Write(pairs);
        var people = Terminal.NewTable("annotator", "items", "agrees with the others' majority");
        foreach (var a in r.PerAnnotator)
            people.AddRow(Terminal.Cell(a.Annotator), Terminal.Right(Terminal.N(a.Items)), Terminal.Right(F(a.WithConsensus)));
        console.Write(people);
    }

    internal static string F(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "–";
}
