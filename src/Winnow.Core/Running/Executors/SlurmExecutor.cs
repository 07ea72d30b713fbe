using System.Diagnostics;
using System.Text;
using Winnow.Core.Running.Sharding;

namespace Winnow.Core.Running.Executors;

/// <summary>
/// <c>--executor slurm</c>, after datatrove's <c>SlurmPipelineExecutor</c>: each stage is an array job
/// (<c>--array=0-{N-1}%W</c>; past the cluster's <c>MaxArraySize</c>, several arrays with an offset added to the index),
/// each plan a single job, then the merge, chained with <c>--dependency=afterok</c> (a job whose dependency fails is
/// cancelled, <c>--kill-on-invalid-dep=yes</c>); the merge is submitted with <c>sbatch --wait</c>. A rerun submits only
/// the tasks without a completion marker. Failed tasks are reported with their log files.
/// </summary>
public sealed class SlurmExecutor(ExecutorOptions options, IRunObserver? observer = null)
{
    private readonly IRunObserver _observer = observer ?? NullRunObserver.Instance;

    public RunResult Run(ShardedRun run, TaskArguments args, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var logs = Path.Combine(run.LogFolder, "slurm");
        Directory.CreateDirectory(logs);
        var maxArray = MaxArraySize();
        var after = new List<string>();
        var logOf = new Dictionary<(int Stage, int Shard), string>();
        for (var stage = 0; stage < run.Stages; stage++)
        {
            if (stage > 0 && !run.IsPlanned(stage))
                after = [Submit(Script($"plan{stage}", Path.Combine(logs, $"plan-{stage}.log"), null, after, args.Plan(stage)), wait: false)];
            var todo = run.Unfinished(stage);
            var submitted = new List<string>();
            // Arrays of at most MaxArraySize indices: shard = offset + SLURM_ARRAY_TASK_ID.
            foreach (var group in todo.GroupBy(i => i / maxArray))
            {
                var offset = group.Key * maxArray;
                var indices = group.Select(i => i - offset).ToList();
                var array = Ranges(indices) + (options.Workers is { } w ? $"%{w}" : "");
                var log = Path.Combine(logs, $"stage-{stage}-o{offset}-%a.log");
                foreach (var i in group) logOf[(stage, i)] = log.Replace("%a", (i - offset).ToString());
                submitted.Add(Submit(Script($"s{stage}", log, (array, offset), after, args.Shard(stage, $"$((SLURM_ARRAY_TASK_ID + {offset}))")), wait: false));
            }
            _observer.Message($"stage {stage} ({run.Describe(stage)}): {todo.Count} of {run.Shards} task(s) submitted");
            if (submitted.Count > 0) after = submitted;
        }
        var mergeLog = Path.Combine(logs, "merge.log");
        var mergeId = Submit(Script("merge", mergeLog, null, after, args.Merge()), wait: true);
        var manifest = Path.Combine(args.Output, "manifest.json");
        if (Directory.Exists(Path.Combine(args.Output, ".winnow", "shards")) || !File.Exists(manifest))
            throw new WinnowException(Failures(run, logOf, mergeLog, mergeId));
        _observer.Message($"slurm: done in {clock.Elapsed.TotalSeconds:F1} s");
        return Results.Load(args.Output, clock.Elapsed);
    }

    private static string Failures(ShardedRun run, Dictionary<(int, int), string> logOf, string mergeLog, string mergeId)
    {
        var lines = new List<string>();
        for (var s = 0; s < run.Stages; s++)
        {
            if (s > 0 && !run.IsPlanned(s)) lines.Add($"plan {s}: not done, log {Path.Combine(Path.GetDirectoryName(mergeLog)!, $"plan-{s}.log")}");
            foreach (var i in run.Unfinished(s))
                lines.Add($"stage {s} shard {i}: not done" + (logOf.TryGetValue((s, i), out var log) ? $", log {log}" : ""));
        }
        lines.Add($"merge (job {mergeId}): log {mergeLog}");
        return $"the Slurm run did not finish (rerun to submit only the unfinished tasks):\n  {string.Join("\n  ", lines.Take(50))}";
    }

