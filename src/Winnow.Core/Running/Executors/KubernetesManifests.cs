using System.Text;
using Winnow.Core.Running.Sharding;

namespace Winnow.Core.Running.Executors;

/// <summary>
/// <c>--executor kubernetes</c>: one Job manifest per stage, written to <c>kubernetes/</c> beside the output folder's
/// parts: an Indexed Job per stage (<c>completionMode: Indexed</c>, <c>completions: N</c>, <c>parallelism: W</c>,
/// <c>backoffLimitPerIndex</c>, the index passed as <c>--shard $(JOB_COMPLETION_INDEX)</c>), a one-pod Job per plan and one
/// for the merge, numbered in the order to apply them. The pods mount the PersistentVolumeClaim <c>winnow-data</c> at
/// <c>/data</c>: the recipe, its inputs and the output folder must be there, at the same paths.
/// </summary>
public sealed class KubernetesManifests(ExecutorOptions options)
{
    public IReadOnlyList<string> Write(ShardedRun run, TaskArguments args, string name)
    {
        var folder = Path.Combine(args.Output, "kubernetes");
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        var n = 0;
        var job = Slug(name);
        void Add(string file, string yaml)
        {
            var path = Path.Combine(folder, $"{n++:D2}-{file}.yaml");
            File.WriteAllText(path, yaml);
            files.Add(path);
        }
        for (var stage = 0; stage < run.Stages; stage++)
        {
            if (stage > 0) Add($"plan-{stage}", Job($"{job}-plan-{stage}", null, args.Plan(stage)));
            Add($"stage-{stage}", Job($"{job}-stage-{stage}", run.Shards, args.Shard(stage, "$(JOB_COMPLETION_INDEX)")));
        }
        Add("merge", Job($"{job}-merge", null, args.Merge()));
        return files;
    }

    /// <summary>A batch/v1 Job: Indexed with <paramref name="completions"/>, else one pod.</summary>
    internal string Job(string name, int? completions, IReadOnlyList<string> taskArgs)
    {
        var s = new StringBuilder();
        s.Append("apiVersion: batch/v1\nkind: Job\nmetadata:\n");
        s.Append($"  name: {name}\n  labels:\n    app.kubernetes.io/name: winnow\nspec:\n");
        if (completions is { } c)
        {
            s.Append($"  completionMode: Indexed\n  completions: {c}\n  parallelism: {options.Workers ?? c}\n");
            s.Append($"  backoffLimitPerIndex: {options.Retries}\n  maxFailedIndexes: 0\n");
        }
        else s.Append($"  backoffLimit: {options.Retries}\n");
        s.Append("  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: winnow\n");
        s.Append($"          image: {Q(options.Image)}\n");
        s.Append($"          command: [{string.Join(", ", options.Command.Select(Q))}]\n");
        s.Append($"          args: [{string.Join(", ", taskArgs.Select(Q))}]\n");
        s.Append($"          env:\n            - name: DOTNET_PROCESSOR_COUNT\n              value: {Q(options.Cpus.ToString())}\n");
        s.Append($"          resources:\n            requests:\n              cpu: {Q(options.Cpus.ToString())}\n");
        if (options.Memory is { } m) s.Append($"              memory: {Q(KubernetesMemory(m))}\n");
        s.Append("          volumeMounts:\n            - name: data\n              mountPath: /data\n");
        s.Append("      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: winnow-data\n");
        return s.ToString();
    }

    /// <summary>Slurm's 4G is Kubernetes' 4Gi.</summary>
    private static string KubernetesMemory(string slurm) =>
        slurm.Length > 1 && char.IsLetter(slurm[^1]) && !slurm.EndsWith('i') ? slurm.ToUpperInvariant() + "i" : slurm;

    private static string Q(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Slug(string name)
    {
        var chars = name.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray();
        var slug = new string(chars).Trim('-');
        return slug.Length == 0 ? "winnow" : slug[..Math.Min(slug.Length, 40)];
    }
}
