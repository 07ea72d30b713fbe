namespace Winnow.Cli.Tests.Commands.ScaleOut;

[Collection(CliCollection.Name)]
public sealed class LocalExecutorTests : IDisposable
{
    private readonly TempFolder _dir = new();

    [Fact]
    public void Run_ExecutorLocal_SameBytesAsOneProcess_AndAKilledTaskIsTheOnlyOneRerun()
    {
        var recipe = ScaleOutData.Write(_dir, ScaleOutData.OneStageRecipe);
        Assert.Equal(0, CliRunner.Run("run", recipe, "--output", Path.Combine(_dir.Path, "one")).ExitCode);
        var output = Path.Combine(_dir.Path, "local");

        Environment.SetEnvironmentVariable("WINNOW_KILL_TASK", "0:1:2");
        CliResult killed;
        try { killed = CliRunner.Run("run", recipe, "--output", output, "--executor", "local", "--tasks", "3", "--workers", "2"); }
        finally { Environment.SetEnvironmentVariable("WINNOW_KILL_TASK", null); }
        Assert.Equal(1, killed.ExitCode);
        Assert.Contains("stage 0 shard 1: exit", killed.Err);
        var log = killed.Err.Split("log ")[1].Split('\n')[0].Trim();
        Assert.True(File.Exists(log), log);
        // Killed (SIGKILL) after 2 chunks of 50: its checkpoint holds them, and the rerun goes on from there.
        var checkpoint = Directory.EnumerateFiles(output, "checkpoint.json", SearchOption.AllDirectories).Single();
        Assert.Contains("shard-00001", checkpoint);
        Assert.Contains("\"consumed\": 100", File.ReadAllText(checkpoint));

        var rerun = CliRunner.Run("run", recipe, "--output", output, "--executor", "local", "--tasks", "3", "--workers", "2");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("1 of 3 task(s) to run", rerun.Err + rerun.Out);
        Assert.Contains("merged 3 shard(s) in ", rerun.Err + rerun.Out);   // the merge's time, for its share of the run
        Assert.Equal(ScaleOutData.Hashes(Path.Combine(_dir.Path, "one")), ScaleOutData.Hashes(output));
    }

    public void Dispose() => _dir.Dispose();
}
