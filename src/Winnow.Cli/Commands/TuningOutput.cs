using Spectre.Console;
using Winnow.Tuning.Evaluation;
using Winnow.Tuning.Tasks.SequenceClassification;
using Winnow.Tuning.Training;

namespace Winnow.Cli.Commands;

/// <summary>How tuning results are shown to people: short summaries and tables.</summary>
internal static class TuningOutput
{
    public static void PrintTrainResult(TrainResult r)
    {
        Console.WriteLine(r.Parameters.ToString());
        Console.WriteLine($"steps {r.Steps}, wall {r.WallSeconds:F1} s, {r.SecondsPerStep:F3} s/step, peak RSS {r.PeakRssBytes / (1 << 20)} MiB{(r.StoppedEarly ? ", stopped early" : "")}");
        if (r.FinalEval is { } e)
        {
            Console.WriteLine($"final: {e.Summary()}");
            if (e is ClassificationReport c) PrintBaseline(c);
        }
        if (r.BestMetric is { } b) Console.WriteLine($"best: {b:F4} at step {r.BestStep}");
        Console.WriteLine($"output: {r.Output}");
    }

    /// <summary>The majority-class baseline next to the score, and a warning when the model does not beat it.</summary>
    public static void PrintBaseline(ClassificationReport report)
    {
        if (MajorityBaseline.Of(report) is not { } b) return;
        Console.WriteLine($"baseline (always '{b.Label}'): accuracy {b.Accuracy:F4}, macro-F1 {b.MacroF1:F4}");
        if (b.NotBeatenBy(report))
            Console.Error.WriteLine($"warning: the model does not beat always answering '{b.Label}' ({report.Accuracy:F4} ≤ {b.Accuracy:F4}); " +
                "it has learnt nothing useful: check the learning rate (a head alone wants about 1e-2), the epochs and the labels");
    }

    public static void PrintReport(ClassificationReport report, int maxClasses = int.MaxValue)
    {
        Console.WriteLine($"examples {report.Examples}, accuracy {report.Accuracy:F4}, macro-F1 {report.MacroF1:F4}");
        PrintBaseline(report);
        var table = new Table().AddColumns("label", "precision", "recall", "f1", "support");
        foreach (var c in report.PerClass.Take(maxClasses))
            table.AddRow(Markup.Escape(c.Label), c.Precision.ToString("F3"), c.Recall.ToString("F3"), c.F1.ToString("F3"), c.Support.ToString());
        AnsiConsole.Write(table);
    }
}
