using Winnow.Core.Records;
using Winnow.Core.Steps;
using Winnow.Curation.Dedup.MinHash;

namespace Winnow.Curation.Tests.Dedup.MinHash;

/// <summary>An in-memory re-readable source, seeded word texts, and a helper that plans and applies the step.</summary>
internal static class MinHashTestData
{
    public sealed class Source(IReadOnlyList<Record> records) : IRecordSource
    {
        public int Reads { get; private set; }
        public long? Count => records.Count;

        public IEnumerable<Record> Read(CancellationToken cancellationToken = default)
        {
            Reads++;
            return records;
        }
    }

    /// <summary><paramref name="words"/> random lower-case words (a 5,000-word vocabulary) from a seeded generator.</summary>
    public static string[] Words(int words, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, words).Select(_ => "w" + random.Next(5000)).ToArray();
    }

    public static string Text(int words, int seed) => string.Join(' ', Words(words, seed));

    /// <summary>The text of <see cref="Text"/> with <paramref name="changes"/> words (spread evenly) replaced.</summary>
    public static string Changed(int words, int seed, int changes)
    {
        var w = Words(words, seed);
        for (var k = 0; k < changes; k++) w[(k * 2 + 1) * words / (changes * 2)] = "changed" + k;
        return string.Join(' ', w);
    }

    public static List<Record> Records(params string[] texts) =>
        texts.Select((t, i) => new Record { Id = $"r{i}", Text = t }).ToList();

    public static (List<Outcome> Outcomes, MinHashReport Report) Run(MinHashOptions options, IReadOnlyList<Record> records, int cores = 2, string? work = null)
    {
        var step = new MinHashDedupStep(options, work ?? Path.GetTempPath()) { MaxDegreeOfParallelism = cores };
        var plan = step.Plan(new Source(records), CancellationToken.None);
        return (records.Select((r, i) => plan.Apply(r, i)).ToList(), step.LastReport!);
    }

    public static long? Cluster(Outcome outcome) =>
        outcome.Kept?.Meta.TryGetValue("dup_cluster", out var v) == true ? v.GetInt64() : null;

    /// <summary>Every 7th record copies an earlier one, every 5th changes one word of an earlier one.</summary>
    public static List<Record> Corpus(int count, int seed, int words = 80)
    {
        var random = new Random(seed);
        var texts = new string[count];
        for (var i = 0; i < count; i++)
        {
            var source = i > 0 ? random.Next(i) : 0;
            texts[i] = i % 7 == 6 ? texts[source]
                : i % 5 == 4 ? Changed(words, seed * 1_000_000 + source, 1)
                : Text(words, seed * 1_000_000 + i);
        }
        return Records(texts);
    }

    /// <summary>Each outcome as one line: the drop reason and detail (naming the kept id and cluster), or the kept cluster.</summary>
    public static List<string> Describe(List<Outcome> outcomes) =>
        outcomes.Select(o => o.Kept is null ? $"drop {o.DropReason} {o.DropDetail}" : $"keep {Cluster(o)}").ToList();
}
