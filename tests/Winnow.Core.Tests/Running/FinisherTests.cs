using Winnow.Core.Running;

namespace Winnow.Core.Tests.Running;

public sealed class FinisherTests : IDisposable
{
    private readonly RunFixture _f = new();

    private const string Pipeline = """
        name: finish
        chunk_size: 40
        inputs:
          - path: in.jsonl
        steps:
          - test.drop_every: {n: 4}
          - test.first_seen: {}
          - test.keep_last: {n: 150}
        outputs:
          - path: all.jsonl
          - path: "{split}/data.csv"
          - path: all.parquet
        """;

    private sealed class Killed(string at) : Exception($"killed before {at}");

    [Fact]
    public void Finish_KilledAtEveryMoveAndWrite_ResumeGivesTheBytesOfAnUnbrokenRun()
    {
        _f.WriteJsonl("in.jsonl", 300);
        _f.Run(Pipeline, "whole");
        var expected = _f.Hashes("whole");
        var points = new List<string>();
        Run("probe", at => points.Add(at));
        // outputs (3), rejects (2), manifest, card, report, run.json, the work folder
        Assert.True(points.Count >= 10, string.Join(", ", points));

        for (var k = 0; k < points.Count; k++)
        {
            var output = $"k{k}";
            var calls = 0;
            var e = Assert.Throws<Killed>(() => Run(output, at => { if (calls++ == k) throw new Killed(at); }));
            Assert.Contains(points[k], e.Message);
            Assert.True(File.Exists(_f.Out(output, ".winnow/state.json")), $"{points[k]}: no checkpoint left");

            _f.Run(Pipeline, output, resume: true);
            Assert.Equal(expected, _f.Hashes(output));
            Assert.False(Directory.Exists(_f.Out(output, ".winnow")), points[k]);
        }
    }

    private void Run(string output, Action<string> fault) =>
        new Runner(_f.Recipe(Pipeline), new RunOptions { OutputDirectory = Path.Combine(_f.Root, output), FinishFault = fault }).Run();

    public void Dispose() => _f.Dispose();
}
