using Winnow.Annotation.Agreement;
using Winnow.Annotation.Crowd.Aggregation;

namespace Winnow.Annotation.Tests.Crowd;

public sealed class LabelAggregatorTests
{
    // 40 items, truth alternating a/b. Two careful workers are always right; three careless ones say "a" to
    // everything. Majority vote gets every "b" item wrong; Dawid–Skene, anchored by 6 gold items, learns that the
    // careless workers' "a" carries no information and follows the careful ones.
    private static (List<AnnotationRow> Rows, Dictionary<string, string> Truth) Crowd()
    {
        var rows = new List<AnnotationRow>();
        var truth = new Dictionary<string, string>();
        for (var i = 0; i < 40; i++)
        {
            var item = $"i{i:00}";
            var label = i % 2 == 0 ? "a" : "b";
            truth[item] = label;
            rows.Add(new AnnotationRow(item, "careful1", label));
            rows.Add(new AnnotationRow(item, "careful2", label));
            foreach (var w in new[] { "careless1", "careless2", "careless3" }) rows.Add(new AnnotationRow(item, w, "a"));
        }
        return (rows, truth);
    }

    [Fact]
    public void Majority_CarelessMajority_GetsTheBItemsWrong()
    {
        var (rows, truth) = Crowd();
        var result = LabelAggregator.Aggregate(rows, "majority");
        Assert.Equal(20, result.Labels.Count(l => l.Label == truth[l.Item]));
        Assert.All(result.Labels, l => Assert.True(l.Confidence >= 0.6));
    }

    [Fact]
    public void DawidSkene_WithGold_RecoversEveryItemAndRanksWorkers()
    {
        var (rows, truth) = Crowd();
        var gold = truth.Take(6).ToDictionary();
        var result = LabelAggregator.Aggregate(rows, "dawid-skene", gold);
        Assert.Equal(40, result.Labels.Count(l => l.Label == truth[l.Item]));
        var careful = result.Workers.Single(w => w.Worker == "careful1");
        var careless = result.Workers.Single(w => w.Worker == "careless1");
        Assert.Equal(1.0, careful.GoldAccuracy);
        Assert.Equal(0.5, careless.GoldAccuracy);
        Assert.Equal(6, careless.GoldItems);
        Assert.True(careful.EstimatedAccuracy > 0.95, $"{careful.EstimatedAccuracy}");
        Assert.True(careless.EstimatedAccuracy < 0.6, $"{careless.EstimatedAccuracy}");
    }

    [Fact]
    public void Majority_Tie_TakesTheFirstLabelInOrdinalOrderWithHalfConfidence()
    {
        var rows = new List<AnnotationRow> { new("x", "w1", "pos"), new("x", "w2", "neg") };
        var label = Assert.Single(LabelAggregator.Aggregate(rows, "majority").Labels);
        Assert.Equal("neg", label.Label);
        Assert.Equal(0.5, label.Confidence);
    }
}
