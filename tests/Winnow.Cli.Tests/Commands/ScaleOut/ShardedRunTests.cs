using Winnow.Core;
using Winnow.Core.Running;
using Winnow.Core.Running.Sharding;

namespace Winnow.Cli.Tests.Commands.ScaleOut;

public sealed class ShardedRunTests : IDisposable
{
    private readonly TempFolder _dir = new();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Run_NShards_SameBytesAsOneProcess(int shards)
    {
        var recipe = ScaleOutData.Write(_dir, ScaleOutData.FullRecipe);
        var one = new Runner(ScaleOutData.Load(recipe), new RunOptions { OutputDirectory = Path.Combine(_dir.Path, "one") }).Run();
        var sharded = ScaleOutData.RunSharded(recipe, Path.Combine(_dir.Path, "sharded"), shards);

        var expected = ScaleOutData.Hashes(Path.Combine(_dir.Path, "one"));
        Assert.Equal(expected, ScaleOutData.Hashes(Path.Combine(_dir.Path, "sharded")));
        // The run did something worth comparing: every kind of drop, a malformed line, a split, the parts gone.
        Assert.Contains("rejects/input.jsonl", expected.Keys);
        Assert.Contains("rejects/dedup.exact.jsonl", expected.Keys);
        Assert.Contains("rejects/balance.jsonl", expected.Keys);
        Assert.Contains("test/data.csv", expected.Keys);
        Assert.Equal(one.Manifest.Steps.Select(s => s.Out), sharded.Manifest.Steps.Select(s => s.Out));
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "sharded", ".winnow")));
    }

    [Fact]
    public void RunTask_MarkedDone_IsSkippedAndOnlyUnfinishedShardsRemain()
    {
        var recipe = ScaleOutData.Write(_dir, ScaleOutData.OneStageRecipe);
        var output = Path.Combine(_dir.Path, "out");
        var run = new ShardedRun(ScaleOutData.Load(recipe), new RunOptions { OutputDirectory = output }, 3);
        run.RunTask(0, 0);
        run.RunTask(0, 2);
        Assert.Equal([1], run.Unfinished(0));
        var part = Directory.EnumerateFiles(output, "*.jsonl", SearchOption.AllDirectories).First(f => f.Contains("shard-00000"));
        var written = File.GetLastWriteTimeUtc(part);
        Thread.Sleep(20);
        run.RunTask(0, 0);
        Assert.Equal(written, File.GetLastWriteTimeUtc(part));
        var e = Assert.Throws<WinnowException>(() => run.Merge());
        Assert.Contains("unfinished shards: 1", e.Message);
        run.RunTask(0, 1);
        Assert.Equal(ScaleOutData.Hashes(Run1(recipe)), Hashes(run.Merge().OutputDirectory));
    }

    [Fact]
    public void Plan_BeforeEveryShardOfThePreviousStage_NamesTheMissingShards()
    {
        var recipe = ScaleOutData.Write(_dir, ScaleOutData.FullRecipe);
        var run = new ShardedRun(ScaleOutData.Load(recipe), new RunOptions { OutputDirectory = Path.Combine(_dir.Path, "out") }, 2);
        run.RunTask(0, 1);
        var e = Assert.Throws<WinnowException>(() => run.Plan(1));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("unfinished: 0", e.Message);
    }

    private string Run1(string recipe)
    {
        var dir = Path.Combine(_dir.Path, "one");
        new Runner(ScaleOutData.Load(recipe), new RunOptions { OutputDirectory = dir }).Run();
        return dir;
    }

    private static SortedDictionary<string, string> Hashes(string dir) => ScaleOutData.Hashes(dir);

    public void Dispose() => _dir.Dispose();
}
