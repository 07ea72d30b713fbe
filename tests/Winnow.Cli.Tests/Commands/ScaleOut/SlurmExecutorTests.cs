namespace Winnow.Cli.Tests.Commands.ScaleOut;

/// <summary>A real Slurm (one node, on this machine): array jobs, afterok chains, sbatch --wait, reruns.</summary>
[Collection(CliCollection.Name)]
public sealed class SlurmExecutorTests(SlurmCluster cluster) : IClassFixture<SlurmCluster>, IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly SlurmCluster _cluster = cluster;

    [Fact]
    public void Run_ExecutorSlurm_KilledTaskFailsNamingItsLog_RerunSubmitsOnlyItAndGivesTheBytesOfOneProcess()
    {
        Assert.NotNull(_cluster);
        var recipe = ScaleOutData.Write(_dir, ScaleOutData.OneStageRecipe);
        Assert.Equal(0, CliRunner.Run("run", recipe, "--output", Path.Combine(_dir.Path, "one")).ExitCode);
        var output = Path.Combine(_dir.Path, "slurm");

        Environment.SetEnvironmentVariable("WINNOW_KILL_TASK", "0:1:2");
        CliResult killed;
        try { killed = CliRunner.Run("run", recipe, "--output", output, "--executor", "slurm", "--tasks", "3", "--workers", "2"); }
        finally { Environment.SetEnvironmentVariable("WINNOW_KILL_TASK", null); }
        Assert.True(killed.ExitCode == 1, killed.ToString());
        Assert.Contains("3 of 3 task(s) submitted", killed.Err + killed.Out);
        Assert.Contains("stage 0 shard 1: not done, log ", killed.Err);
        Assert.DoesNotContain("shard 0: not done", killed.Err);
        var log = killed.Err.Split("stage 0 shard 1: not done, log ")[1].Split('\n')[0].Trim();
        Assert.True(File.Exists(log), log);

        var rerun = CliRunner.Run("run", recipe, "--output", output, "--executor", "slurm", "--tasks", "3", "--workers", "2");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("1 of 3 task(s) submitted", rerun.Err + rerun.Out);
        Assert.Equal(ScaleOutData.Hashes(Path.Combine(_dir.Path, "one")), ScaleOutData.Hashes(output));
    }

    [Fact]
    public void Run_ExecutorSlurmWithAPlannedStage_GivesTheBytesOfOneProcess()
    {
        // Two stages (dedup.exact is planned between them): arrays and the plan job chained by afterok.
        var recipe = ScaleOutData.Write(_dir, ScaleOutData.OneStageRecipe.Replace("  - sample: {fraction: 0.8}", "  - sample: {fraction: 0.8}\n  - dedup.exact: {}"));
        Assert.Equal(0, CliRunner.Run("run", recipe, "--output", Path.Combine(_dir.Path, "one")).ExitCode);
        var output = Path.Combine(_dir.Path, "slurm");
        var result = CliRunner.Run("run", recipe, "--output", output, "--executor", "slurm", "--tasks", "2");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(ScaleOutData.Hashes(Path.Combine(_dir.Path, "one")), ScaleOutData.Hashes(output));
    }

    public void Dispose() => _dir.Dispose();
}
