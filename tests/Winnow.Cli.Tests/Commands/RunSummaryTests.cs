using Winnow.Cli.Commands;
using Winnow.Core.Running;

namespace Winnow.Cli.Tests.Commands;

[Collection(CliCollection.Name)]
public sealed class RunSummaryTests
{
    [Fact]
    public void Print_Piped_KeepsLongStepNamesAndReasonsWhole()
    {
        var step = new ManifestStep { Name = "augment.backtranslate", In = 10_003, Out = 19_740, Created = 9_737 };
        foreach (var reason in new[] { "no_change", "duplicate_of_input", "similarity_below_threshold", "exact_duplicate" })
            step.Dropped[reason] = 1_000;
        step.Out -= 4_000;
        var manifest = new Manifest { Steps = [step], Inputs = [new ManifestInput { Path = "train.csv", Records = 10_003 }] };
        var result = new RunResult(manifest, [new StepStats { Name = step.Name, Seconds = 15.2 }], TimeSpan.FromSeconds(15.7), "/tmp/out");

        var (old, text) = (Console.Out, new StringWriter());
        Console.SetOut(text);
        try { RunSummary.Print(result); }
        finally { Console.SetOut(old); }

        var lines = text.ToString().Split('\n');
        Assert.Contains(lines, l => l.Contains("augment.backtranslate", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("similarity_below_threshold", StringComparison.Ordinal));
        Assert.DoesNotContain("\x1b[", text.ToString(), StringComparison.Ordinal);
    }
}
