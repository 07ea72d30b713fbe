using System.Text.Json;
using Winnow.Core.Records;
using Winnow.Curation.Enrich;
using Winnow.Curation.Quality;
using Winnow.Curation.Tests.Quality;

namespace Winnow.Curation.Tests.Enrich;

/// <summary>enrich's meta.quality: the numbers filter.quality judges, and what it would decide.</summary>
public sealed class EnrichQualityTests
{
    private const string Page = """
        The history of the harbour town goes back to the twelfth century, when fishermen from the north settled on the hill.
        Over the next three hundred years the settlement grew into a busy market, and merchants built the stone houses that still line the quay.
        In the eighteenth century the town became known for its shipyards, which built merchant vessels for companies across the region.
        The decline of wooden shipbuilding brought hard times, and many families left to look for work in the growing industrial cities.
        Today the old warehouses hold museums, workshops and restaurants, and visitors come in summer to walk the cliffs and watch the boats.
        The annual festival in August celebrates the town's maritime past with music, rowing races and a market of local crafts and food.
        """;

    private static JsonElement Quality(string text) =>
        new EnrichStep(new EnrichOptions { Quality = true }).Apply(Rec.Text(text), 0).Kept!.Meta["quality"];

    [Fact]
    public void Apply_QualityDefault_IsOff()
    {
        var meta = new EnrichStep(new EnrichOptions()).Apply(Rec.Text(Page), 0).Kept!.Meta;
        Assert.False(meta.ContainsKey("quality"));
    }

    [Fact]
    public void Apply_Quality_WellFormedPage_PassesEveryRuleSet()
    {
        var q = Quality(Page);
        Assert.Equal(["gopher_repetition", "gopher_quality", "c4", "fineweb"], q.GetProperty("passes").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(q.GetProperty("fails").EnumerateObject());
        Assert.True(q.GetProperty("words").GetInt32() > 100);
        Assert.True(q.GetProperty("stop_words").GetInt32() >= 2);
        Assert.Equal(0, q.GetProperty("dup_line_frac").GetDouble());
    }

    [Fact]
    public void Apply_Quality_ShortQuery_NamesTheFailingRules()
    {
        var q = Quality("When will my card arrive?");
        Assert.Equal(5, q.GetProperty("words").GetInt32());
        Assert.Equal(5 / 6.0, q.GetProperty("alpha_words_ratio").GetDouble(), 4); // "?" is a token without a letter
        Assert.Equal("gopher_short_doc", q.GetProperty("fails").GetProperty("gopher_quality").GetString());
        Assert.Equal("too_few_sentences", q.GetProperty("fails").GetProperty("c4").GetString());
        // Rules made for web pages fail a one-line query everywhere (why quality is off by default).
        Assert.Equal("top_2_gram", q.GetProperty("fails").GetProperty("gopher_repetition").GetString());
        Assert.Equal("short_line_ratio", q.GetProperty("fails").GetProperty("fineweb").GetString());
        Assert.Empty(q.GetProperty("passes").EnumerateArray());
    }

    [Fact]
    public void Apply_Quality_RepeatedLines_MeasuresDuplication()
    {
        var q = Quality("Buy now.\nBuy now.\nBuy now.\nBest price in town today.");
        Assert.Equal(0.5, q.GetProperty("dup_line_frac").GetDouble(), 4);
        Assert.Equal("dup_line_frac", q.GetProperty("fails").GetProperty("gopher_repetition").GetString());
    }

    /// <summary>The same functions decide both: on real data, each rule set's verdict in meta.quality is filter.quality's.</summary>
    [Fact]
    public void Apply_Quality_AgreesWithFilterQualityOnRealData()
    {
        var texts = BundledData.SmsSpam().Take(300).Select(r => r.Text!)
            .Concat(BundledData.Banking77().Take(100).Select(r => r.Text!))
            .Append(Page).Append(Page + "\n" + Page).Append("").ToList();
        var filters = QualityFilterOptions.RuleSetNames.ToDictionary(set => set, set =>
            new QualityFilter(new QualityFilterOptions { Rules = [set] }));
        var disagreements = new List<string>();
        var verdicts = new HashSet<(string Set, bool Passed)>();
        foreach (var text in texts)
        {
            var q = Quality(text);
            foreach (var (set, filter) in filters)
            {
                var expected = filter.Apply(Rec.Text(text), 0).DropReason;
                var actual = q.GetProperty("fails").TryGetProperty(set, out var r) ? r.GetString() : null;
                if (expected != actual) disagreements.Add($"{set} on '{text}': filter {expected}, enrich {actual}");
                verdicts.Add((set, actual is null));
            }
        }
        Assert.Empty(disagreements);
        // Not vacuous: every rule set both passes and fails some of these texts.
        Assert.Equal(filters.Count * 2, verdicts.Count);
    }
}
