using Winnow.Core.Reporting;
using Winnow.Core.Running;

namespace Winnow.Core.Tests.Reporting;

public sealed class DuplicateClustersTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("winnow-dups-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string path, params string[] lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_dir, path))!);
        File.WriteAllLines(Path.Combine(_dir, path), lines);
    }

    private static string Reject(string id, string text, string reason, string? detail) =>
        $$"""{"id":"{{id}}","text":"{{text}}","reason":"{{reason}}",{{(detail is null ? "" : $"\"detail\":\"{detail}\",")}}"step":"x"}""";

    private static Manifest Manifest() => new()
    {
        Steps =
        [
            new ManifestStep { Name = "dedup.exact", Rejects = "rejects/dedup.exact.jsonl" },
            new ManifestStep { Name = "dedup.minhash", Rejects = "rejects/dedup.minhash.jsonl" },
            new ManifestStep { Name = "dedup.semantic", Rejects = "rejects/dedup.semantic.jsonl" },
            new ManifestStep { Name = "filter.length", Rejects = "rejects/filter.length.jsonl" },
        ],
        Outputs = [new ManifestFile { Path = "data.jsonl", Format = "jsonl" }],
        Rejects = [new ManifestFile { Path = "rejects/filter.length.jsonl" }],
    };

    [Fact]
    public void Collect_ClustersFromEveryDedupStep_LargestFirst_KeptTextsFound()
    {
        Write("rejects/dedup.exact.jsonl", Reject("e1", "ok", "exact_duplicate", null), Reject("e2", "ok", "exact_duplicate", null), Reject("e3", "fine", "exact_duplicate", null));
        Write("rejects/dedup.minhash.jsonl",
            Reject("m1", "the cat sat on the mat!", "minhash_duplicate", "near duplicate of k1 (cluster 0)"),
            Reject("m2", "the cat sat on the mat?", "minhash_duplicate", "near duplicate of k1 (cluster 0)"),
            Reject("m3", "the cat sat on the mat?", "minhash_duplicate", "near duplicate of k1 (cluster 0)"),
            Reject("m4", "a dog ran", "minhash_duplicate", "near duplicate of k2 (cluster 7)"));
        Write("rejects/dedup.semantic.jsonl", Reject("s1", "hello there", "semantic_duplicate", "cosine 0.970 to kept record k3 (cluster 2)"));
        Write("rejects/filter.length.jsonl", Reject("k2", "a dog ran fast", "too_few_words", "3 < 4"));
        Write("data.jsonl", """{"id":"k1","text":"the cat sat on the mat."}""");

        var (largest, byStep) = DuplicateClusters.Collect(Manifest(), _dir);

        Assert.Equal((2L, 3L), (byStep["dedup.exact"].Clusters, byStep["dedup.exact"].Dropped));
        Assert.Equal((2L, 4L), (byStep["dedup.minhash"].Clusters, byStep["dedup.minhash"].Dropped));
        Assert.Equal((1L, 1L), (byStep["dedup.semantic"].Clusters, byStep["dedup.semantic"].Dropped));
        Assert.False(byStep.ContainsKey("filter.length"));
        // Largest first; equal sizes in the order they were first seen.
        Assert.Equal([("dedup.minhash", "k1", 3L), ("dedup.exact", "ok", 2L), ("dedup.exact", "fine", 1L), ("dedup.minhash", "k2", 1L), ("dedup.semantic", "k3", 1L)],
            largest.Select(c => (c.Step, c.Kept, c.Dropped)));
        Assert.Equal("the cat sat on the mat.", largest[0].KeptText);          // from the JSONL output
        Assert.Equal(["the cat sat on the mat!", "the cat sat on the mat?"], largest[0].Members);  // distinct only
        Assert.Empty(largest[1].Members);                                       // exact duplicates: all the same text
        Assert.Equal("a dog ran fast", largest[3].KeptText);                    // kept by dedup, dropped later
        Assert.Null(largest[4].KeptText);                                       // nowhere to be found
    }

    [Fact]
    public void Collect_NoDedupStep_Nothing()
    {
        var (largest, byStep) = DuplicateClusters.Collect(new Manifest { Steps = [new ManifestStep { Name = "filter.length" }] }, _dir);
        Assert.Empty(largest);
        Assert.Empty(byStep);
    }
}
