using System.CommandLine;
using Spectre.Console;
using Winnow.Cli.Compare;
using Winnow.Compare.Recipe;
using Winnow.Compare.Running;
using Winnow.Compare.Writers;

namespace Winnow.Cli.Commands;

/// <summary>
/// <c>winnow compare COMPARE.yaml [--output DIR]</c>: every method on the same data and budget, a learning-rate sweep
/// each, several seeds, dataset ablations and low-data curves; a table, JSON, plots and a page. Resumable by run.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var recipe = new Argument<FileInfo>("recipe") { Description = "The comparison recipe (YAML)." };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Output folder (default out/<name>); runs already finished there are not trained again." };
        var command = new Command("compare", "Compare fine-tuning methods (and dataset variants) on the same data and budget: a measured table.") { recipe, output };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var r = CompareRecipeLoader.Load(parse.GetValue(recipe)!.FullName);
            var dir = parse.GetValue(output)?.FullName ?? Path.GetFullPath(Path.Combine("out", r.Name));
            using var cts = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                var result = new ComparisonRunner(r, dir, new ProcessRunTrainer(), Console.Out).Run(cts.Token);
                var files = ReportFiles.Write(result, dir);
                var table = new Spectre.Console.Table().AddColumns("approach", "test accuracy", "trainable", "s/step", "peak memory");
                foreach (var row in ReportTables.Methods(result).Rows)
                    table.AddRow(Markup.Escape(row[0]), Markup.Escape(row[3]), Markup.Escape(row[5]), Markup.Escape(row[8]), Markup.Escape(row[7]));
                AnsiConsole.Write(table);
                foreach (var f in files) Console.WriteLine($"wrote {f}");
                // Exit 1 only when nothing could be trained: a failing method is a row of the table, not a failed command.
                return result.Table.Concat(result.Ablation).Any(g => !g.Failed) ? 0 : 1;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
        return command;
    }
}
