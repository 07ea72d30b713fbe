using System.CommandLine;
using Spectre.Console;
using Winnow.Annotation.Rules;
using Winnow.Core.Formats;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// <c>winnow annotate lf-analysis FILE --rules RULES.yaml [--json] [--input-format F] [--text F] [--label F] [--id F]</c>:
/// Snorkel's LF summary over FILE's records; their labels, where present, are the gold labels.
/// </summary>
internal static class LfAnalysisCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Records (a dataset file, folder or glob); their labels, where present, are gold." };
        var rules = new Option<string>("--rules", "-r") { Description = "The rules file (YAML: functions, spans).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (schema winnow.lf_analysis/1)." };
        var inputFormat = new Option<string?>("--input-format") { Description = $"Input format: {string.Join(" | ", FormatRegistry.InputFormats)} (default: from the extension)." };
        var text = new Option<string?>("--text") { Description = "Source field holding the text (default: text)." };
        var label = new Option<string?>("--label") { Description = "Source field holding the gold label (default: label)." };
        var id = new Option<string?>("--id") { Description = "Source field holding the id (default: id)." };
        var command = new Command("lf-analysis", "Labeling functions: coverage, overlaps, conflicts, empirical and learned accuracy (Snorkel's LF summary).")
        {
            file, rules, json, inputFormat, text, label, id,
        };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var set = RuleSet.Load(parse.GetValue(rules)!);
            var spec = StatsCommand.Spec(parse.GetValue(file)!, parse.GetValue(inputFormat), parse.GetValue(text), parse.GetValue(label), parse.GetValue(id), true);
            var records = FormatRegistry.ReadAll(spec).Select(i => i.Parse()).ToList();
            var report = LfAnalysis.Analyse(set, records);
            if (parse.GetValue(json)) { Terminal.WriteJson(report); return 0; }
            var console = Terminal.Create();
            Console.Out.WriteLine($"{report.Records:N0} records ({report.Gold:N0} with gold labels), {report.Functions.Count} functions, coverage {Terminal.Percent(report.Coverage)}");
            var table = Terminal.NewTable("function", "polarity", "coverage", "overlaps", "conflicts", "correct", "incorrect", "emp. acc.", "learned acc.");
            foreach (var f in report.Functions)
                table.AddRow(Terminal.Cell(f.Name), Terminal.Cell(f.Polarity), Terminal.Right(Terminal.Percent(f.Coverage)), Terminal.Right(Terminal.Percent(f.Overlaps)),
                    Terminal.Right(Terminal.Percent(f.Conflicts)), Terminal.Right(f.Correct?.ToString() ?? "–"), Terminal.Right(f.Incorrect?.ToString() ?? "–"),
                    Terminal.Right(AgreementCommand.F(f.EmpiricalAccuracy)), Terminal.Right(AgreementCommand.F(f.LearnedAccuracy)));
            console.Write(table);
            Console.Out.WriteLine($"majority vote: labels {Terminal.Percent(report.MajorityCoverage)}, accuracy {AgreementCommand.F(report.MajorityAccuracy)}; " +
                $"label model: labels {Terminal.Percent(report.LabelModelCoverage)}, accuracy {AgreementCommand.F(report.LabelModelAccuracy)}");
            return 0;
        }));
        return command;
    }
}
