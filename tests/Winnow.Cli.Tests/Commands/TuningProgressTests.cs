using Winnow.Cli.Commands;
using Winnow.Tuning.Training;

namespace Winnow.Cli.Tests.Commands;

/// <summary>Issue #15, item 9: the training log without a terminal is paced by time, not by steps.</summary>
public sealed class TuningProgressTests
{
    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Ticks;
    }

    [Fact]
    public void PlainLog_OneMinuteRunOf600Steps_LogsOneLinePerTenSeconds()
    {
        var clock = new ManualClock();
        var output = new StringWriter();
        var log = TuningProgress.PlainLog(output, clock);
        for (var step = 1; step <= 600; step++)
        {
            clock.Ticks += TimeSpan.TicksPerSecond / 10; // 0.1 s per step: 60 s in all
            log.Report(new TrainProgress(step, 600, 1, 0.5, 1e-3, 80));
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // At 10, 20, …, 60 s (the last also the last step): 6 lines, not 60 (one per ten steps).
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("step 100/600 ", lines[0]);
        Assert.StartsWith("step 600/600 ", lines[^1]);
    }

    [Fact]
    public void PlainLog_ShortRun_StillLogsTheLastStep()
    {
        var clock = new ManualClock();
        var output = new StringWriter();
        var log = TuningProgress.PlainLog(output, clock);
        for (var step = 1; step <= 30; step++)
        {
            clock.Ticks += TimeSpan.TicksPerSecond / 10;
            log.Report(new TrainProgress(step, 30, 1, 0.5, 1e-3, 80));
        }
        Assert.Equal("step 30/30 epoch 1 loss 0.5000 lr 1.00E-003 80.0 ex/s", output.ToString().Trim());
    }
}
