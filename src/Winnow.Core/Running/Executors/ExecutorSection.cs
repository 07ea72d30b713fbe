namespace Winnow.Core.Running.Executors;

/// <summary>
/// The recipe's optional <c>executor:</c> section: what each shard task asks the scheduler for. Options on the
/// command line (<c>--partition</c>, <c>--time</c>, <c>--cpus</c>, <c>--mem</c>) win over it.
/// </summary>
public sealed record ExecutorSection
{
    /// <summary>Slurm partition; default: the cluster's default partition.</summary>
    public string? Partition { get; init; }

    /// <summary>Time limit per task (<c>2:00:00</c>); default: the partition's.</summary>
    public string? Time { get; init; }

    /// <summary>CPUs per task; default 1.</summary>
    public int? Cpus { get; init; }

    /// <summary>Memory per task (<c>4G</c>); default: the partition's.</summary>
    public string? Mem { get; init; }

    /// <summary>Kubernetes container image with winnow; default <c>winnow:latest</c>.</summary>
    public string? Image { get; init; }
}
