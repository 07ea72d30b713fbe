using Winnow.Server.Store;

namespace Winnow.Server.Tests.Infrastructure;

/// <summary>Each store test runs on both stores: a fresh SQLite file and a fresh PostgreSQL database.</summary>
internal static class Stores
{
    public static TheoryData<string> Kinds => new() { "sqlite", "postgres" };

    /// <summary>A <c>--db</c> value for a new, empty store of that kind.</summary>
    public static string NewDb(string kind, TempFolder folder) =>
        kind == "postgres" ? PostgresCluster.Shared.NewDatabase() : Path.Combine(folder.Path, "labels.db");

    public static Task<LabelStore> OpenAsync(string kind, TempFolder folder) => LabelStore.OpenAsync(NewDb(kind, folder));

    public static async Task<(Project Project, Annotator Ann, Annotator Bob, Annotator Admin)> SeedAsync(LabelStore store, int items = 10, int k = 2,
        int goldEvery = 0, string kind = ProjectKinds.Label)
    {
        var labels = kind == ProjectKinds.Spans ? new[] { "PER", "LOC" } : ["card_lost", "card_arrival", "refund"];
        var project = await store.UpsertProjectAsync("p", kind, labels, k, goldEvery);
        await store.AddItemsAsync(project, Enumerable.Range(0, items).Select(i => new NewItem(
            $"r{i}", $"text number {i} about cards", $$"""{"id":"r{{i}}","text":"text number {{i}} about cards"}""", null,
            [new Suggestion(labels[i % labels.Length], 0.5 + i / 100.0, "model")])));
        var (ann, _) = await store.AddAnnotatorAsync("ann", Roles.Annotator);
        var (bob, _) = await store.AddAnnotatorAsync("bob", Roles.Annotator);
        var (admin, _) = await store.AddAnnotatorAsync("root", Roles.Admin);
        return (project, ann, bob, admin);
    }
}

internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("winnow-server-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
