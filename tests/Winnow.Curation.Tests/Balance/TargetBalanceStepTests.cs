using System.Collections.Immutable;
using Winnow.Core.Records;
using Winnow.Core.Steps;
using Winnow.Curation.Balance;

namespace Winnow.Curation.Tests.Balance;

/// <summary>
/// The fill of <c>balance</c>'s target strategy on its own: quotas, the order variants are taken in, the shortfall.
/// The generators here are small deterministic augmenters written for the test (the real ones, WordNet and Apertium,
/// are run by the CLI's BalanceTargetRecipeTests and the sharded-run tests).
/// </summary>
public sealed class TargetBalanceStepTests
{
    // Classes of 10, 50 and 200 records.
    private static readonly List<Record> Data = new[] { ("a", 10), ("b", 50), ("c", 200) }
        .SelectMany(x => Enumerable.Range(0, x.Item2).Select(i => Rec.Text($"{x.Item1} {i}", x.Item1, $"{x.Item1}{i}")))
        .ToList();

    /// <summary>An augmenter: <paramref name="copies"/> variants per record ("a 3 g1"), or none, turning each away with <paramref name="reject"/>.</summary>
    private sealed class Generator(string name, int copies, string? reject = null) : IRecordStep
    {
        public string Name => name;

        public Outcome Apply(Record record, long index)
        {
            var made = Enumerable.Range(1, copies).Select(k => record with
            {
                Id = $"{record.Id}~{name}{k}",
                Text = $"{record.Text} {name} {k}",
                Meta = record.Meta.Set("augmented_by", name),
                Provenance = record.Provenance.With($"{name} from {record.Id}"),
            }).ToImmutableArray();
            return reject is null ? Outcome.KeepAndCreate(record, made)
                : Outcome.Keep(record).WithRejected(made.Select(v => new RejectedRecord(v, reject)).ToImmutableArray());
        }
    }

    private static (List<Record> Out, List<RejectedRecord> Rejected, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Details) Run(
        BalanceOptions options, IReadOnlyList<Record> data, long seed, params IStep[] generators)
    {
        var plan = (IBatchStep)new TargetBalanceStep(options with { Strategy = BalanceStrategy.Target }, seed, generators)
            .Plan(new DatasetStepHarness.ListSource(data), default);
        var result = plan.ApplyAsync(data, 0, default).GetAwaiter().GetResult();
        var output = new List<Record>();
        var rejected = new List<RejectedRecord>();
        foreach (var o in result.Outcomes)
        {
            output.Add(o.Kept!);
            if (!o.Created.IsDefaultOrEmpty) output.AddRange(o.Created);
            if (!o.Rejected.IsDefaultOrEmpty) rejected.AddRange(o.Rejected);
        }
        return (output, rejected, result.Counts!);
    }

    private static Dictionary<string, int> Counts(IEnumerable<Record> records) =>
        records.GroupBy(r => r.Label!).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public void Plan_Target_FillsEachDeficitWithGeneratorVariantsUpToTheShareCap()
    {
        var (out_, _, details) = Run(new BalanceOptions { MinPerClass = 60 }, Data, 1, new Generator("g", 3));
        // a: deficit 50, cap ⌊0.3 × 10 ÷ 0.7⌋ = 4; b: deficit 10 (cap 21); c: above target.
        Assert.Equal(new Dictionary<string, int> { ["a"] = 14, ["b"] = 60, ["c"] = 200 }, Counts(out_));
        var variants = out_.Where(r => r.Id.Contains('~')).ToList();
        Assert.All(variants, v => Assert.Equal("g", v.Meta.GetString("augmented_by")));
        Assert.DoesNotContain(out_, r => r.Provenance.Steps.Any(s => s.StartsWith("balance from", StringComparison.Ordinal)));
        Assert.Equal(14, variants.Select(v => v.Text).Distinct().Count());
        Assert.Equal(46, details["short"]["a"]);
        Assert.Equal(46, details["short_by_cap"]["a"]);
        Assert.False(details["short"].ContainsKey("b"));
        Assert.Equal(14, details["variants"]["kept"]);
        Assert.Equal(new Dictionary<string, long> { ["a"] = 14, ["b"] = 60, ["c"] = 200 }, details[BalanceStep.After]);
    }

    [Fact]
    public void Plan_TwoGenerators_TakeOneVariantOfManyParentsFromEachInTurn()
    {
        var (out_, rejected, details) = Run(new BalanceOptions { MinPerClass = 60 }, Data, 1, new Generator("g1", 3), new Generator("g2", 3));
        var b = out_.Where(r => r.Label == "b" && r.Id.Contains('~')).ToList();
        Assert.Equal(10, b.Count);
        Assert.Equal(5, b.Select(v => v.Id[..v.Id.IndexOf('~')]).Distinct().Count());       // 5 parents, one variant from each generator
        Assert.All(b, v => Assert.EndsWith("1", v.Id));                                     // no parent's second variant
        Assert.Equal(new Dictionary<string, long> { ["g1"] = 7, ["g2"] = 7 }, details["fill_by"]);
        // Made beyond the quotas: 5 parents of b and 2 of a, 6 variants each, 14 taken; the rest not needed.
        Assert.Equal(7 * 6 - 14, rejected.Count(x => x.Reason == "not_needed"));
        Assert.Equal(7 * 6, details["variants"]["made"]);
    }

    [Fact]
    public void Plan_GeneratorTurnsEverythingAway_ShortfallByGeneratorsPerClassAndRejectsKept()
    {
        var (out_, rejected, details) = Run(new BalanceOptions { MinPerClass = 60 }, Data, 1, new Generator("g", 1, reject: "too_dissimilar"));
        Assert.Equal(Data.Count, out_.Count);
        Assert.Equal(new Dictionary<string, long> { ["a"] = 4, ["b"] = 10 }, details["short_by_generators"]);
        Assert.Equal(new Dictionary<string, long> { ["a"] = 50, ["b"] = 10 }, details["short"]);
        // Every real record of a and b was tried once, then the fill gave up: nothing lost from sight.
        Assert.Equal(60, rejected.Count(x => x.Reason == "too_dissimilar"));
    }

    [Fact]
    public void Plan_DerivedRecordsAlreadyInAClass_CountAgainstItsCap()
    {
        var derived = Enumerable.Range(0, 3).Select(i => Rec.Text($"a extra {i}", "a", $"x{i}") with { Meta = Meta.Empty.Set("augmented_by", "augment.eda") });
        var (out_, _, details) = Run(new BalanceOptions { MinPerClass = 60 }, [.. Data, .. derived], 1, new Generator("g", 1));
        Assert.Equal(10 + 3 + 1, Counts(out_)["a"]);                                         // cap 4, 3 already derived
        Assert.Equal(1, details["filled"]["a"]);
    }

    [Fact]
    public void Plan_Target_IsSeeded()
    {
        List<string> Parents(long seed) => Run(new BalanceOptions { MinPerClass = 60 }, Data, seed, new Generator("g", 1)).Out
            .Where(r => r.Id.Contains('~')).Select(r => r.Id).ToList();
        Assert.Equal(Parents(1), Parents(1));
        Assert.NotEqual(Parents(1), Parents(2));
    }

    [Fact]
    public void Validate_TargetWithoutFill_SaysWhatFillIs()
    {
        var problem = Assert.Single(new BalanceOptions { Strategy = BalanceStrategy.Target }.Validate());
        Assert.Equal("fill", problem.Key);
        Assert.Contains("augment.synonyms", problem.Problem);
    }
}
