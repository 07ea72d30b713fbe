using Winnow.Core;
using Winnow.Core.Records;
using Winnow.Curation.Split;

namespace Winnow.Curation.Tests.Split;

public sealed class SplitStepTests
{
    // 10 classes of 100..1,000 records.
    private static readonly List<Record> Data = Enumerable.Range(0, 10)
        .SelectMany(c => Enumerable.Range(0, 100 * (c + 1)).Select(i => Rec.Text($"c{c} text {i}", $"c{c}", $"c{c}-{i}")))
        .ToList();

    private static List<Record> Split(SplitOptions o, IReadOnlyList<Record>? data = null, long seed = 1) =>
        DatasetStepHarness.Run(new SplitStep(o, seed), data ?? Data);

    private static readonly SplitOptions EightyTenTen = new() { Train = 0.8, Validation = 0.1, Test = 0.1 };

    [Fact]
    public void Plan_Shares_AreMetPerClass()
    {
        var out_ = Split(EightyTenTen);
        Assert.Equal(Data.Count, out_.Count);
        foreach (var cls in out_.GroupBy(r => r.Label))
        {
            var n = cls.Count();
            var test = cls.Count(r => r.Meta.GetString("split") == "test");
            var validation = cls.Count(r => r.Meta.GetString("split") == "validation");
            Assert.InRange(test, Math.Floor(n * 0.1) - 1, Math.Ceiling(n * 0.1) + 1);
            Assert.InRange(validation, Math.Floor(n * 0.1) - 1, Math.Ceiling(n * 0.1) + 1);
        }
    }

    [Fact]
    public void Plan_SameSeed_SameSplits_OtherSeed_Others()
    {
        var a = Split(EightyTenTen).Select(r => r.Meta.GetString("split")).ToList();
        Assert.Equal(a, Split(EightyTenTen).Select(r => r.Meta.GetString("split")).ToList());
        Assert.NotEqual(a, Split(EightyTenTen, seed: 2).Select(r => r.Meta.GetString("split")).ToList());
    }

    [Fact]
    public void Plan_NearDuplicateClusters_NeverStraddleSplits()
    {
        var clustered = Data.Select((r, i) => r with { Meta = r.Meta.Set("dup_cluster", $"k{i / 5}") }).ToList();
        var out_ = Split(EightyTenTen, clustered);
        Assert.All(out_.GroupBy(r => r.Meta.GetString("dup_cluster")), g => Assert.Single(g.Select(r => r.Meta.GetString("split")).Distinct()));
    }

    [Fact]
    public void Plan_DerivedRecords_FollowTheirParent()
    {
        var withCopies = Data.Take(500).SelectMany(r => new[]
        {
            r,
            r with { Id = r.Id + "~1", Provenance = r.Provenance.With($"augment.synonyms from {r.Id}") },
        }).ToList();
        var out_ = Split(EightyTenTen, withCopies);
        var splitOf = out_.Where(r => !r.Id.EndsWith("~1")).ToDictionary(r => r.Id, r => r.Meta.GetString("split"));
        Assert.All(out_.Where(r => r.Id.EndsWith("~1")), r => Assert.Equal(splitOf[r.Id[..^2]], r.Meta.GetString("split")));
    }

    [Fact]
    public void Plan_AugmentedAndSyntheticRecords_NeverReachValidationOrTest()
    {
        var mixed = Data.Take(400).SelectMany(r => new[]
        {
            r,
            r with { Id = r.Id + "~1", Meta = r.Meta.Set("augmented_by", "augment.synonyms"), Provenance = r.Provenance.With($"augment.synonyms from {r.Id}") },
        }).Concat(Enumerable.Range(0, 100).Select(i => Rec.Text($"synthetic {i}", "c0", $"synth~c0~{i}") is var s
            ? s with { Meta = s.Meta.Set("synthetic", Meta.JsonValue(true)), Provenance = s.Provenance.With($"synthesize.class from prompt p{i % 7}") } : s)).ToList();
        var out_ = Split(EightyTenTen, mixed);
        var held = out_.Where(r => r.Meta.GetString("split") != "train").ToList();
        Assert.NotEmpty(held);
        Assert.DoesNotContain(held, r => r.Meta.ContainsKey("augmented_by") || r.Meta.ContainsKey("synthetic"));
        Assert.Equal(100, out_.Count(r => r.Meta.ContainsKey("synthetic")));                 // all synthetic kept, in train
        // Variants of held-out parents are gone (they would leak their parent into train); the others follow their parent.
        var heldIds = held.Select(r => r.Id).ToHashSet();
        Assert.DoesNotContain(out_, r => r.Id.EndsWith("~1", StringComparison.Ordinal) && heldIds.Contains(r.Id[..^2]));
        Assert.Equal(400 + 400 - held.Count + 100, out_.Count);

        var anywhere = Split(EightyTenTen with { DerivedInHeldOut = true }, mixed);
        Assert.Contains(anywhere, r => r.Meta.ContainsKey("augmented_by") && r.Meta.GetString("split") == "test");
    }

