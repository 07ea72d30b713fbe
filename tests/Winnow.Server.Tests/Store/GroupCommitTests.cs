using Winnow.Core;
using Winnow.Server.Store;
using Winnow.Server.Tests.Infrastructure;

namespace Winnow.Server.Tests.Store;

/// <summary>SQLite's writes share commits (group commit); each still succeeds or fails on its own.</summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task ManyWritesAtOnce_OneFails_OthersStoredAndFewerCommitsThanWrites()
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync("sqlite", folder);
        store.Timings.Clear();
        var writes = Enumerable.Range(0, 100).Select(i => store.AddAnnotatorAsync(i == 50 ? "w0" : $"w{i}", Roles.Annotator)).ToList();
        var failed = await Assert.ThrowsAsync<WinnowException>(() => writes[50]); // the name is taken: that write alone fails
        Assert.Contains("exists already", failed.Message, StringComparison.Ordinal);
        foreach (var (w, i) in writes.Select((w, i) => (w, i)).Where(x => x.i != 50)) Assert.Equal($"w{i}", (await w).Annotator.Name);

        var people = await LabelStore.OpenAsync(Stores.NewDb("sqlite", folder)).ContinueWith(t => t.Result.AnnotatorsAsync()).Unwrap();
        Assert.Equal(99, people.Count);
        var commits = store.Timings.Snapshot().Single(t => t.Name == "commit").Count;
        Assert.True(commits < 100, $"{commits} commits for 100 writes");
    }

    [Fact]
    public async Task WriteThatThrowsAfterWriting_ItsChangesRolledBack_OthersInTheGroupKept()
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync("sqlite", folder);
        var project = await store.UpsertProjectAsync("p", ProjectKinds.Label, ["a", "b"], 1, 0);
        await store.AddItemsAsync(project, [new NewItem("x", "x", "{}", null, []), new NewItem("y", "y", "{}", null, [], LabelSet: ["b"])]);
        var (admin, _) = await store.AddAnnotatorAsync("adm", Roles.Admin);
        var ids = (await store.SearchAsync(project, new SearchQuery())).Select(s => s.Id).ToList();
        // Bulk "a" labels x, then fails on y (its label set is only "b"): x's label must not survive. Other writes queued with it commit.
        var bulk = store.BulkLabelAsync(ids, admin.Id, "a");
        var others = Enumerable.Range(0, 10).Select(i => store.AddAnnotatorAsync($"w{i}", Roles.Annotator)).ToList();
        await Assert.ThrowsAsync<ArgumentException>(() => bulk);
        await Task.WhenAll(others);
        var after = await store.SearchAsync(project, new SearchQuery());
        Assert.All(after, s => Assert.Null(s.Decided));
        Assert.Equal(0, (await store.InvariantsAsync(project)).Annotations);
        Assert.Equal(11, (await store.AnnotatorsAsync()).Count);
    }
}
