using System.Text.Json;
using Winnow.Core.Running;

namespace Winnow.Core.Tests.Running;

public sealed class RunnerTests : IDisposable
{
    private readonly RunFixture _f = new();

    private const string Pipeline = """
        seed: 7
        chunk_size: 100
        inputs:
          - path: data/a.jsonl
          - path: data/b.jsonl
            meta: {split: test}
        steps:
          - test.drop_every: {n: 4}
          - test.first_seen: {}
          - test.twin: {n: 5}
        outputs:
          - path: all.jsonl
          - path: "{split}/data.jsonl"
        """;

    public RunnerTests()
    {
        _f.WriteJsonl("data/a.jsonl", 1_000);
        _f.WriteJsonl("data/b.jsonl", 250, "entry");
    }

    [Fact]
    public void Run_EveryStep_InEqualsOutPlusDroppedMinusCreated()
    {
        var result = _f.Run(Pipeline);

        Assert.Equal(1_250, result.Manifest.Inputs.Sum(i => i.Records));
        foreach (var s in result.Manifest.Steps)
            Assert.Equal(s.In, s.Out + s.Dropped.Values.Sum() - s.Created);
        var drop = result.Manifest.Steps[0];
        Assert.Equal(1_250, drop.In);
        Assert.Equal(312, drop.Dropped["every_nth"]); // indices 3, 7, … below 1,250
        Assert.Equal(result.Manifest.Steps[^1].Out, _f.ReadRecords(_f.Out("out", "all.jsonl")).Count);
    }

    [Fact]
    public void Run_DroppedRecords_AreInRejectsWithTheirReason()
    {
        var result = _f.Run(Pipeline);

        var rejects = File.ReadAllLines(_f.Out("out", "rejects/test.drop_every.jsonl"));
        Assert.Equal(312, rejects.Length);
        using var first = JsonDocument.Parse(rejects[0]);
        Assert.Equal("every_nth", first.RootElement.GetProperty("reason").GetString());
        Assert.Equal("index 3", first.RootElement.GetProperty("detail").GetString());
        Assert.Equal("data/a.jsonl:4", first.RootElement.GetProperty("provenance").GetProperty("source").GetString());
        Assert.Contains(result.Manifest.Rejects, r => r.Path == "rejects/test.first_seen.jsonl" && r.Records == result.Manifest.Steps[1].Dropped["seen_before"]);
    }

    [Fact]
    public void Run_CreatedRecords_FollowTheirParentAndNameIt()
    {
        _f.Run(Pipeline);

        var records = _f.ReadRecords(_f.Out("out", "all.jsonl"));
        var twinAt = records.FindIndex(r => r.Id.EndsWith("-twin", StringComparison.Ordinal));
        Assert.True(twinAt > 0);
        Assert.Equal(records[twinAt - 1].Id + "-twin", records[twinAt].Id);
        Assert.Contains($"test.twin from {records[twinAt - 1].Id}", records[twinAt].Provenance.Steps);
    }

    [Fact]
    public void Run_SplitPlaceholder_WritesOneFilePerSplit()
    {
        var result = _f.Run(Pipeline);

        var test = _f.ReadRecords(_f.Out("out", "test/data.jsonl"));
        var unsplit = _f.ReadRecords(_f.Out("out", "unsplit/data.jsonl"));
        Assert.All(test, r => Assert.Equal("test", r.Meta.GetString("split")));
        Assert.All(test, r => Assert.StartsWith("data/b.jsonl:", r.Provenance.Source));
        Assert.All(unsplit, r => Assert.StartsWith("data/a.jsonl:", r.Provenance.Source));
        Assert.Equal(result.Manifest.Steps[^1].Out, test.Count + unsplit.Count);
    }

