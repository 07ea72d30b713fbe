using System.Text.Json;
using Winnow.Server.Store;
using Winnow.Server.Tests.Infrastructure;

namespace Winnow.Cli.Tests.Commands.Annotate;

/// <summary><c>annotate.apply</c> with <c>store:</c>: a recipe takes people's decisions straight from the labelling app's store, on SQLite and on PostgreSQL.</summary>
[Collection(CliCollection.Name)]
public sealed class ApplyFromStoreTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Run_ApplyFromStore_DecidedLabelsInWithProvenance_TieAndUnlabelledUnchanged(string kind)
    {
        var db = kind == "postgres" ? PostgresCluster.Shared.NewDatabase() : Path.Combine(_dir.Path, "labels.db");
        var store = await LabelStore.OpenAsync(db);
        var project = await store.UpsertProjectAsync("bank", ProjectKinds.Label, ["card_lost", "card_arrival", "refund"], 2, 0);
        await store.AddItemsAsync(project, new[] { "1", "2", "3" }.Select(id => new NewItem(id, "text " + id, "{}", null, [])));
        var (ann, _) = await store.AddAnnotatorAsync("ann", Roles.Annotator);
        var (bob, _) = await store.AddAnnotatorAsync("bob", Roles.Annotator);
        foreach (var (who, labels) in new[] { (ann.Id, new[] { "card_lost", "refund" }), (bob.Id, ["card_lost", "card_arrival"]) })
            foreach (var label in labels)
            {
                var item = await store.NextAsync(project, who);
                await store.AnnotateAsync(item!.Id, who, new AnnotationInput(label, null, 1, null));
            }
        // Item 1: both said card_lost (decided); item 2: refund vs card_arrival (a tie, undecided); item 3: nobody.
        _dir.WriteLines("data.jsonl",
            """{"id":"1","text":"text 1","label":"card_arrival","meta":{"label_source":"model"}}""",
            """{"id":"2","text":"text 2","label":"card_arrival","meta":{"label_source":"model"}}""",
            """{"id":"3","text":"text 3"}""");
        var storeOption = kind == "postgres" ? $"'{db}'" : "labels.db";
        var recipe = _dir.WriteLines("recipe.yaml",
            "inputs: [{path: data.jsonl}]",
            "steps:",
            $"  - annotate.apply: {{store: {storeOption}, project: bank}}",
            "outputs: [{path: out.jsonl}]");
        var result = CliRunner.Run("run", recipe, "--output", Path.Combine(_dir.Path, "out"));
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(Path.Combine(_dir.Path, "out", "out.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("card_lost", lines[0].GetProperty("label").GetString());
        var meta = lines[0].GetProperty("meta");
        Assert.Equal(("human", "card_arrival", 2, 1.0), (meta.GetProperty("label_source").GetString(), meta.GetProperty("original_label").GetString(),
            meta.GetProperty("annotators").GetInt32(), meta.GetProperty("label_confidence").GetDouble()));
        Assert.Contains("annotate.apply from store ", lines[0].GetProperty("provenance").GetRawText(), StringComparison.Ordinal);
        Assert.Contains(", project bank", lines[0].GetProperty("provenance").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(("card_arrival", "model"), (lines[1].GetProperty("label").GetString(), lines[1].GetProperty("meta").GetProperty("label_source").GetString()));
        Assert.False(lines[2].TryGetProperty("label", out _));
        Assert.Contains("\"matched\":1", File.ReadAllText(Path.Combine(_dir.Path, "out", "manifest.json")).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ApplyWithStoreAndResults_ExitsTwoNamingTheKey()
    {
        _dir.WriteLines("data.jsonl", """{"id":"1","text":"a"}""");
        var recipe = _dir.WriteLines("recipe.yaml", "inputs: [{path: data.jsonl}]", "steps:", "  - annotate.apply: {store: labels.db, results: people.jsonl}", "outputs: [{path: out.jsonl}]");
        var result = CliRunner.Run("run", recipe, "--output", Path.Combine(_dir.Path, "out"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not both", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ApplyFromStoreWithoutTheProject_ExitsTwoNamingIt()
    {
        LabelStore.OpenAsync(Path.Combine(_dir.Path, "labels.db")).GetAwaiter().GetResult();
        _dir.WriteLines("data.jsonl", """{"id":"1","text":"a"}""");
        var recipe = _dir.WriteLines("recipe.yaml", "inputs: [{path: data.jsonl}]", "steps:", "  - annotate.apply: {store: labels.db, project: nope}", "outputs: [{path: out.jsonl}]");
        var result = CliRunner.Run("run", recipe, "--output", Path.Combine(_dir.Path, "out"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no project 'nope'", result.Err, StringComparison.Ordinal);
    }
}
