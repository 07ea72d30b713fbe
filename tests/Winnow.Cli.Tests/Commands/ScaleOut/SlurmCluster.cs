using System.Diagnostics;

namespace Winnow.Cli.Tests.Commands.ScaleOut;

/// <summary>
/// The one-node Slurm cluster of <c>scripts/slurm-up.sh</c>, started for the Slurm tests (slurm-wlm comes from
/// scripts/setup.sh) and stopped after them by <c>scripts/slurm-down.sh</c>, unless it was already running.
/// </summary>
public sealed class SlurmCluster : IDisposable
{
    private readonly bool _started;

    public SlurmCluster()
    {
        var dir = Environment.GetEnvironmentVariable("WINNOW_SLURM_DIR") ?? "/tmp/winnow-slurm";
        var running = File.Exists(Path.Combine(dir, "slurmctld.pid")) && File.Exists(Path.Combine(dir, "slurmd.pid"));
        var (code, output) = Script("slurm-up.sh");
        if (code != 0) throw new InvalidOperationException($"scripts/slurm-up.sh failed (exit {code}): {output}");
        _started = !running;
    }

    public void Dispose()
    {
        if (_started) Script("slurm-down.sh");
    }

    private static (int, string) Script(string name)
    {
        var start = new ProcessStartInfo("bash", [RepoFiles.Path($"scripts/{name}")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }
}
