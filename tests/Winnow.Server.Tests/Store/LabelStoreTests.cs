using Winnow.Server.Store;
using Winnow.Server.Tests.Infrastructure;

namespace Winnow.Server.Tests.Store;

public sealed class LabelStoreTests
{
    [Theory, MemberData(nameof(Kinds))]
    public async Task OpenAsync_Twice_AppliesMigrationsOnce(string kind)
    {
        using var folder = new TempFolder();
        var db = Stores.NewDb(kind, folder);
        var first = await LabelStore.OpenAsync(db);
        await first.UpsertProjectAsync("p", ProjectKinds.Label, ["a"], 1, 0);
        var second = await LabelStore.OpenAsync(db);
        Assert.Single(await second.ProjectsAsync());
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task NextAsync_LeastConfidentFirst_SameItemUntilAnswered(string kind)
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync(kind, folder);
        var (project, ann, _, _) = await Stores.SeedAsync(store);
        var first = await store.NextAsync(project, ann.Id);
        Assert.Equal("r0", first!.ExtId); // confidence 0.50 is the lowest
        Assert.Equal("r0", (await store.NextAsync(project, ann.Id))!.ExtId);
        Assert.Equal(AnnotateStatus.Created, (await store.AnnotateAsync(first.Id, ann.Id, new("card_lost", null, 1.5, null))).Status);
        Assert.Equal("r1", (await store.NextAsync(project, ann.Id))!.ExtId);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task NextAsync_KReached_ItemGoesToNoOneElse(string kind)
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync(kind, folder);
        var (project, ann, bob, admin) = await Stores.SeedAsync(store, items: 1, k: 2);
        Assert.NotNull(await store.NextAsync(project, ann.Id));
        Assert.NotNull(await store.NextAsync(project, bob.Id));
        Assert.Null(await store.NextAsync(project, admin.Id));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task AnnotateAsync_SameRequestKey_CountedOnce(string kind)
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync(kind, folder);
        var (project, ann, _, _) = await Stores.SeedAsync(store);
        var item = await store.NextAsync(project, ann.Id);
        var a = await store.AnnotateAsync(item!.Id, ann.Id, new("refund", null, null, "key-1"));
        var b = await store.AnnotateAsync(item.Id, ann.Id, new("refund", null, null, "key-1"));
        Assert.Equal((AnnotateStatus.Created, AnnotateStatus.Repeated), (a.Status, b.Status));
        Assert.Equal(a.AnnotationId, b.AnnotationId);
        Assert.Equal(1, (await store.InvariantsAsync(project)).Annotations);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task AnnotateAsync_ItemNotInQueueOrUnknownLabel_Refused(string kind)
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync(kind, folder);
        var (project, ann, bob, _) = await Stores.SeedAsync(store);
        var item = await store.NextAsync(project, ann.Id);
        Assert.Equal(AnnotateStatus.NotAssigned, (await store.AnnotateAsync(item!.Id, bob.Id, new("refund", null, null, null))).Status);
        Assert.Equal(AnnotateStatus.Invalid, (await store.AnnotateAsync(item.Id, ann.Id, new("nope", null, null, null))).Status);
        Assert.Equal(AnnotateStatus.Created, (await store.AnnotateAsync(item.Id, ann.Id, new("refund", null, null, null))).Status);
        Assert.Equal(AnnotateStatus.AlreadyAnnotated, (await store.AnnotateAsync(item.Id, ann.Id, new("refund", null, null, null))).Status);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task UndoAsync_AfterAnnotate_ItemBackFirstAndLabelKeptAsUndone(string kind)
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync(kind, folder);
        var (project, ann, _, _) = await Stores.SeedAsync(store);
        var first = await store.NextAsync(project, ann.Id);
        await store.AnnotateAsync(first!.Id, ann.Id, new("refund", null, null, null));
        var second = await store.NextAsync(project, ann.Id);
        Assert.Equal(first.Id, await store.UndoAsync(project, ann.Id));
        Assert.Equal(first.Id, (await store.NextAsync(project, ann.Id))!.Id);
        Assert.Equal(0, (await store.InvariantsAsync(project)).Annotations);
        Assert.Contains(await store.AuditAsync(), a => a.Action == "undo" && a.Item == first.Id);
        Assert.NotEqual(first.Id, second!.Id);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task SkipAsync_ItemReturnsToPoolForOthersNotForSkipper(string kind)
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync(kind, folder);
        var (project, ann, bob, _) = await Stores.SeedAsync(store, items: 2, k: 1);
        var item = await store.NextAsync(project, ann.Id);
        Assert.True(await store.SkipAsync(item!.Id, ann.Id));
        Assert.NotEqual(item.Id, (await store.NextAsync(project, ann.Id))!.Id);
        Assert.Equal(item.Id, (await store.NextAsync(project, bob.Id))!.Id);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task NextAsync_GoldEveryThird_ServesGoldAndScoresIt(string kind)
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync(kind, folder);
        var (project, ann, _, _) = await Stores.SeedAsync(store, items: 5, k: 1, goldEvery: 3);
        await store.AddItemsAsync(project, [new NewItem("g1", "gold text", """{"id":"g1"}""", null, [], IsGold: true, GoldLabel: "refund")]);
        var served = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var item = await store.NextAsync(project, ann.Id);
            served.Add(item!.ExtId);
            await store.AnnotateAsync(item.Id, ann.Id, new("refund", null, null, null));
        }
        Assert.Equal("g1", served[2]);
        var stats = await store.StatsAsync(project);
        Assert.Equal((1L, 1L), (stats.Annotators.Single().GoldSeen, stats.Annotators.Single().GoldCorrect));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task ReviewAndExport_DisagreementApproved_ExportsReviewedLabel(string kind)
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync(kind, folder);
        var (project, ann, bob, admin) = await Stores.SeedAsync(store, items: 1, k: 2);
        var item = await store.NextAsync(project, ann.Id);
        await store.NextAsync(project, bob.Id);
        await store.AnnotateAsync(item!.Id, ann.Id, new("refund", null, null, null));
        await store.AnnotateAsync(item.Id, bob.Id, new("card_lost", null, null, null));
        var queue = await store.ReviewQueueAsync(project);
        Assert.Equal("annotators disagree", Assert.Single(queue).Reason);
        var before = await ToList(store.ExportAsync(project));
        Assert.Equal(("tie", (string?)null), (before[0].Status, before[0].Label));
        await store.ReviewAsync(item.Id, admin.Id, approve: true, "card_lost", null, "bob is right");
        var after = await ToList(store.ExportAsync(project));
        Assert.Equal(("review", "card_lost"), (after[0].Status, after[0].Label));
        Assert.Equal(2, after[0].Votes.Count);
        Assert.Empty(await store.ReviewQueueAsync(project));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task SearchAndBulkLabel_TextFilter_LabelsEveryMatch(string kind)
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync(kind, folder);
        var (project, _, _, admin) = await Stores.SeedAsync(store, items: 12);
        var hits = await store.SearchAsync(project, new SearchQuery(Text: "NUMBER 1"));
        Assert.Equal(["r1", "r10", "r11"], hits.Select(h => h.ExtId));
        Assert.Equal(3, await store.BulkLabelAsync(hits.Select(h => h.Id).ToList(), admin.Id, "refund"));
        Assert.Equal(3, (await store.SearchAsync(project, new SearchQuery(Label: "refund"))).Count);
        Assert.Empty(await store.SearchAsync(project, new SearchQuery(Text: "50%")));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task AnnotateAsync_SpansOutsideText_Refused(string kind)
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync(kind, folder);
        var (project, ann, _, _) = await Stores.SeedAsync(store, kind: ProjectKinds.Spans);
        var item = await store.NextAsync(project, ann.Id);
        Assert.Equal(AnnotateStatus.Invalid, (await store.AnnotateAsync(item!.Id, ann.Id, new(null, [new Span(0, 500, "PER")], null, null))).Status);
        Assert.Equal(AnnotateStatus.Invalid, (await store.AnnotateAsync(item.Id, ann.Id, new(null, [new Span(0, 4, "ORG")], null, null))).Status);
        Assert.Equal(AnnotateStatus.Created, (await store.AnnotateAsync(item.Id, ann.Id, new(null, [new Span(0, 4, "PER")], null, null))).Status);
        var exported = await ToList(store.ExportAsync(project));
        Assert.Equal(new Span(0, 4, "PER"), Assert.Single(exported.Single(e => e.Votes.Count > 0).Spans!));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task FindByTokenAsync_TokenHashedAndDeactivationRevokes(string kind)
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync(kind, folder);
        var (who, token) = await store.AddAnnotatorAsync("carol", Roles.Reviewer);
        Assert.Equal("carol", (await store.FindByTokenAsync(token))?.Name);
        Assert.Null(await store.FindByTokenAsync(token + "x"));
        await store.UpdateAnnotatorAsync(who.Id, null, false, who.Id);
        Assert.Null(await store.FindByTokenAsync(token));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task NextAsync_KLoweredThenRaisedAndSkip_QueueFollowsPlacesLeft(string kind)
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync(kind, folder);
        var (project, ann, bob, admin) = await Stores.SeedAsync(store, items: 1, k: 2);
        var item = await store.NextAsync(project, ann.Id);
        project = await store.UpsertProjectAsync(project.Name, project.Kind, project.Labels, 1, 0); // k 2 → 1: the item is full
        Assert.Null(await store.NextAsync(project, bob.Id));
        project = await store.UpsertProjectAsync(project.Name, project.Kind, project.Labels, 2, 0); // back to 2: a place again
        Assert.Equal(item!.Id, (await store.NextAsync(project, bob.Id))!.Id);
        Assert.Null(await store.NextAsync(project, admin.Id));
        Assert.True(await store.SkipAsync(item.Id, bob.Id)); // bob gives his place back: admin may take it
        Assert.Equal(item.Id, (await store.NextAsync(project, admin.Id))!.Id);
        Assert.Equal((0L, 0L, 0L), await store.InvariantsAsync(project));
    }

    public static TheoryData<string> Kinds => Stores.Kinds;

    private static async Task<List<T>> ToList<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var i in items) list.Add(i);
        return list;
    }
}
