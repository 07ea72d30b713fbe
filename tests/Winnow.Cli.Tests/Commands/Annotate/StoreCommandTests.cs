using System.Text;
using System.Text.Json;
using Winnow.Server.Store;

namespace Winnow.Cli.Tests.Commands.Annotate;

/// <summary><c>winnow annotate users | load | export</c> against a real SQLite label store.</summary>
[Collection(CliCollection.Name)]
public sealed class StoreCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "labels.db");

    [Fact]
    public void UsersAdd_PrintsTokenOnce_StoreKeepsOnlyItsHash()
    {
        var result = CliRunner.Run("annotate", "users", "add", "ann", "--role", "reviewer", "--db", Db);
        Assert.True(result.ExitCode == 0, result.ToString());
        var token = result.Out.Trim();
        Assert.StartsWith("wn_", token, StringComparison.Ordinal);
        var store = LabelStore.OpenAsync(Db).GetAwaiter().GetResult();
        Assert.Equal(("ann", "reviewer"), store.FindByTokenAsync(token).GetAwaiter().GetResult() is { } a ? (a.Name, a.Role) : default);
        var bytes = Directory.GetFiles(_dir.Path, "labels.db*").SelectMany(File.ReadAllBytes).ToArray();
        Assert.DoesNotContain(token, Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        Assert.Contains("ann\treviewer\tactive", CliRunner.Run("annotate", "users", "list", "--db", Db).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void UsersAdd_UnknownRoleOrTakenName_ExitsTwo()
    {
        Assert.Equal(2, CliRunner.Run("annotate", "users", "add", "ann", "--role", "boss", "--db", Db).ExitCode);
        Assert.Equal(0, CliRunner.Run("annotate", "users", "add", "ann", "--db", Db).ExitCode);
        var again = CliRunner.Run("annotate", "users", "add", "ann", "--db", Db);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("exists already", again.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadThenExport_SuggestionsIssueAndHumanLabel_EveryRecordBackWithDecidedLabel()
    {
        var file = _dir.WriteLines("bank.jsonl",
            """{"id":"a","text":"where is my card","label":"card_arrival","meta":{"label_source":"model","label_confidence":0.62}}""",
            """{"id":"b","text":"my card is lost","label":"card_arrival","meta":{"label_issue":true,"suggested_label":"card_lost","label_quality":0.1}}""",
            """{"id":"c","text":"refund please","meta":{"suggestions":[{"label":"refund","confidence":0.9,"source":"rule"}],"topic":"refunds"}}""");
        var load = CliRunner.Run("annotate", "load", file, "--db", Db, "--k", "1");
        Assert.True(load.ExitCode == 0, load.ToString());
        Assert.Contains("3 items added", load.Err, StringComparison.Ordinal);
        Assert.Contains("0 items added", CliRunner.Run("annotate", "load", file, "--db", Db).Err, StringComparison.Ordinal);

        var store = LabelStore.OpenAsync(Db).GetAwaiter().GetResult();
        var project = store.ProjectAsync("bank").GetAwaiter().GetResult()!;
        Assert.Equal(["card_arrival", "card_lost", "refund"], project.Labels);
        var (ann, _) = store.AddAnnotatorAsync("ann", Roles.Annotator).GetAwaiter().GetResult();
        var first = store.NextAsync(project, ann.Id).GetAwaiter().GetResult()!;
        Assert.Equal("b", first.ExtId); // the label issue comes first
        Assert.True(first.LabelIssue);
        Assert.Equal(("card_lost", "label_issue"), (first.Suggestions[0].Label, first.Suggestions[0].Source));
        store.AnnotateAsync(first.Id, ann.Id, new AnnotationInput("card_lost", null, 3, null)).GetAwaiter().GetResult();
        Assert.Equal(["refunds"], store.SearchAsync(project, new SearchQuery(Cluster: "refunds")).GetAwaiter().GetResult().Select(s => s.Cluster));

        var output = Path.Combine(_dir.Path, "out.jsonl");
        var export = CliRunner.Run("annotate", "export", "--db", Db, "--project", "bank", "-o", output);
        Assert.True(export.ExitCode == 0, export.ToString());
        var lines = File.ReadAllLines(output);
        Assert.Equal(3, lines.Length);
        using var b = JsonDocument.Parse(lines[1]);
        Assert.Equal("card_lost", b.RootElement.GetProperty("label").GetString());
        Assert.Equal("human", b.RootElement.GetProperty("meta").GetProperty("label_source").GetString());
        Assert.Equal("ann", b.RootElement.GetProperty("meta").GetProperty("annotation").GetProperty("votes")[0].GetProperty("annotator").GetString());
        using var a = JsonDocument.Parse(lines[0]);
        Assert.Equal("card_arrival", a.RootElement.GetProperty("label").GetString()); // undecided: the record's own label, kept
        Assert.Equal("unlabelled", a.RootElement.GetProperty("meta").GetProperty("annotation").GetProperty("status").GetString());
        Assert.Single(File.ReadAllLines(output), l => l.Contains("\"label_source\":\"human\"", StringComparison.Ordinal));
        var decided = Path.Combine(_dir.Path, "decided.jsonl");
        CliRunner.Run("annotate", "export", "--db", Db, "-o", decided, "--decided-only");
        Assert.Single(File.ReadAllLines(decided));
    }

    [Fact]
    public void Load_SpansRecords_SpansProjectWithPreLabelledSpans()
    {
        var file = _dir.WriteLines("ner.jsonl",
            """{"id":"s1","text":"Alice flew to Paris","spans":[{"start":0,"end":5,"label":"person"},{"start":14,"end":19,"label":"location"}]}""",
            """{"id":"s2","text":"nothing here"}""");
        var load = CliRunner.Run("annotate", "load", file, "--db", Db);
        Assert.True(load.ExitCode == 0, load.ToString());
        var store = LabelStore.OpenAsync(Db).GetAwaiter().GetResult();
        var project = store.ProjectAsync("ner").GetAwaiter().GetResult()!;
        Assert.True(project.IsSpans);
        Assert.Equal(["location", "person"], project.Labels);
        var (ann, _) = store.AddAnnotatorAsync("ann", Roles.Annotator).GetAwaiter().GetResult();
        var item = store.NextAsync(project, ann.Id).GetAwaiter().GetResult()!;
        Assert.Equal([new Span(0, 5, "person"), new Span(14, 19, "location")], item.Suggestions.Single().Spans);
    }

    [Fact]
    public void Load_SpanOutsideText_ExitsOneNamingFileAndLine()
    {
        var file = _dir.WriteLines("bad.jsonl", """{"id":"ok","text":"fine","label":"x"}""", """{"id":"bad","text":"short","spans":[{"start":0,"end":50,"label":"person"}]}""");
        var result = CliRunner.Run("annotate", "load", file, "--db", Db);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.jsonl:2", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_NoSuchProject_ExitsTwo()
    {
        CliRunner.Run("annotate", "users", "add", "ann", "--db", Db);
        var result = CliRunner.Run("annotate", "export", "--db", Db, "--project", "nope");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no project 'nope'", result.Err, StringComparison.Ordinal);
    }
}
