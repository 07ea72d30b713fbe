using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Winnow.Server.Api;
using Winnow.Server.Diagnostics;
using Winnow.Server.Tests.Infrastructure;

namespace Winnow.Server.Tests.Diagnostics;

public sealed class RequestTimingsTests
{
    [Theory, MemberData(nameof(Kinds))]
    public async Task Timings_AfterLabelling_ListRoutesAndStoreSteps(string kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        using var ann = server.Client("ann");
        for (var i = 0; i < 3; i++)
        {
            var item = await (await ann.GetAsync("/api/next")).Content.ReadFromJsonAsync<ItemDto>();
            Assert.Equal(HttpStatusCode.Created, (await ann.PostAsJsonAsync($"/api/items/{item!.Id}/annotations", new { label = "card_lost" })).StatusCode);
        }
        using var admin = server.Client("adm");
        var json = await admin.GetFromJsonAsync<JsonElement>("/api/timings");
        var requests = json.GetProperty("requests").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(3, requests["GET /api/next"].GetProperty("count").GetInt32());
        Assert.Equal(3, requests["POST /api/items/{id:long}/annotations"].GetProperty("count").GetInt32());
        Assert.True(requests["GET /api/next"].GetProperty("p95").GetDouble() > 0);
        var store = json.GetProperty("store").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("NextAsync.run", store);
        Assert.Contains("AnnotateAsync.wait", store);
        Assert.Contains("commit", store);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/timings")).StatusCode);
        var cleared = await admin.GetFromJsonAsync<JsonElement>("/api/timings");
        Assert.DoesNotContain(cleared.GetProperty("requests").EnumerateArray(), t => t.GetProperty("name").GetString() == "GET /api/next");
    }

    [Fact]
    public void Snapshot_HundredValues_NearestRankPercentiles()
    {
        var timings = new Timings();
        for (var i = 100; i >= 1; i--) timings.Record("x", i);
        var x = Assert.Single(timings.Snapshot());
        Assert.Equal(("x", 100, 50.0, 95.0, 99.0, 100.0), (x.Name, x.Count, x.P50, x.P95, x.P99, x.Max));
    }

    public static TheoryData<string> Kinds => Stores.Kinds;
}
