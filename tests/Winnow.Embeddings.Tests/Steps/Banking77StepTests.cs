using Winnow.Core.Records;
using Winnow.Core.Steps;
using Winnow.Curation.Outliers;
using Winnow.Curation.Semantic;

namespace Winnow.Embeddings.Tests.Steps;

/// <summary>dedup.semantic and filter.outliers with the real model on banking77 questions.</summary>
public sealed class Banking77StepTests
{
    private static readonly StepContext Context = new("step", 0, 7, Path.GetTempPath());

    private static List<Outcome> Run(IDatasetStep step, IReadOnlyList<Record> records)
    {
        var plan = step.Plan(new ListSource(records), default);
        return records.Select((r, i) => plan.Apply(r, i)).ToList();
    }

    [Fact]
    public void SemanticDedup_NearParaphrasesOfRealQuestions_AreDroppedAndDistinctOnesKept()
    {
        // 200 real questions, then 20 of them again reworded slightly (case, punctuation, a filler word).
        var originals = Model.Banking77().Where((_, i) => i % 15 == 0).Take(200).ToList();
        var variants = originals.Take(20).Select((r, i) => r with
        {
            Id = $"variant{i}",
            Text = (i % 2 == 0 ? "Please, " + r.Text!.ToLowerInvariant() : r.Text!.TrimEnd('?', '.', '!') + " please").Trim(),
        }).ToList();
        var records = originals.Concat(variants).ToList();

        var outcomes = Run(new SemanticDedupStep(new SemanticDedupOptions { Threshold = 0.9 }, Context, Model.Generator), records);

        var dropped = records.Zip(outcomes).Where(p => p.Second.DropReason == "semantic_duplicate").ToList();
        var droppedVariants = dropped.Count(p => p.First.Id.StartsWith("variant", StringComparison.Ordinal));
        Assert.True(droppedVariants >= 18, $"{droppedVariants} of 20 reworded copies found");
        // Among the originals (different questions), few reach 0.9: what is dropped is a real near-duplicate.
        Assert.True(dropped.Count - droppedVariants <= 5, $"{dropped.Count - droppedVariants} originals dropped");
        Assert.All(dropped.Where(p => p.First.Id.StartsWith("variant", StringComparison.Ordinal)), p =>
        {
            var n = int.Parse(p.First.Id["variant".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains($"kept record {originals[n].Id}", p.Second.DropDetail);
        });
        Assert.All(outcomes.Where(o => o.Kept is not null), o => Assert.True(o.Kept!.Meta.ContainsKey("sem_cluster")));
    }

    [Fact]
    public void Outliers_LabelShuffledRecords_ScoreFarAboveChance()
    {
        // 10 intents × 20 questions; 20 records (10%) get another intent's label.
        var all = Model.Banking77();
        var labels = all.Select(r => r.Label!).Distinct().Take(10).ToList();
        var records = labels.SelectMany(l => all.Where(r => r.Label == l).Take(20)).ToList();
        var random = new Random(3);
        var shuffled = new HashSet<string>();
        foreach (var i in Enumerable.Range(0, records.Count).OrderBy(_ => random.Next()).Take(20))
        {
            var other = labels.Where(l => l != records[i].Label).ElementAt(random.Next(labels.Count - 1));
            records[i] = records[i] with { Label = other };
            shuffled.Add(records[i].Id);
        }

        var step = new OutlierStep(new OutlierOptions { Length = "none", Embedding = true, Mode = "flag", EmbeddingZ = 1.5 }, Context, () => Model.Generator);
        var kept = Run(step, records).Select(o => o.Kept!).ToList();

        // Ranking by score: chance puts 2 shuffled records in the top 20.
        var top = kept.OrderByDescending(r => r.Meta["outlier_score"].GetDouble()).Take(20).Count(r => shuffled.Contains(r.Id));
        Assert.True(top >= 12, $"{top} of the 20 highest scores are shuffled records");
        var flagged = kept.Where(r => r.Meta.GetString("outlier") == "embedding_outlier").ToList();
        var precision = flagged.Count(r => shuffled.Contains(r.Id)) / (double)flagged.Count;
        Assert.True(precision >= 0.5, $"precision of the flags {precision:0.00} (chance 0.10)");
    }
}
