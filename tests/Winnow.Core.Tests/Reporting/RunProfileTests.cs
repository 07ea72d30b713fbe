using System.Text.Json;
using Winnow.Core.Records;
using Winnow.Core.Reporting;

namespace Winnow.Core.Tests.Reporting;

public sealed class RunProfileTests
{
    /// <summary>1,200 labels (past the 1,000 that keep their names), repeats, splits, languages and derived copies.</summary>
    private static List<Record> Records()
    {
        var random = new Random(7);
        return Enumerable.Range(0, 5_000).Select(i =>
        {
            var label = $"l{random.Next(1_200):D4}";
            var meta = Meta.Empty.Set("split", i % 5 == 0 ? "test" : "train").Set("lang", i % 3 == 0 ? "de" : "en");
            return new Record
            {
                Id = $"r{i}", Text = $"text {random.Next(40)} of {label}", Label = label, Meta = meta,
                Provenance = i % 7 == 0 ? Provenance.From($"in.jsonl:{i}").With($"augment from r{i - 1}") : Provenance.From($"in.jsonl:{i}"),
            };
        }).ToList();
    }

    [Fact]
    public void AddInputsAndOutputs_InBatches_SameProfileAsRecordByRecord()
    {
        var records = Records();
        var one = new RunProfile();
        foreach (var r in records)
        {
            one.AddInput(r);
            one.AddOutput(r);
        }
        var batched = new RunProfile();
        foreach (var batch in records.Chunk(333))
        {
            batched.AddInputs(batch);
            batched.AddOutputs(batch);
        }

        Assert.Equal(1_000 + 1, one.LabelsOut.Count); // the first 1,000 labels seen, then "(other)"
        Assert.True(one.LabelsOut["(other)"] > 0);
        Assert.Equal(JsonSerializer.Serialize(one), JsonSerializer.Serialize(batched));
    }

    [Fact]
    public void AddOutputs_KeepsTheFirstThreeDistinctTextsPerLabel_AfterAResumeToo()
    {
        var records = new[] { "a", "a", "b", "c", "d" }.Select((t, i) => new Record { Id = $"r{i}", Text = t, Label = "x" }).ToList();
        var profile = new RunProfile();
        profile.AddOutputs(records[..2]);
        // A resumed run starts from the checkpoint's JSON: what is settled must come from there, not from a cache.
        var resumed = JsonSerializer.Deserialize<RunProfile>(JsonSerializer.Serialize(profile))!;
        resumed.AddOutputs(records[2..]);
        Assert.Equal(["a", "b", "c"], resumed.Examples["x"]);
    }
}
