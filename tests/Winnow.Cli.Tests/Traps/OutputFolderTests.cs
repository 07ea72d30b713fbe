namespace Winnow.Cli.Tests.Traps;

/// <summary>Issue #15, trap 6: one policy for output folders (run and train), and outputs that stay inside them.</summary>
[Collection(CliCollection.Name)]
public sealed class OutputFolderTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public OutputFolderTests()
    {
        _dir.WriteLines("data.jsonl", [.. Enumerable.Range(0, 50).Select(i => $"{{\"text\":\"record {i}\",\"label\":\"a\"}}")]);
        _dir.WriteLines("a.yaml", "name: a", "inputs:", "  - path: data.jsonl", "outputs:", "  - path: a.jsonl");
        _dir.WriteLines("b.yaml", "name: b", "inputs:", "  - path: data.jsonl", "outputs:", "  - path: b.jsonl");
    }

    public void Dispose() => _dir.Dispose();

    private string P(string name) => Path.Combine(_dir.Path, name);

    [Fact]
    public void Run_FolderOfAnotherRecipe_RefusedWithWhatToDo_ForceReplacesIt()
    {
        Assert.Equal(0, CliRunner.Run("run", P("a.yaml"), "--output", P("o")).ExitCode);
        var r = CliRunner.Run("run", P("b.yaml"), "--output", P("o"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("holds a finished run of recipe 'a'", r.Err);
        Assert.Contains("--force", r.Err);

        var forced = CliRunner.Run("run", P("b.yaml"), "--output", P("o"), "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.False(File.Exists(P("o/a.jsonl")), "--force clears the other run's files");
        Assert.True(File.Exists(P("o/b.jsonl")));
    }

    [Fact]
    public void Run_SameRecipeAgain_LeavesNoFileOfTheLastRun()
    {
        _dir.WriteLines("c.yaml", "name: c", "inputs:", "  - path: data.jsonl", "steps:", "  - filter.length: {min_chars: 9}", "outputs:", "  - path: c.jsonl");
        Assert.Equal(0, CliRunner.Run("run", P("c.yaml"), "--output", P("o")).ExitCode);
        Assert.True(File.Exists(P("o/rejects/filter.length.jsonl")));
        Assert.Equal(0, CliRunner.Run("run", P("c.yaml"), "--output", P("o"), "--seed", "7").ExitCode);
        Assert.True(File.Exists(P("o/c.jsonl")));
    }

    [Fact]
    public void Run_UnfinishedRun_RefusedNamingResume()
    {
        Directory.CreateDirectory(P("o/.winnow"));
        File.WriteAllText(P("o/.winnow/state.json"), "{}");
        var r = CliRunner.Run("run", P("a.yaml"), "--output", P("o"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("holds an unfinished run", r.Err);
        Assert.Contains("--resume", r.Err);
    }

    [Fact]
    public void Run_FolderWithOtherFiles_Refused()
    {
        _dir.WriteLines("o/thesis.tex", "precious");
        var r = CliRunner.Run("run", P("a.yaml"), "--output", P("o"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("thesis.tex", r.Err);
        Assert.True(File.Exists(P("o/thesis.tex")));
    }

    [Theory]
    [InlineData("../escaped.jsonl")]
    [InlineData("/tmp/escaped.jsonl")]
    [InlineData("sub/../../escaped.jsonl")]
    public void Run_OutputPathOutsideTheFolder_RecipeError(string path)
    {
        _dir.WriteLines("e.yaml", "inputs:", "  - path: data.jsonl", "outputs:", $"  - path: {path}");
        var r = CliRunner.Run("run", P("e.yaml"), "--output", P("o"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("e.yaml:4", r.Err);
        Assert.Contains("outside the output folder", r.Err);
    }

    [Fact]
    public void Run_FailedRun_LeavesNoEmptyWorkFolder()
    {
        _dir.WriteLines("bad.jsonl", "{\"text\":\"ok\"}", "{oops}");
        _dir.WriteLines("bad.yaml", "inputs:", "  - path: bad.jsonl", "outputs:", "  - path: o.jsonl");
        var r = CliRunner.Run("run", P("bad.yaml"), "--output", P("o"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("on_error: skip", r.Err);
        Assert.False(Directory.Exists(P("o/.winnow")));
        Assert.False(Directory.Exists(P("o")));
    }

    [Fact]
    public void Train_FinishedTraining_RefusedWithoutForce()
    {
        Directory.CreateDirectory(P("t/final"));
        Directory.CreateDirectory(P("t/checkpoint"));
        _dir.WriteLines("train.yaml", "data: {train: data.jsonl}", $"output: {P("t")}");
        var r = CliRunner.Run("train", P("train.yaml"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("holds a finished training", r.Err);
        Assert.Contains("--force", r.Err);
    }

    [Fact]
    public void Train_UnfinishedTraining_RefusedNamingResume()
    {
        Directory.CreateDirectory(P("t/checkpoint"));
        _dir.WriteLines("train.yaml", "data: {train: data.jsonl}", $"output: {P("t")}");
        var r = CliRunner.Run("train", P("train.yaml"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("unfinished training", r.Err);
        Assert.Contains("--resume", r.Err);
    }
}
