using Winnow.Server.Store;
using Winnow.Server.Tests.Infrastructure;

namespace Winnow.Server.Tests.Store;

/// <summary>The per-request lookups (token owner, project) are cached briefly; nothing stale outlives a change.</summary>
public sealed class LookupCacheTests
{
    private sealed record Box(int Value);

    [Fact]
    public async Task GetAsync_SecondCallWithinLifetime_LoadsOnce()
    {
        var cache = new LookupCache<string, Box>(TimeSpan.FromMinutes(1));
        var loads = 0;
        Task<Box?> Load() => Task.FromResult<Box?>(new Box(++loads));
        Assert.Equal(1, (await cache.GetAsync("a", Load))!.Value);
        Assert.Equal(1, (await cache.GetAsync("a", Load))!.Value);
        Assert.Equal(2, (await cache.GetAsync("b", Load))!.Value);
    }

    [Fact]
    public async Task GetAsync_NotFound_NotKept()
    {
        var cache = new LookupCache<string, Box>(TimeSpan.FromMinutes(1));
        var loads = 0;
        Assert.Null(await cache.GetAsync("a", () => { loads++; return Task.FromResult<Box?>(null); }));
        Assert.Equal(7, (await cache.GetAsync("a", () => { loads++; return Task.FromResult<Box?>(new Box(7)); }))!.Value);
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task GetAsync_AfterLifetime_LoadsAgain()
    {
        var cache = new LookupCache<string, Box>(TimeSpan.FromMilliseconds(50));
        var loads = 0;
        Task<Box?> Load() => Task.FromResult<Box?>(new Box(++loads));
        await cache.GetAsync("a", Load);
        await Task.Delay(120);
        Assert.Equal(2, (await cache.GetAsync("a", Load))!.Value);
    }

    [Fact]
    public async Task Clear_WhileALoadIsInFlight_ItsValueIsNotKept()
    {
        var cache = new LookupCache<string, Box>(TimeSpan.FromMinutes(1));
        var gate = new TaskCompletionSource<Box?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = cache.GetAsync("a", () => gate.Task); // read before the change
        cache.Clear();                                        // the change commits
        gate.SetResult(new Box(1));
        Assert.Equal(1, (await inFlight)!.Value);
        Assert.Equal(2, (await cache.GetAsync("a", () => Task.FromResult<Box?>(new Box(2))))!.Value);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task FindByTokenAsync_DeactivatedByAnotherProcess_RevokedWithinTheLifetime(string kind)
    {
        using var folder = new TempFolder();
        var db = Stores.NewDb(kind, folder);
        var server = await LabelStore.OpenAsync(db);
        var cli = await LabelStore.OpenAsync(db); // another process on the same database: its change cannot clear the server's cache
        var (who, token) = await server.AddAnnotatorAsync("dan", Roles.Annotator);
        Assert.NotNull(await server.FindByTokenAsync(token));
        await cli.UpdateAnnotatorAsync(who.Id, null, false, who.Id);
        await Task.Delay(LabelStore.LookupLifetime + TimeSpan.FromMilliseconds(200));
        Assert.Null(await server.FindByTokenAsync(token));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task ProjectAsync_ChangedThroughTheStore_SeenAtOnce(string kind)
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync(kind, folder);
        var project = await store.UpsertProjectAsync("p", ProjectKinds.Label, ["a"], 2, 0);
        Assert.Equal(2, (await store.ProjectAsync("p"))!.K);
        Assert.Equal(2, (await store.ProjectAsync(null))!.K);
        await store.UpsertProjectAsync(project.Name, project.Kind, ["b"], 3, 0);
        Assert.Equal(3, (await store.ProjectAsync("p"))!.K);
        Assert.Equal(["a", "b"], (await store.ProjectAsync(null))!.Labels);
    }

    public static TheoryData<string> Kinds => Stores.Kinds;
}
