using Winnow.Core.Running;
using System.CommandLine;
using Winnow.Core;
using Winnow.Core.Recipes;
using Winnow.Core.Running.Executors;
using Winnow.Core.Running.Sharding;

namespace Winnow.Cli.Commands;

/// <summary>
/// The scale-out options of <c>winnow run</c>: one shard task (<c>--shards N --shard I [--stage S]</c>), one plan
/// (<c>--plan S</c>), the merge (<c>--merge</c>), or every task through an executor
/// (<c>--executor local|slurm|kubernetes --tasks N [--workers W]</c>, with Slurm's resources).
/// </summary>
internal sealed class RunScaleOut
{
    private readonly Option<int?> _shards = new("--shards") { Description = "Shard tasks the run is cut into (N)." };
    private readonly Option<int?> _shard = new("--shard") { Description = "Run shard I (0 to N−1) of --shards N." };
    private readonly Option<int> _stage = new("--stage") { Description = "With --shard: the stage to run (0: read the inputs; S > 0: after stage S's plan).", DefaultValueFactory = _ => 0 };
    private readonly Option<int?> _plan = new("--plan") { Description = "Plan stage S's whole-dataset step from every shard of stage S−1." };
    private readonly Option<bool> _merge = new("--merge") { Description = "Concatenate the shards' parts into the outputs, manifest and report." };
    private readonly Option<string?> _executor = new("--executor") { Description = "Run every task: local (processes here), slurm (array jobs), kubernetes (writes Indexed Job manifests)." };
    private readonly Option<int?> _tasks = new("--tasks") { Description = "Shard tasks for --executor (default: the core count)." };
    private readonly Option<int?> _workers = new("--workers") { Description = "Tasks at once (local: default the core count; slurm: the %W of --array)." };
    private readonly Option<string?> _partition = new("--partition") { Description = "Slurm partition (default: recipe executor.partition, else the cluster's default)." };
    private readonly Option<string?> _time = new("--time") { Description = "Slurm time limit per task (default: recipe executor.time, else the partition's)." };
    private readonly Option<int?> _cpus = new("--cpus") { Description = "CPUs per task (default: recipe executor.cpus, else 1)." };
    private readonly Option<string?> _mem = new("--mem") { Description = "Memory per task, e.g. 4G (default: recipe executor.mem, else the partition's)." };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _shards, _shard, _stage, _plan, _merge, _executor, _tasks, _workers, _partition, _time, _cpus, _mem })
            command.Options.Add(o);
    }

    /// <summary>True when the command line asks for a sharded run (the plain one-process run is left to the caller).</summary>
    public bool Requested(ParseResult parse) =>
        parse.GetValue(_shards) is not null || parse.GetValue(_executor) is not null || parse.GetValue(_merge) || parse.GetValue(_plan) is not null || parse.GetValue(_shard) is not null;

    public int Run(ParseResult parse, Recipe recipe, RunOptions options, string recipePath)
    {
        var executor = parse.GetValue(_executor);
        var shards = parse.GetValue(_shards) ?? parse.GetValue(_tasks) ?? (executor is null ? (int?)null : Environment.ProcessorCount)
            ?? throw new WinnowException("--shard, --plan and --merge need --shards N", 2);
        if (executor is null && parse.GetValue(_tasks) is not null) throw new WinnowException("--tasks goes with --executor; a single task takes --shards N --shard I", 2);
        var run = new ShardedRun(recipe, options, shards);
        var seed = options.Seed ?? recipe.Seed;
        var args = new TaskArguments(Path.GetFullPath(recipePath), options.OutputDirectory, seed, shards);
        if (executor is not null)
        {
            var exec = new ExecutorOptions
            {
                Tasks = shards,
                Workers = parse.GetValue(_workers),
                Command = WinnowCommand(),
                Partition = parse.GetValue(_partition) ?? recipe.Executor.Partition,
                Time = parse.GetValue(_time) ?? recipe.Executor.Time,
                Cpus = parse.GetValue(_cpus) ?? recipe.Executor.Cpus ?? 1,
                Memory = parse.GetValue(_mem) ?? recipe.Executor.Mem,
                Image = recipe.Executor.Image ?? "winnow:latest",
            };
            switch (executor)
            {
                case "local":
                    RunSummary.Print(RunProgress.Show(observer => new LocalExecutor(exec, observer).Run(run, args)));
                    return 0;
                case "slurm":
                    RunSummary.Print(RunProgress.Show(observer => new SlurmExecutor(exec, observer).Run(run, args)));
                    return 0;
                case "kubernetes":
                    foreach (var file in new KubernetesManifests(exec).Write(run, args, recipe.Name))
                        Console.WriteLine(file);
                    return 0;
                default:
                    throw new WinnowException($"--executor '{executor}' is not known; valid: local, slurm, kubernetes", 2);
            }
        }
        if (parse.GetValue(_merge))
        {
            RunSummary.Print(RunProgress.Show(observer => new ShardedRun(recipe, options, shards, observer).Merge()));
            return 0;
        }
        if (parse.GetValue(_plan) is { } stage)
        {
            new ShardedRun(recipe, options, shards, new Messages()).Plan(stage);
            return 0;
        }
        var shard = parse.GetValue(_shard) ?? throw new WinnowException("--shards N needs --shard I, --plan S, --merge or --executor", 2);
        var taskStage = parse.GetValue(_stage);
        // Fault injection for the executors' tests: WINNOW_KILL_TASK=stage:shard:chunks kills that task (SIGKILL) after so many chunks.
        var kill = Environment.GetEnvironmentVariable("WINNOW_KILL_TASK")?.Split(':');
        var dies = kill is [var ks, var ki, var kc] && ks == taskStage.ToString() && ki == shard.ToString();
        try
        {
            new ShardedRun(recipe, dies ? options with { StopAfterChunks = int.Parse(kill![2]) } : options, shards, new Messages()).RunTask(taskStage, shard);
        }
        catch (RunStoppedException) when (dies)
        {
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }
        return 0;
    }

    /// <summary>How a task starts winnow: <c>WINNOW_COMMAND</c> when set, else the .NET host and this winnow.dll.</summary>
    internal static IReadOnlyList<string> WinnowCommand()
    {
        if (Environment.GetEnvironmentVariable("WINNOW_COMMAND") is { Length: > 0 } command)
            return command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return [host, typeof(RunScaleOut).Assembly.Location];
    }

    /// <summary>A task's log lines: plain, to standard error (the executor keeps them in the task's log).</summary>
    private sealed class Messages : IRunObserver
    {
        public void PhaseStarted(int phase, int phases, string description, long? expectedRecords) => Console.Error.WriteLine($"stage {phase - 1}: {description}");
        public void Progress(long processed) { }
        public void Message(string text) => Console.Error.WriteLine(text);
    }
}
