using Winnow.Core.Records;
using Winnow.Core.Steps;
using Winnow.Curation.Dedup.MinHash;
using static Winnow.Curation.Tests.Dedup.MinHash.MinHashTestData;

namespace Winnow.Curation.Tests.Dedup.MinHash;

public class MinHashDedupStepTests
{
    private static readonly MinHashOptions Defaults = new();

    [Fact]
    public void Plan_IdenticalTexts_DropsTheLaterNamingTheKeptId()
    {
        var text = Text(120, 1);
        var (outcomes, _) = Run(Defaults, Records(text, Text(120, 2), text));

        Assert.NotNull(outcomes[0].Kept);
        Assert.NotNull(outcomes[1].Kept);
        Assert.Equal("minhash_duplicate", outcomes[2].DropReason);
        Assert.Contains("r0", outcomes[2].DropDetail);
    }

    [Fact]
    public void Plan_OneWordChangedInHundred_IsNearDuplicate()
    {
        // 1 of 100 words changed touches 5 of 96 shingles: Jaccard 91/101 ≈ 0.90.
        var (outcomes, _) = Run(Defaults, Records(Text(100, 3), Changed(100, 3, 1)));

        Assert.NotNull(outcomes[0].Kept);
        Assert.Equal("minhash_duplicate", outcomes[1].DropReason);
    }

    [Fact]
    public void Plan_PunctuationAndCaseDiffer_IsDuplicate()
    {
        var (outcomes, _) = Run(Defaults, Records("Sorry, I'll call later", "sorry i'll call later!!", "Ok...", "ok"));

        Assert.Equal("minhash_duplicate", outcomes[1].DropReason);
        Assert.Equal("minhash_duplicate", outcomes[3].DropReason);
    }

    [Fact]
    public void Plan_UnrelatedTexts_KeepsAllWithoutCluster()
    {
        var records = Records(Enumerable.Range(0, 50).Select(i => Text(100, 100 + i)).ToArray());
        var (outcomes, report) = Run(Defaults, records);

        Assert.All(outcomes, o => Assert.NotNull(o.Kept));
        Assert.All(outcomes, o => Assert.Null(Cluster(o)));
        Assert.Equal(0, report.Clusters);
    }

    [Fact]
    public void Plan_HalfTheWordsChanged_IsNotDuplicate()
    {
        var (outcomes, _) = Run(Defaults, Records(Text(100, 4), Changed(100, 4, 50)));

        Assert.All(outcomes, o => Assert.NotNull(o.Kept));
    }

    [Fact]
    public void Plan_TextsWithoutWords_AreNeverDuplicates()
    {
        var (outcomes, _) = Run(Defaults, Records("", "...", "", "!!"));

        Assert.All(outcomes, o => Assert.NotNull(o.Kept));
    }

    [Fact]
    public void Plan_Cluster_KeptRecordCarriesSmallestIndexAsDupCluster()
    {
        var a = Text(100, 5);
        var records = Records(Text(100, 6), a, Text(100, 7), Changed(100, 5, 1), a);
        var (outcomes, report) = Run(Defaults, records);

        Assert.Equal(1L, Cluster(outcomes[1]));
        Assert.Null(Cluster(outcomes[0]));
        Assert.Equal("minhash_duplicate", outcomes[3].DropReason);
        Assert.Equal("minhash_duplicate", outcomes[4].DropReason);
        Assert.Contains("(cluster 1)", outcomes[4].DropDetail);
        Assert.Equal((1, 2), (report.Clusters, report.Dropped));
    }

    [Fact]
    public void Plan_KeepLongest_KeepsTheLongestMember()
    {
        var shorter = Text(100, 8);
        var longer = shorter + " w1 w2";
        var (outcomes, _) = Run(Defaults with { Keep = "longest" }, Records(shorter, longer, shorter));

        Assert.Equal("minhash_duplicate", outcomes[0].DropReason);
        Assert.Contains("r1", outcomes[0].DropDetail);
        Assert.Equal(0L, Cluster(outcomes[1]));
        Assert.Equal("minhash_duplicate", outcomes[2].DropReason);
    }

    [Fact]
    public void Plan_CheckJaccard_RejectsCandidatesBelowThreshold()
    {
        // 10 of 100 words changed: Jaccard ≈ 0.4. With 64 bands of 1 row nearly any shared shingle is a candidate.
        var loose = Defaults with { Bands = 64, Rows = 1, CheckJaccard = false };
        var records = Records(Text(100, 9), Changed(100, 9, 10));

        var (unchecked_, _) = Run(loose, records);
        var (checked_, report) = Run(loose with { CheckJaccard = true }, records);

        Assert.Equal("minhash_duplicate", unchecked_[1].DropReason);
        Assert.NotNull(checked_[1].Kept);
        Assert.Equal(1, report.CandidatePairs);
    }

    [Fact]
    public void Plan_OneCoreOrTwo_GivesTheSameOutcomes()
    {
        var records = Corpus(3000, seed: 11);

        var (one, _) = Run(Defaults, records, cores: 1);
        var (two, _) = Run(Defaults, records, cores: 2);

        Assert.Equal(Describe(one), Describe(two));
        Assert.Contains(one, o => o.DropReason == "minhash_duplicate");
    }

    // Spilling without the check, for 1, 2, 3 and 7 shards: MinHashShardTests.Plan_ShardedAndSpilled_GivesTheInMemoryClusters.

    [Fact]
    public void Plan_TinyBudgetWithJaccardCheck_SpillsBucketsAndShinglesAndMatchesInMemory()
    {
        var records = Corpus(25_000, seed: 13, words: 20);

        var (memory, inMemory) = Run(Defaults, records);
        var (spilled, spill) = Run(Defaults with { MemoryMb = 1 }, records);

        Assert.False(inMemory.CheckSpilled);
        Assert.True(spill.CheckSpilled);
        Assert.True(spill.SpilledRuns >= 2, $"runs: {spill.SpilledRuns}");
        Assert.True(inMemory.Dropped > 1000, $"dropped: {inMemory.Dropped}");
        Assert.Equal(Describe(memory), Describe(spilled));
    }
}
