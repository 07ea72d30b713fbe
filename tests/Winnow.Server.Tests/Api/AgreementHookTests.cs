using System.Net.Http.Json;
using System.Text.Json;
using Winnow.Server.Agreement;
using Winnow.Server.Store;
using Winnow.Server.Tests.Infrastructure;

namespace Winnow.Server.Tests.Api;

/// <summary>The agreement hook: the dashboard and /api/agreement show what the wired measure computes from the people's labels.</summary>
public sealed class AgreementHookTests
{
    /// <summary>A stand-in for the annotation machinery (wired by the CLI): the share of items on which each pair agrees.</summary>
    private sealed class PairShare : IAgreementMeasure
    {
        public AgreementSummary Measure(IReadOnlyList<LabelRow> rows)
        {
            var byItem = rows.GroupBy(r => r.Item).Where(g => g.Count() == 2).ToList();
            var agree = byItem.Count(g => g.Select(r => r.Label).Distinct().Count() == 1);
            return new AgreementSummary(new Dictionary<string, double?> { ["observed"] = byItem.Count == 0 ? null : (double)agree / byItem.Count },
                new Dictionary<string, double?>(), new Dictionary<string, double?>());
        }
    }

    [Fact]
    public async Task Dashboard_WithMeasure_ShowsItsFiguresFromStoredLabels()
    {
        await using var server = await TestServer.StartAsync(items: 2, k: 2, options: new ServerOptions { Agreement = new PairShare() });
        var (ann, bob) = (server.People["ann"].Who.Id, server.People["bob"].Who.Id);
        foreach (var (who, labels) in new[] { (ann, new[] { "card_lost", "card_lost" }), (bob, new[] { "card_lost", "card_arrival" }) })
            foreach (var label in labels)
            {
                var item = await server.Store.NextAsync(server.Project, who);
                await server.Store.AnnotateAsync(item!.Id, who, new AnnotationInput(label, null, 1, null));
            }
        using var rev = server.Client("rev");
        var json = await rev.GetFromJsonAsync<JsonElement>("/api/agreement");
        Assert.Equal(0.5, json.GetProperty("agreement").GetProperty("overall").GetProperty("observed").GetDouble());
        Assert.Contains("<td>observed</td><td>0.500</td>", await rev.GetStringAsync("/dashboard"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agreement_NoMeasureWired_SaysNotAvailable()
    {
        await using var server = await TestServer.StartAsync();
        using var rev = server.Client("rev");
        var json = await rev.GetFromJsonAsync<JsonElement>("/api/agreement");
        Assert.False(json.GetProperty("available").GetBoolean());
    }
}