    /// <summary>"0-3,5,7-9" from sorted indices.</summary>
    internal static string Ranges(IReadOnlyList<int> sorted)
    {
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(i == j ? $"{sorted[i]}" : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return string.Join(',', parts);
    }

    /// <summary>An sbatch script: resources, array, dependency, then the winnow command (arguments single-quoted).</summary>
    internal string Script(string name, string log, (string Spec, int Offset)? array, IReadOnlyList<string> after, IReadOnlyList<string> taskArgs)
    {
        var s = new StringBuilder("#!/bin/bash\n");
        s.Append($"#SBATCH --job-name=winnow-{name}\n#SBATCH --output={log}\n#SBATCH --cpus-per-task={options.Cpus}\n");
        if (options.Partition is { } p) s.Append($"#SBATCH --partition={p}\n");
        if (options.Time is { } t) s.Append($"#SBATCH --time={t}\n");
        if (options.Memory is { } m) s.Append($"#SBATCH --mem={m}\n");
        if (array is { } a) s.Append($"#SBATCH --array={a.Spec}\n");
        if (after.Count > 0) s.Append($"#SBATCH --dependency=afterok:{string.Join(':', after)}\n#SBATCH --kill-on-invalid-dep=yes\n");
        s.Append($"export DOTNET_PROCESSOR_COUNT={options.Cpus}\n");
        s.Append("exec ").Append(string.Join(' ', options.Command.Concat(taskArgs).Select(Quote))).Append('\n');
        return s.ToString();
    }

    /// <summary>Single quotes, except the shard expression, which the shell must expand.</summary>
    private static string Quote(string arg) => arg.StartsWith("$((", StringComparison.Ordinal) ? arg : "'" + arg.Replace("'", "'\\''") + "'";

    private string Submit(string script, bool wait)
    {
        var file = Path.Combine(Path.GetTempPath(), $"winnow-{Guid.NewGuid():N}.sbatch");
        File.WriteAllText(file, script);
        try
        {
            var (code, stdout, stderr) = Exec("sbatch", wait ? ["--parsable", "--wait", file] : ["--parsable", file]);
            var id = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Split(';')[0].Trim() ?? "";
            if (!wait && (code != 0 || id.Length == 0))
                throw new WinnowException($"sbatch failed (exit {code}): {stderr.Trim()}");
            return id;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The cluster's <c>MaxArraySize</c> (array indices must stay below it); Slurm's default 1001 when unreadable.</summary>
    private static int MaxArraySize()
    {
        var (code, stdout, _) = Exec("scontrol", ["show", "config"]);
        if (code == 0)
            foreach (var line in stdout.Split('\n'))
                if (line.StartsWith("MaxArraySize", StringComparison.Ordinal) && int.TryParse(line.Split('=')[^1].Trim(), out var n)) return n;
        return 1001;
    }

    private static (int Code, string Out, string Err) Exec(string command, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new WinnowException($"'{command}' is not installed or not on PATH: --executor slurm needs Slurm's client commands (apt-get install slurm-wlm)", 2);
        }
    }
}

/// <summary>A finished run read back from its output folder (for executors whose merge ran in another process).</summary>
internal static class Results
{
    public static RunResult Load(string outDir, TimeSpan elapsed)
    {
        var manifest = Manifest.Load(Path.Combine(outDir, "manifest.json"));
        var seconds = new List<double>();
        using (var run = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "run.json"))))
            foreach (var s in run.RootElement.GetProperty("steps").EnumerateArray()) seconds.Add(s.GetProperty("seconds").GetDouble());
        var steps = manifest.Steps.Select((s, i) => new StepStats { Name = s.Name, In = s.In, Out = s.Out, Created = s.Created, Dropped = s.Dropped, Seconds = i < seconds.Count ? seconds[i] : 0 }).ToList();
        return new RunResult(manifest, steps, elapsed, outDir);
    }
}
