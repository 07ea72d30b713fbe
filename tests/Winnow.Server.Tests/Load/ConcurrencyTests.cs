using Winnow.Server.Store;
using Winnow.Server.Tests.Infrastructure;

namespace Winnow.Server.Tests.Load;

public sealed class ConcurrencyTests
{
    [Theory, MemberData(nameof(Kinds))]
    public async Task TwentyAnnotatorsAtOnce_EveryAckStoredOnce_NoItemAboveK(string kind)
    {
        const int items = 60, k = 3, annotators = 20;
        await using var server = await TestServer.StartAsync(kind, items: items, k: k);
        var clients = new List<(HttpClient Http, LabellingClient Client)>();
        for (var i = 0; i < annotators; i++)
        {
            var (who, token) = await server.Store.AddAnnotatorAsync($"worker{i}", Roles.Annotator);
            server.People[who.Name] = (who, token);
            var http = server.Client(who.Name);
            clients.Add((http, new LabellingClient(http, seed: i, ["card_arrival", "card_lost", "refund_not_showing_up"])));
        }
        // A skip can give an item back after others found their queues empty: go round until a pass labels nothing.
        for (var before = -1; clients.Sum(c => c.Client.Acknowledged.Count) is var now && now != before; before = now)
            await Task.WhenAll(clients.Select(c => Task.Run(() => c.Client.RunAsync())));

        var acked = clients.SelectMany(c => c.Client.Acknowledged).ToList();
        var (stored, overAssigned, duplicates) = await server.Store.InvariantsAsync(server.Project);
        Assert.Equal(acked.Count, acked.Distinct().Count());
        Assert.Equal(acked.Count, stored);
        Assert.Equal(items * k, stored);
        Assert.Equal(0, overAssigned);
        Assert.Equal(0, duplicates);
        Assert.Equal(acked.ToHashSet(), await server.Store.ActiveAnnotationIdsAsync(server.Project));
        Assert.True(clients.Sum(c => c.Client.Repeats) > 0, "some requests were retried");
        foreach (var c in clients) c.Http.Dispose();
    }

    public static TheoryData<string> Kinds => Stores.Kinds;
}