    [Fact]
    public void Run_TwiceAndOnOneCore_GivesByteIdenticalOutputs()
    {
        _f.Run(Pipeline, "a");
        _f.Run(Pipeline, "b");
        _f.Run(Pipeline, "c", cores: 1);

        var a = _f.Hashes("a");
        Assert.Contains("manifest.json", a.Keys);
        Assert.Equal(a, _f.Hashes("b"));
        Assert.Equal(a, _f.Hashes("c"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(12)]
    public void Run_StoppedAndResumed_GivesTheSameOutputsAsAnUnbrokenRun(int stopAfter)
    {
        _f.Run(Pipeline, "whole");
        Assert.Throws<RunStoppedException>(() => _f.Run(Pipeline, "broken", stopAfter: stopAfter));
        Assert.True(File.Exists(_f.Out("broken", ".winnow/state.json")));
        Assert.False(File.Exists(_f.Out("broken", "all.jsonl"))); // not renamed into place before the end

        _f.Run(Pipeline, "broken", resume: true);

        Assert.Equal(_f.Hashes("whole"), _f.Hashes("broken"));
        Assert.False(Directory.Exists(_f.Out("broken", ".winnow")));
    }

    [Fact]
    public void Run_DatasetStep_ItsPlanningTimeCountsInItsSecondsAndRunJson()
    {
        _f.WriteJsonl("in.jsonl", 50);
        var result = _f.Run("""
            inputs: [{path: in.jsonl}]
            steps:
              - test.slow_plan: {n: 4}
            outputs: [{path: all.jsonl}]
            """, "slow");
        Assert.True(result.Steps[0].Seconds >= 0.4, $"{result.Steps[0].Seconds} s");
        using var run = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(_f.Out("slow", "run.json")));
        Assert.True(run.RootElement.GetProperty("steps")[0].GetProperty("seconds").GetDouble() >= 0.4);
    }

    [Fact]
    public void Run_DatasetStep_PlansOverTheWholeInputAndResumesInItsPhase()
    {
        var yaml = """
            chunk_size: 50
            inputs: [data/a.jsonl]
            steps:
              - test.drop_every: {n: 2}
              - test.keep_last: {n: 10}
              - test.twin: {n: 3}
            outputs: [kept.jsonl]
            """;
        var whole = _f.Run(yaml, "whole");
        var kept = _f.ReadRecords(_f.Out("whole", "kept.jsonl"));
        Assert.Equal(10 + 4, kept.Count); // the last 10 of 500, plus a twin of indices 0, 3, 6, 9
        Assert.Equal(490, whole.Manifest.Steps[1].Dropped["not_last"]);

        Assert.Throws<RunStoppedException>(() => _f.Run(yaml, "broken", stopAfter: 12)); // 10 chunks in phase 1, 2 in phase 2
        _f.Run(yaml, "broken", resume: true);
        Assert.Equal(_f.Hashes("whole"), _f.Hashes("broken"));
    }

    [Fact]
    public void Run_DatasetStepWithWhere_PlansOverTheMatchingRecordsOnly()
    {
        var yaml = """
            chunk_size: 64
            inputs:
              - data/a.jsonl
              - path: data/b.jsonl
                meta: {split: test}
            steps:
              - test.keep_last: {n: 10, where: {split: [test]}}
            outputs: [kept.jsonl]
            """;
        var result = _f.Run(yaml);
        var kept = _f.ReadRecords(_f.Out("out", "kept.jsonl"));
        Assert.Equal(1_000 + 10, kept.Count);
        Assert.Equal(240, result.Manifest.Steps[0].Dropped["not_last"]);
        Assert.Equal(Enumerable.Range(241, 10).Select(i => $"data/b.jsonl:{i}"), kept.Skip(1_000).Select(r => r.Provenance.Source));
    }

    [Fact]
    public void Run_ResumeWithChangedRecipe_IsRefused()
    {
        Assert.Throws<RunStoppedException>(() => _f.Run(Pipeline, "x", stopAfter: 2));
        var e = Assert.Throws<WinnowException>(() => _f.Run(Pipeline.Replace("seed: 7", "seed: 8"), "x", resume: true));
        Assert.Contains("changed", e.Message);
    }

    [Fact]
    public void Run_ExportStep_WritesTheRecordsAsTheyAreThere()
    {
        var yaml = """
            inputs: [data/b.jsonl]
            steps:
              - export: {path: before.jsonl}
              - test.drop_every: {n: 2}
            outputs: [after.jsonl]
            """;
        _f.Run(yaml);
        Assert.Equal(250, _f.ReadRecords(_f.Out("out", "before.jsonl")).Count);
        Assert.Equal(125, _f.ReadRecords(_f.Out("out", "after.jsonl")).Count);
    }

    [Fact]
    public void Run_MalformedLineWithSkip_GoesToInputRejects()
    {
        _f.Write("data/bad.jsonl", "{\"text\":\"fine\"}\n{\"text\": oops}\n{\"text\":\"also fine\"}\n");
        var yaml = """
            inputs:
              - path: data/bad.jsonl
                on_error: skip
            outputs: [ok.jsonl]
            """;
        var result = _f.Run(yaml);
        Assert.Equal(1, result.Manifest.Inputs[0].Malformed);
        Assert.Equal(2, _f.ReadRecords(_f.Out("out", "ok.jsonl")).Count);
        using var reject = JsonDocument.Parse(File.ReadAllLines(_f.Out("out", "rejects/input.jsonl")).Single());
        Assert.Equal("malformed_input", reject.RootElement.GetProperty("reason").GetString());
        Assert.Equal("data/bad.jsonl:2", reject.RootElement.GetProperty("source").GetString());
    }

    [Fact]
    public void Run_MalformedLineWithFail_StopsNamingFileAndLine()
    {
        _f.Write("data/bad.jsonl", "{\"text\":\"fine\"}\n{\"text\": oops}\n");
        var e = Assert.Throws<InputException>(() => _f.Run("inputs: [data/bad.jsonl]\noutputs: [ok.jsonl]\n"));
        Assert.Equal(2, e.Line);
        Assert.Contains("data/bad.jsonl:2", e.Message);
    }

    [Fact]
    public void Run_MissingInput_SaysWhichFile()
    {
        var e = Assert.ThrowsAny<WinnowException>(() => _f.Run("inputs: [data/nope.jsonl]\noutputs: [ok.jsonl]\n"));
        Assert.Contains("nope.jsonl", e.Message);
    }

    [Fact]
    public void Run_UnwritableOutputFolder_SaysSo()
    {
        var blocker = _f.Write("blocker", "a file where a folder should be");
        var e = Assert.Throws<WinnowException>(() => new Runner(_f.Recipe("inputs: [data/b.jsonl]\noutputs: [ok.jsonl]\n"),
            new RunOptions { OutputDirectory = Path.Combine(blocker, "out") }).Run());
        Assert.Contains("cannot write to the output folder", e.Message);
    }

    public void Dispose() => _f.Dispose();
}
