namespace Winnow.Core.Running.Executors;

/// <summary>
/// How to run a recipe as shard tasks: <c>--executor local|slurm|kubernetes --tasks N [--workers W]</c>, and the
/// resources each task asks the scheduler for (from the recipe's <c>executor:</c> section or the options).
/// </summary>
public sealed record ExecutorOptions
{
    /// <summary>Shard tasks per stage (N).</summary>
    public int Tasks { get; init; } = 1;

    /// <summary>Tasks running at once (W); default: local, the core count; Slurm, no limit (the <c>%W</c> of <c>--array</c> is left out).</summary>
    public int? Workers { get; init; }

    /// <summary>The command that runs winnow in a task, e.g. <c>["dotnet", "/opt/winnow/winnow.dll"]</c>.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>Slurm partition (default: the cluster's default partition).</summary>
    public string? Partition { get; init; }

    /// <summary>Time limit per task, as Slurm spells it (<c>1:00:00</c>); default: the partition's.</summary>
    public string? Time { get; init; }

    /// <summary>CPUs per task; default 1.</summary>
    public int Cpus { get; init; } = 1;

    /// <summary>Memory per task, as Slurm spells it (<c>4G</c>); default: the partition's.</summary>
    public string? Memory { get; init; }

    /// <summary>Kubernetes: the container image that holds winnow (default <c>winnow:latest</c>).</summary>
    public string Image { get; init; } = "winnow:latest";

    /// <summary>Kubernetes: retries per index (<c>backoffLimitPerIndex</c>), default 2.</summary>
    public int Retries { get; init; } = 2;
}

/// <summary>The arguments of one task: <c>run RECIPE --output DIR --seed S --shards N</c> and the task's own.</summary>
public sealed record TaskArguments(string Recipe, string Output, long Seed, int Shards)
{
    public List<string> Shard(int stage, string shard) => [.. Common(), "--stage", stage.ToString(), "--shard", shard];
    public List<string> Plan(int stage) => [.. Common(), "--plan", stage.ToString()];
    public List<string> Merge() => [.. Common(), "--merge"];
    private List<string> Common() => ["run", Recipe, "--output", Output, "--seed", Seed.ToString(), "--shards", Shards.ToString()];
}
