using Winnow.Core.Records;
using Winnow.Core.Steps;
using Winnow.Curation.Dedup.MinHash;
using static Winnow.Curation.Tests.Dedup.MinHash.MinHashTestData;

namespace Winnow.Curation.Tests.Dedup.MinHash;

public class MinHashShardTests
{
    private static readonly List<Record> Records12k = Corpus(12_000, seed: 21, words: 20);

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(7, true)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(7, false)]
    public void Plan_Sharded_GivesTheUnshardedClustersAndKeptRecords(int shards, bool checkJaccard)
    {
        var options = new MinHashOptions { CheckJaccard = checkJaccard };

        var (one, unsharded) = Run(options, Records12k);
        var (many, sharded) = Run(options with { Shards = shards }, Records12k);

        Assert.Equal((1, shards), (unsharded.Shards, sharded.Shards));
        Assert.True(unsharded.Dropped > 1000, $"dropped: {unsharded.Dropped}");
        Assert.Equal(Describe(one), Describe(many));
        Assert.Equal(unsharded with { Shards = shards }, sharded);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Plan_ShardedAndSpilled_GivesTheInMemoryClusters(int shards)
    {
        // 1 MB over 9 bands holds ≈ 9,700 entries per band in all; 12,000 records need more. Each of N shards gets
        // 1/N of the budget for 1/N of the records, so every shard writes a run to disk and merges it with its last
        // buffer, and the k-way merge joins N on-disk and N in-memory runs per band.
        var lsh = new MinHashOptions { CheckJaccard = false };
        var work = Directory.CreateTempSubdirectory("winnow-minhash-shards-").FullName;
        try
        {
            var (memory, inMemory) = Run(lsh, Records12k, work: work);
            var (spilled, spill) = Run(lsh with { Shards = shards, MemoryMb = 1 }, Records12k, work: work);

            Assert.Equal(0, inMemory.SpilledRuns);
            Assert.True(spill.SpilledRuns >= shards, $"runs: {spill.SpilledRuns}");
            Assert.True(inMemory.Dropped > 1000, $"dropped: {inMemory.Dropped}");
            Assert.Equal(Describe(memory), Describe(spilled));
            Assert.Empty(Directory.EnumerateFileSystemEntries(work));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void Plan_ShardedWithJaccardCheckAndTinyBudget_GivesTheInMemoryClusters()
    {
        var (memory, _) = Run(new MinHashOptions(), Records12k);
        var (spilled, spill) = Run(new MinHashOptions { Shards = 3, MemoryMb = 1 }, Records12k, cores: 1);

        Assert.True(spill.SpilledRuns >= 3, $"runs: {spill.SpilledRuns}");
        Assert.Equal(Describe(memory), Describe(spilled));
    }

    [Fact]
    public void Plan_SameSeedTwice_SameOutcomes_OtherSeedOtherCandidates()
    {
        var options = new MinHashOptions { Shards = 3, CheckJaccard = false };

        var (first, a) = Run(options, Records12k);
        var (again, b) = Run(options, Records12k);
        var (_, other) = Run(options with { Seed = 2 }, Records12k);

        Assert.Equal(Describe(first), Describe(again));
        Assert.Equal(a, b);
        Assert.NotEqual(a.CandidatePairs, other.CandidatePairs);
    }

    [Fact]
    public void Plan_MoreShardsThanRecords_UsesOneShardPerRecord()
    {
        var text = Text(50, 1);
        var (outcomes, report) = Run(new MinHashOptions { Shards = 7 }, Records(text, Text(50, 2), text));

        Assert.Equal(3, report.Shards);
        Assert.Equal("minhash_duplicate", outcomes[2].DropReason);
        Assert.Contains("r0", outcomes[2].DropDetail);
    }

    [Fact]
    public void Plan_SourceWithoutCount_IsCountedOnceAndSharded()
    {
        var source = new UncountedSource(Records12k);
        var step = new MinHashDedupStep(new MinHashOptions { Shards = 2, CheckJaccard = false }, Path.GetTempPath());

        var plan = step.Plan(source, CancellationToken.None);
        var (expected, _) = Run(new MinHashOptions { CheckJaccard = false }, Records12k);

        Assert.Equal(2, step.LastReport!.Shards);
        Assert.Equal(Describe(expected), Describe(Records12k.Select((r, i) => plan.Apply(r, i)).ToList()));
    }

    private sealed class UncountedSource(IReadOnlyList<Record> records) : IRecordSource
    {
        public long? Count => null;
        public IEnumerable<Record> Read(CancellationToken cancellationToken = default) => records;
    }
}
