using Spectre.Console;
using Winnow.Core.Running;

namespace Winnow.Cli.Commands;

/// <summary>The table printed after a run: per step in, out, dropped by reason, created, time; then the outputs.</summary>
internal static class RunSummary
{
    public static void Print(RunResult result)
    {
        var console = Terminal.Create();
        // Inputs on lines of their own: in the table's first column a path was cut into 20-character pieces.
        foreach (var input in result.Manifest.Inputs)
            Console.WriteLine($"read {input.Path}: {input.Records:N0} records{(input.Malformed > 0 ? $", {input.Malformed:N0} malformed" : "")}");
        var steps = new Table().Border(TableBorder.Simple)
            .AddColumns("step", "in", "out", "dropped", "created", "seconds");
        // A step's name is never cut ("augment.backtransl" / "ate" on an 80-column pipe).
        steps.Columns[0].NoWrap();
        var read = result.Manifest.Inputs.Sum(i => i.Records);
        var malformed = result.Manifest.Inputs.Sum(i => i.Malformed);
        steps.AddRow("read", "", read.ToString("N0"), malformed > 0 ? $"{malformed:N0} malformed_input" : "", "", "");
        for (var i = 0; i < result.Manifest.Steps.Count; i++)
        {
            var s = result.Manifest.Steps[i];
            var dropped = string.Join(", ", s.Dropped.Select(d => $"{d.Value:N0} {d.Key}"));
            steps.AddRow(Markup.Escape(s.Name), s.In.ToString("N0"), s.Out.ToString("N0"), Markup.Escape(dropped),
                s.Created.ToString("N0"), result.Steps[i].Seconds.ToString("F2"));
        }
        console.Write(steps);
        foreach (var s in result.Manifest.Steps)
            if (s.Details?.GetValueOrDefault("split_sizes") is { } sizes)
                console.MarkupLine(Markup.Escape($"{s.Name}: {string.Join(" · ", sizes.Select(kv => $"{kv.Key} {kv.Value:N0}"))}"));
        foreach (var line in Core.Reporting.SplitChecksSection.Lines(result.Manifest))
            console.MarkupLine($"[yellow]{Markup.Escape(line)}[/]");
        var files = new Table().Border(TableBorder.Simple).AddColumns("output", "format", "records");
        foreach (var o in result.Manifest.Outputs) files.AddRow(Markup.Escape(o.Path), o.Format ?? "", o.Records.ToString("N0"));
        foreach (var r in result.Manifest.Rejects) files.AddRow(Markup.Escape(r.Path), "rejects", r.Records.ToString("N0"));
        console.Write(files);
        console.MarkupLine($"[grey]{Markup.Escape(result.OutputDirectory)}/manifest.json · {result.Elapsed.TotalSeconds:F1} s[/]");
    }
}
