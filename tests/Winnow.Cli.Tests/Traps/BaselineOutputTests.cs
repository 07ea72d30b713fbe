using Winnow.Tuning.Tasks.SequenceClassification;
using Winnow.Cli.Commands;
using Winnow.Tuning.Evaluation;

namespace Winnow.Cli.Tests.Traps;

/// <summary>Issue #15, trap 1: train and eval print the majority-class baseline next to the score, and warn when it is not beaten.</summary>
[Collection(CliCollection.Name)]
public sealed class BaselineOutputTests
{
    private static (string Out, string Err) Capture(Action body)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        using var o = new StringWriter();
        using var e = new StringWriter();
        Console.SetOut(o);
        Console.SetError(e);
        try { body(); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
        return (o.ToString(), e.ToString());
    }

    private static ClassificationReport Report(bool good)
    {
        var gold = Enumerable.Repeat(0, 884).Concat(Enumerable.Repeat(1, 116)).ToList();
        var predicted = good ? gold : gold.Select((g, i) => i % 10 == 0 ? 1 - g : 0).ToList();
        return ClassificationReport.SingleLabel(["ham", "spam"], gold, predicted);
    }

    [Fact]
    public void PrintBaseline_ModelBelowMajority_Warns()
    {
        var (o, e) = Capture(() => TuningOutput.PrintBaseline(Report(good: false)));
        Assert.Contains("baseline (always 'ham'): accuracy 0.8840", o);
        Assert.Contains("does not beat always answering 'ham'", e);
    }

    [Fact]
    public void PrintBaseline_GoodModel_NoWarning()
    {
        var (o, e) = Capture(() => TuningOutput.PrintBaseline(Report(good: true)));
        Assert.Contains("baseline (always 'ham')", o);
        Assert.Equal("", e);
    }
}
