using Winnow.Curation.Balance;

namespace Winnow.Curation.Tests.Balance;

public sealed class BalanceStepTests
{
    // Classes of 10, 50 and 200 records.
    private static readonly List<Winnow.Core.Records.Record> Data = new[] { ("a", 10), ("b", 50), ("c", 200) }
        .SelectMany(x => Enumerable.Range(0, x.Item2).Select(i => Rec.Text($"{x.Item1} {i}", x.Item1, $"{x.Item1}{i}")))
        .ToList();

    private static Dictionary<string, int> Counts(IEnumerable<Winnow.Core.Records.Record> records) =>
        records.GroupBy(r => r.Label!).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public void Cap_KeepsAtMostNPerClass()
    {
        var reasons = new List<string>();
        var out_ = DatasetStepHarness.Run(new BalanceStep(new BalanceOptions { MaxPerClass = 40 }, 1), Data, reasons);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 10, ["b"] = 40, ["c"] = 40 }, Counts(out_));
        Assert.Equal(170, reasons.Count(r => r == "balance_cap"));
    }

    [Fact]
    public void Oversample_RaisesEveryClassToTheLargest_WithProvenance()
    {
        var out_ = DatasetStepHarness.Run(new BalanceStep(new BalanceOptions { Strategy = BalanceStrategy.Oversample }, 1), Data);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 200, ["b"] = 200, ["c"] = 200 }, Counts(out_));
        var copy = out_.First(r => r.Id.Contains('~'));
        Assert.Contains($"balance from {copy.Id[..copy.Id.IndexOf('~')]}", copy.Provenance.Steps);
    }

    [Fact]
    public void Ratio_BoundsLargestOverSmallest()
    {
        var out_ = DatasetStepHarness.Run(new BalanceStep(new BalanceOptions { Strategy = BalanceStrategy.Ratio, MaxRatio = 3 }, 1), Data);
        var counts = Counts(out_);
        Assert.True(counts.Values.Max() <= 3 * counts.Values.Min());
        Assert.Equal(30, counts["c"]);
    }

    [Fact]
    public void Cap_IsSeeded()
    {
        var a = DatasetStepHarness.Run(new BalanceStep(new BalanceOptions { MaxPerClass = 5 }, 1), Data).Select(r => r.Id).ToList();
        Assert.Equal(a, DatasetStepHarness.Run(new BalanceStep(new BalanceOptions { MaxPerClass = 5 }, 1), Data).Select(r => r.Id).ToList());
        Assert.NotEqual(a, DatasetStepHarness.Run(new BalanceStep(new BalanceOptions { MaxPerClass = 5 }, 2), Data).Select(r => r.Id).ToList());
    }

    [Theory]
    [InlineData(BalanceStrategy.Cap)]
    [InlineData(BalanceStrategy.Oversample)]
    [InlineData(BalanceStrategy.Ratio)]
    public void Plan_Details_AreTheCountsPerClassBeforeAndAfter(BalanceStrategy strategy)
    {
        var step = new BalanceStep(new BalanceOptions { Strategy = strategy, MaxPerClass = 40, MaxRatio = 3 }, 1);
        var plan = step.Plan(new DatasetStepHarness.ListSource(Data), default);
        var details = Assert.IsAssignableFrom<Winnow.Core.Steps.IStepDetails>(plan).Details;
        Assert.Equal(new Dictionary<string, long> { ["a"] = 10, ["b"] = 50, ["c"] = 200 }, details[BalanceStep.Before]);
        var after = DatasetStepHarness.Run(step, Data);
        Assert.Equal(Counts(after).ToDictionary(kv => kv.Key, kv => (long)kv.Value), details[BalanceStep.After]);
    }

    [Fact]
    public void Run_ManifestCarriesTheCountsPerClassBeforeAndAfter()
    {
        using var recipe = new OneStepRecipe();
        File.WriteAllLines(Path.Combine(recipe.Root, "data.jsonl"), Data.Select(r => $$"""{"id":"{{r.Id}}","text":"{{r.Text}}","label":"{{r.Label}}"}"""));
        var result = recipe.Run("balance: {max_per_class: 40}");
        var step = Assert.Single(result.Manifest.Steps);
        Assert.Equal(new SortedDictionary<string, long> { ["a"] = 10, ["b"] = 50, ["c"] = 200 }, step.Details![BalanceStep.Before]);
        Assert.Equal(new SortedDictionary<string, long> { ["a"] = 10, ["b"] = 40, ["c"] = 40 }, step.Details[BalanceStep.After]);
        Assert.Contains("\"classes_after\"", File.ReadAllText(recipe.Out("manifest.json")));
    }

    [Fact]
    public void Run_UnderWhere_ManifestCarriesTheScopedCounts()
    {
        // Only a and b are balanced (c passes through): the details count the scoped records only.
        using var recipe = new OneStepRecipe();
        File.WriteAllLines(Path.Combine(recipe.Root, "data.jsonl"), Data.Select(r => $$"""{"id":"{{r.Id}}","text":"{{r.Text}}","label":"{{r.Label}}"}"""));
        var result = recipe.Run("balance: {max_per_class: 20, where: {label: [a, b]}}");
        var step = Assert.Single(result.Manifest.Steps);
        Assert.Equal(new SortedDictionary<string, long> { ["a"] = 10, ["b"] = 50 }, step.Details![BalanceStep.Before]);
        Assert.Equal(new SortedDictionary<string, long> { ["a"] = 10, ["b"] = 20 }, step.Details[BalanceStep.After]);
    }

    // Issue #15, trap 1: balance on records without labels silently did nothing.
    [Fact]
    public void Plan_NoRecordHasALabel_Refused()
    {
        var unlabelled = Enumerable.Range(0, 20).Select(i => Rec.Text($"t {i}", null, $"r{i}")).ToList();
        var e = Assert.Throws<Winnow.Core.WinnowException>(() => DatasetStepHarness.Run(new BalanceStep(new BalanceOptions { MaxPerClass = 5 }, 1), unlabelled));
        Assert.Contains("none of the 20 records has a label", e.Message);
    }

    // Issue #15, trap 7: `balance: {}` names the strategies.
    [Fact]
    public void Validate_NoOptions_NamesTheStrategies()
    {
        var problem = Assert.Single(new BalanceOptions().Validate());
        Assert.Contains("oversample", problem.Problem);
        Assert.Contains("ratio", problem.Problem);
    }
}
