using System.Diagnostics;

namespace Winnow.Core.Running.Executors;

/// <summary>
/// <c>--executor local</c>: the shard tasks as processes on this machine, W at a time, stage after stage (with each
/// stage's plan between), then the merge in this process. A rerun starts only the tasks without a marker. Each task's
/// standard output and error go to <c>logs/stage-S/shard-I.log</c> under the run's parts, named when a task fails.
/// </summary>
public sealed class LocalExecutor(ExecutorOptions options, IRunObserver? observer = null)
{
    private readonly IRunObserver _observer = observer ?? NullRunObserver.Instance;

    public RunResult Run(Sharding.ShardedRun run, TaskArguments args, CancellationToken cancellationToken = default)
    {
        var workers = Math.Max(1, options.Workers ?? Environment.ProcessorCount);
        for (var stage = 0; stage < run.Stages; stage++)
        {
            if (stage > 0 && !run.IsPlanned(stage))
                Launch([(args.Plan(stage), Path.Combine(run.LogFolder, $"plan-{stage}.log"), $"plan {stage}")], 1, cancellationToken);
            var todo = run.Unfinished(stage);
            _observer.Message($"stage {stage} ({run.Describe(stage)}): {todo.Count} of {run.Shards} task(s) to run");
            Launch(todo.Select(i => (args.Shard(stage, i.ToString()), Path.Combine(run.LogFolder, $"stage-{stage}", $"shard-{i:D5}.log"), $"stage {stage} shard {i}")).ToList(),
                workers, cancellationToken);
        }
        var merge = Stopwatch.StartNew();
        var result = run.Merge(cancellationToken);
        // Its share of the run is a target (bench/scale-out/shards.sh reads this line).
        _observer.Message($"merged {run.Shards} shard(s) in {merge.Elapsed.TotalSeconds:F2} s");
        return result;
    }

    private void Launch(List<(List<string> Args, string Log, string Name)> tasks, int workers, CancellationToken ct)
    {
        var failed = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(tasks, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, task =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(task.Log)!);
            var start = new ProcessStartInfo(options.Command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in options.Command.Skip(1).Concat(task.Args)) start.ArgumentList.Add(a);
            start.Environment["DOTNET_PROCESSOR_COUNT"] = Math.Max(1, options.Cpus).ToString();
            using var log = new StreamWriter(task.Log);
            using var process = Process.Start(start)!;
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using (ct.Register(() => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }))
                process.WaitForExit();
            if (process.ExitCode != 0) failed.Add($"{task.Name}: exit {process.ExitCode}, log {task.Log}");
        });
        ct.ThrowIfCancellationRequested();
        if (!failed.IsEmpty)
            throw new WinnowException($"{failed.Count} task(s) failed (a rerun starts only the unfinished ones):\n  " + string.Join("\n  ", failed.Order(StringComparer.Ordinal)));
    }
}