    [Fact]
    public void Plan_Counts_TrainTakesTheRest()
    {
        var out_ = Split(new SplitOptions { Test = 500, Validation = 200 });
        Assert.Equal(500, out_.Count(r => r.Meta.GetString("split") == "test"), 5.0);
        Assert.Equal(Data.Count - 700, out_.Count(r => r.Meta.GetString("split") == "train"), 5.0);
    }

    [Fact]
    public void Plan_MinPerClassImpossible_SaysWhichClass()
    {
        var tiny = Data.Take(102).ToList(); // c0 has 100, c1 has 2
        var e = Assert.Throws<WinnowException>(() => Split(EightyTenTen with { MinPerClass = 2 }, tiny));
        Assert.Contains("class 'c1'", e.Message);
    }

    [Fact]
    public void Validate_SharesMustAddUpToOne() =>
        Assert.Contains(new SplitOptions { Train = 0.8, Test = 0.1 }.Validate(), p => p.Problem.Contains("add up to 0.9"));

    // Issue #15, trap 1: {train: 80, validation: 10, test: 10} was read as 100 records and the rest spread evenly.
    [Fact]
    public void Validate_WholeNumbersAddingUpTo100_SuggestsShares()
    {
        var problem = Assert.Single(new SplitOptions { Train = 80, Validation = 10, Test = 10 }.Validate());
        Assert.Contains("did you mean shares, {train: 0.8, validation: 0.1, test: 0.1}", problem.Problem);
    }

    [Fact]
    public void Plan_CountsForEverySplitNotCoveringTheData_Refused()
    {
        var e = Assert.Throws<WinnowException>(() => Split(new SplitOptions { Train = 300, Validation = 100, Test = 100 }));
        Assert.Contains($"add up to 500 records but {Data.Count:N0} reach the step", e.Message);
        Assert.Contains("did you mean 0.6 / 0.2 / 0.2?", e.Message);
        Assert.Equal(2, e.ExitCode);
    }

    [Fact]
    public void Plan_CountsCoveringTheData_Accepted()
    {
        var out_ = Split(new SplitOptions { Train = Data.Count - 1000, Validation = 500, Test = 500 });
        Assert.Equal(500, out_.Count(r => r.Meta.GetString("split") == "test"), 5.0);
    }

    [Fact]
    public void Plan_Details_GiveTheSizeOfEachSplit()
    {
        var plan = new SplitStep(EightyTenTen, 1).Plan(new DatasetStepHarness.ListSource(Data), default);
        var sizes = ((Winnow.Core.Steps.IStepDetails)plan).Details[SplitReport.Sizes];
        Assert.Equal(Data.Count, sizes.Values.Sum());
        Assert.Equal(Data.Count * 0.1, sizes["test"], 10.0);
    }

    [Fact]
    public void Plan_NoRecordHasALabel_RefusedUnlessStratifyNone()
    {
        var unlabelled = Data.Select(r => r with { Label = null }).ToList();
        var e = Assert.Throws<WinnowException>(() => Split(EightyTenTen, unlabelled));
        Assert.Contains("stratify: none", e.Message);
        Assert.Equal(Data.Count, Split(EightyTenTen with { Stratify = "none" }, unlabelled).Count);
    }

    [Fact]
    public void Plan_IdenticalTextsInTwoSplits_CountedInDetails()
    {
        // 40 pairs of records with the same text (as pii.redact after dedup makes them), each record its own group.
        var pairs = Enumerable.Range(0, 40).SelectMany(i => new[] { Rec.Text($"call <PHONE> now {i}", "spam", $"a{i}"), Rec.Text($"call <PHONE> now {i}", "spam", $"b{i}") });
        var data = Data.Concat(pairs).ToList();
        var plan = new SplitStep(EightyTenTen, 1).Plan(new DatasetStepHarness.ListSource(data), default);
        var identical = ((Winnow.Core.Steps.IStepDetails)plan).Details[SplitReport.Identical];
        Assert.InRange(identical.Values.Sum(), 1, 40);

        var e = Assert.Throws<WinnowException>(() => Split(EightyTenTen with { IdenticalAcross = IdenticalAcross.Fail }, data));
        Assert.Contains("call <PHONE> now", e.Message);
    }

    [Fact]
    public void Plan_NoIdenticalTexts_NoIdenticalDetail()
    {
        var plan = new SplitStep(EightyTenTen, 1).Plan(new DatasetStepHarness.ListSource(Data), default);
        Assert.False(((Winnow.Core.Steps.IStepDetails)plan).Details.ContainsKey(SplitReport.Identical));
    }
}
