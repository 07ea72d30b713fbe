using Winnow.Annotation.Apply;
using Winnow.Core.Records;
using Winnow.Core.Services;

namespace Winnow.Annotation.Tests.Apply;

public sealed class ApplyStepTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    private static readonly Record[] Records =
    [
        new() { Id = "a", Text = "where is my card", Meta = Meta.Empty.Set("label_route", "human").Set("suggested_label", "card_arrival") },
        new() { Id = "b", Text = "top up failed", Label = "top_up_reverted", Meta = Meta.Empty.Set("label_source", "model") },
        new() { Id = "c", Text = "hello" },
    ];

    [Fact]
    public void Apply_AnnotationRows_MajorityLabelWithHumanSourceAndProvenance()
    {
        File.WriteAllLines(_file,
        [
            "{\"item\":\"a\",\"annotator\":\"w1\",\"label\":\"card_arrival\"}",
            "{\"item\":\"a\",\"annotator\":\"w2\",\"label\":\"card_arrival\"}",
            "{\"item\":\"a\",\"annotator\":\"w3\",\"label\":\"lost_card\"}",
            "{\"item\":\"a\",\"annotator\":\"model:winnow\",\"label\":\"lost_card\",\"prediction\":true}",
            "{\"item\":\"b\",\"annotator\":\"w1\",\"label\":\"top_up_failed\"}",
            "{\"item\":\"zz\",\"annotator\":\"w1\",\"label\":\"x\"}",
        ]);
        var step = new ApplyStep(new ApplyOptions { Results = _file }, new ResultsFileSource(_file, "majority"));
        var plan = step.Plan(new Source(Records), default);
        var output = StepHarness.Run(plan, Records);
        Assert.Equal("card_arrival", output[0].Label);
        Assert.Equal("human", output[0].Meta.GetString("label_source"));
        Assert.Equal(3, output[0].Meta["annotators"].GetInt32());
        Assert.Equal(0.6667, output[0].Meta["label_confidence"].GetDouble());
        Assert.False(output[0].Meta.ContainsKey("label_route"));
        Assert.Contains(output[0].Provenance.Steps, s => s.StartsWith("annotate.apply from ", StringComparison.Ordinal));
        Assert.Equal("top_up_failed", output[1].Label);
        Assert.Equal("top_up_reverted", output[1].Meta.GetString("original_label"));
        Assert.Equal(Records[2], output[2]);
        var details = ((Winnow.Core.Steps.IStepDetails)plan).Details["decisions"];
        Assert.Equal((3L, 2L, 1L), (details["in_source"], details["matched"], details["unknown_ids"]));
    }

    [Fact]
    public void Apply_DecidedLabels_TakesLabelAndConfidence()
    {
        File.WriteAllLines(_file, ["{\"item\":\"c\",\"label\":\"greeting\",\"confidence\":0.93,\"votes\":4,\"method\":\"dawid-skene\"}"]);
        var step = new ApplyStep(new ApplyOptions { Results = _file }, new ResultsFileSource(_file, "majority"));
        var output = StepHarness.Run(step, Records);
        Assert.Equal("greeting", output[2].Label);
        Assert.Equal(0.93, output[2].Meta["label_confidence"].GetDouble());
        Assert.Equal(4, output[2].Meta["annotators"].GetInt32());
    }

    private sealed class Source(IReadOnlyList<Record> records) : Winnow.Core.Steps.IRecordSource
    {
        public long? Count => records.Count;
        public IEnumerable<Record> Read(CancellationToken cancellationToken = default) => records;
    }
}
