using System.Security.Cryptography;
using System.Text;

namespace Winnow.Core.Running.Sharding;

/// <summary>
/// Where a sharded run keeps its parts, under the output folder:
/// <code>
/// .winnow/shards/&lt;N&gt;-&lt;key&gt;/
///   stage-0/shard-00003/      one task's work folder: part files (o0/…, rejects/…, spill/phase-0.jsonl), state
///   stage-0/shard-00003.json  the task's stats (steps, inputs, profile, its part files' lengths and records)
///   stage-0/shard-00003.done  the completion marker: a rerun skips the task
///   plan-1/…                   the plan of stage 1's whole-dataset step (and, planned centrally, its per-shard output)
///   plan-1.done
/// </code>
/// The key hashes the recipe, the seed and the inputs' sizes and times, so a changed recipe never picks up old parts.
/// </summary>
internal sealed class ShardLayout(string outputDirectory, int shards, string key)
{
    public string Work { get; } = Path.Combine(outputDirectory, ".winnow");

    public string Root => Path.Combine(Work, "shards", $"{shards}-{key}");

    public int Shards => shards;

    public string TaskFolder(int stage, int shard) => Path.Combine(Root, $"stage-{stage}", $"shard-{shard:D5}");
    public string TaskStats(int stage, int shard) => TaskFolder(stage, shard) + ".json";
    public string TaskDone(int stage, int shard) => TaskFolder(stage, shard) + ".done";

    public string PlanFolder(int stage) => Path.Combine(Root, $"plan-{stage}");
    public string PlanDone(int stage) => PlanFolder(stage) + ".done";
    public string PlanPart(int stage, int shard) => Path.Combine(PlanFolder(stage), $"shard-{shard:D5}");
    public string PlanPartStats(int stage, int shard) => PlanPart(stage, shard) + ".json";

    public string MergeFolder => Path.Combine(Root, "merge");

    public bool IsDone(int stage, int shard) => File.Exists(TaskDone(stage, shard));

    public static string KeyOf(string recipeSha256, long seed, IEnumerable<string> inputs)
    {
        var text = new StringBuilder(recipeSha256).Append('\n').Append(seed);
        foreach (var file in inputs)
        {
            var info = new FileInfo(file);
            text.Append('\n').Append(file).Append(' ').Append(info.Length).Append(' ').Append(info.LastWriteTimeUtc.Ticks);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    /// <summary>Writes a marker atomically (a kill leaves it either absent or whole).</summary>
    public static void Mark(string path, string content = "") => Files.WriteAtomically(path, content);
}
