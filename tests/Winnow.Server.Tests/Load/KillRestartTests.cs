using System.Net.Http.Headers;
using Winnow.Server.Store;
using Winnow.Server.Tests.Infrastructure;

namespace Winnow.Server.Tests.Load;

public sealed class KillRestartTests
{
    [Theory, MemberData(nameof(Kinds))]
    public async Task ServerKilledMidLoad_Restarted_EveryAcknowledgedLabelKept(string kind)
    {
        using var folder = new TempFolder();
        var db = Stores.NewDb(kind, folder);
        var store = await LabelStore.OpenAsync(db);
        var project = await store.UpsertProjectAsync("bank", ProjectKinds.Label, ["a", "b"], 1, 0);
        const int items = 150;
        await store.AddItemsAsync(project, Enumerable.Range(0, items).Select(i => new NewItem($"r{i}", $"text {i}", "{}", null, [])));
        var tokens = new List<string>();
        for (var i = 0; i < 6; i++) tokens.Add((await store.AddAnnotatorAsync($"w{i}", Roles.Annotator)).Token);

        List<LabellingClient> clients;
        using (var server = ServeProcess.Start(db))
        {
            clients = tokens.Select((t, i) => new LabellingClient(Http(server.Address, t), i, ["a", "b"])).ToList();
            var work = clients.Select(c => Task.Run(async () => { try { await c.RunAsync(); } catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException or IOException) { } })).ToList();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (clients.Sum(c => c.Acknowledged.Count) < 30 && DateTime.UtcNow < deadline) await Task.Delay(20);
            server.Kill(); // mid-load: requests are in flight
            await Task.WhenAll(work);
        }
        var acknowledged = clients.SelectMany(c => c.Acknowledged).ToHashSet();
        Assert.True(acknowledged.Count >= 30, $"only {acknowledged.Count} labels before the kill");
        Assert.True(acknowledged.Count < items, "the kill came before the end");

        using (var server = ServeProcess.Start(db))
        {
            var reopened = await LabelStore.OpenAsync(db);
            var stored = await reopened.ActiveAnnotationIdsAsync(project);
            Assert.Subset(stored.ToHashSet(), acknowledged);
            // Work goes on after the restart and ends with every item labelled once.
            var again = tokens.Select((t, i) => new LabellingClient(Http(server.Address, t), 100 + i, ["a", "b"])).ToList();
            for (var before = -1; again.Sum(c => c.Acknowledged.Count) is var now && now != before; before = now)
                await Task.WhenAll(again.Select(c => Task.Run(() => c.RunAsync())));
            var (count, over, duplicates) = await reopened.InvariantsAsync(project);
            Assert.Equal((items, 0L, 0L), (count, over, duplicates));
        }
    }

    private static HttpClient Http(Uri address, string token)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static TheoryData<string> Kinds => Stores.Kinds;
}
