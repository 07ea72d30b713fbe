using Spectre.Console;
using Winnow.Tuning.Training;

namespace Winnow.Cli.Commands;

/// <summary>Runs a training recipe with a progress bar (loss, learning rate, examples/s) on a terminal, plain log lines elsewhere.</summary>
internal static class TuningProgress
{
    internal static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    public static TrainResult Run(TrainRecipe recipe, bool resume, CancellationToken cancel)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return new Trainer(recipe, Console.Out, PlainLog(Console.Out, TimeProvider.System)).Run(resume, cancel);
        TrainResult? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("training", maxValue: 1);
                var progress = new ActionProgress(p =>
                {
                    task.MaxValue = p.TotalSteps;
                    task.Value = p.Step;
                    task.Description = $"epoch {p.Epoch} step {p.Step}/{p.TotalSteps} loss {p.Loss:F4} lr {p.Lr:E2} {p.ExamplesPerSecond:F0} ex/s";
                });
                result = new Trainer(recipe, Console.Out, progress).Run(resume, cancel);
            });
        return result!;
    }

    /// <summary>
    /// The log without a terminal: one line per <see cref="LogInterval"/> (and the last step), whatever the step time,
    /// so a one-minute run logs a few lines, not one per ten steps (issue #15).
    /// </summary>
    internal static IProgress<TrainProgress> PlainLog(TextWriter output, TimeProvider time)
    {
        var start = time.GetTimestamp();
        var lastAt = TimeSpan.Zero;
        return new ActionProgress(p =>
        {
            var now = time.GetElapsedTime(start);
            if (now - lastAt < LogInterval && p.Step != p.TotalSteps) return;
            lastAt = now;
            output.WriteLine($"step {p.Step}/{p.TotalSteps} epoch {p.Epoch} loss {p.Loss:F4} lr {p.Lr:E2} {p.ExamplesPerSecond:F1} ex/s");
        });
    }

    /// <summary>Reports on the training thread, at once (Progress&lt;T&gt; would post to the thread pool and lag).</summary>
    private sealed class ActionProgress(Action<TrainProgress> report) : IProgress<TrainProgress>
    {
        public void Report(TrainProgress value) => report(value);
    }
}
