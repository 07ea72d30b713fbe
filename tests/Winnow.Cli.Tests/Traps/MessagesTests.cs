using System.Diagnostics;

namespace Winnow.Cli.Tests.Traps;

/// <summary>Issue #15, trap 7: the messages a new user meets when something is off say what and what to do.</summary>
[Collection(CliCollection.Name)]
public sealed class MessagesTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public MessagesTests() => _dir.WriteLines("data.jsonl", "{\"text\":\"one\",\"label\":\"a\"}", "{\"text\":\"two\",\"label\":\"b\"}");

    public void Dispose() => _dir.Dispose();

    private string P(string name) => Path.Combine(_dir.Path, name);

    [Fact]
    public void Run_MissingInput_RecipeErrorWithLineAndResolvedPath()
    {
        _dir.WriteLines("r.yaml", "inputs:", "  - path: nothere.jsonl", "outputs:", "  - path: o.jsonl");
        var r = CliRunner.Run("run", P("r.yaml"), "--output", P("o"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("r.yaml:2", r.Err);
        Assert.Contains(P("nothere.jsonl"), r.Err);
    }

    [Fact]
    public void Run_FormatNotFromName_RecipeErrorBeforeReading()
    {
        _dir.WriteLines("data.dat", "x");
        _dir.WriteLines("r.yaml", "inputs:", "  - path: data.dat", "outputs:", "  - path: o.jsonl");
        var r = CliRunner.Run("run", P("r.yaml"), "--output", P("o"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("r.yaml:2: 'inputs[0].format'", r.Err);
        Assert.False(Directory.Exists(P("o")));
    }

    [Fact]
    public void Run_MissingMappedField_ListsTheRowsFields()
    {
        _dir.WriteLines("r.yaml", "inputs:", "  - path: data.jsonl", "    fields: {text: body}", "outputs:", "  - path: o.jsonl");
        var r = CliRunner.Run("run", P("r.yaml"), "--output", P("o"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("field 'body': the mapped field is missing; the row has the fields 'text', 'label'", r.Err);
    }

    [Fact]
    public void Run_RaggedCsvRow_MentionsOnErrorSkip()
    {
        _dir.WriteLines("d.csv", "text,label", "a,b", "c,d,e");
        _dir.WriteLines("r.yaml", "inputs:", "  - path: d.csv", "outputs:", "  - path: o.jsonl");
        var r = CliRunner.Run("run", P("r.yaml"), "--output", P("o"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("d.csv:3", r.Err);
        Assert.Contains("on_error: skip", r.Err);
    }

    [Fact]
    public void Run_PrintsWhereTheReportIs()
    {
        _dir.WriteLines("r.yaml", "inputs:", "  - path: data.jsonl", "outputs:", "  - path: o.jsonl");
        var r = CliRunner.Run("run", P("r.yaml"), "--output", P("o"));
        Assert.Contains($"report: {P("o/report.html")}", r.Out);
    }

    [Fact]
    public void RunHelp_ListsTheSteps()
    {
        var r = CliRunner.Run("run", "--help");
        Assert.Contains("pii.redact", r.Out);
        Assert.Contains("dedup.minhash", r.Out);
    }

    [Fact]
    public void Winnow_Alone_ShowsTheHelp()
    {
        var r = CliRunner.RunMain();
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Usage:", r.Out);
        Assert.Contains("run", r.Out);
    }

    [Fact]
    public void UnknownCommand_DidYouMean()
    {
        var r = CliRunner.RunMain("rnu", "x.yaml");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("did you mean 'run'?", r.Err);
    }

    [Fact]
    public void InspectEmbed_UnknownOption_IsAnError()
    {
        // (--adapter is an option since Fine-tuning II; a misspelt one must not become two more texts)
        var r = CliRunner.RunMain("inspect", "embed", "--adaptor", "DIR", "TEXT");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown option '--adaptor'", r.Err);
        Assert.DoesNotContain("[384]", r.Out);
    }

    [Fact]
    public void Resume_ChangedSeed_NamesWhatChanged()
    {
        var lines = Enumerable.Range(0, 3000).Select(i => $"{{\"text\":\"record {i}\",\"label\":\"a\"}}").ToArray();
        _dir.WriteLines("big.jsonl", lines);
        _dir.WriteLines("r.yaml", "chunk_size: 1000", "inputs:", "  - path: big.jsonl", "outputs:", "  - path: o.jsonl");
        var recipe = Core.Recipes.RecipeLoader.Load(P("r.yaml"), Composition.Steps());
        Assert.Throws<Core.Running.RunStoppedException>(() =>
            new Core.Running.Runner(recipe, new Core.Running.RunOptions { OutputDirectory = P("o"), StopAfterChunks = 1 }).Run());
        var r = CliRunner.Run("run", P("r.yaml"), "--output", P("o"), "--resume", "--seed", "9");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("the seed changed (42 then, 9 now)", r.Err);
    }

    [Fact]
    public void Run_Interrupted_Exit130WithHowToContinue()
    {
        var lines = Enumerable.Range(0, 400_000).Select(i => $"{{\"text\":\"record number {i} with a few more words in it\",\"label\":\"c{i % 5}\"}}").ToArray();
        _dir.WriteLines("big.jsonl", lines);
        _dir.WriteLines("r.yaml", "chunk_size: 2000", "inputs:", "  - path: big.jsonl", "steps:", "  - normalize: {}", "  - dedup.exact: {}", "outputs:", "  - path: o.jsonl");
        var dll = Path.Combine(AppContext.BaseDirectory, "winnow.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "run", P("r.yaml"), "--output", P("o")])
            { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(start)!;
        var err = new System.Text.StringBuilder();
        var started = new ManualResetEventSlim();
        p.ErrorDataReceived += (_, e) => { if (e.Data is null) return; lock (err) err.AppendLine(e.Data); if (e.Data.Contains("started")) started.Set(); };
        p.BeginErrorReadLine();
        _ = p.StandardOutput.ReadToEndAsync();
        Assert.True(started.Wait(TimeSpan.FromSeconds(60)), "the run did not start");
        Thread.Sleep(300);
        using (var kill = Process.Start("kill", ["-INT", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill!.WaitForExit();
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(60)));
        p.WaitForExit();
        string text;
        lock (err) text = err.ToString();
        if (p.ExitCode == 0) return; // finished before the signal arrived: nothing to check
        Assert.True(p.ExitCode == 130, text);
        Assert.Contains("interrupted", text);
        Assert.Contains("--resume", text);
        Assert.Equal(0, CliRunner.Run("run", P("r.yaml"), "--output", P("o"), "--resume").ExitCode);
        Assert.Equal(400_000, File.ReadLines(P("o/o.jsonl")).Count());
    }

    // Trap 9: the summary table does not wrap an input's path into 20-character pieces.
    [Fact]
    public void Run_SummaryKeepsLongInputPathsWhole()
    {
        var name = "a_rather_long_folder_name_for_data/and_a_long_file_name_too.jsonl";
        _dir.WriteLines(name, "{\"text\":\"one\"}");
        _dir.WriteLines("r.yaml", "inputs:", $"  - path: {name}", "outputs:", "  - path: o.jsonl");
        var r = CliRunner.Run("run", P("r.yaml"), "--output", P("o"));
        Assert.Contains(name, r.Out);
    }
}
