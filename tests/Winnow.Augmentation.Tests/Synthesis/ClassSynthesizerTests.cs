using System.Text.Json.Nodes;
using Winnow.Augmentation.Chat;
using Winnow.Augmentation.Synthesis;
using Winnow.Augmentation.Tests.Chat;
using static Winnow.Augmentation.Tests.Chat.ChatTestKit;

namespace Winnow.Augmentation.Tests.Synthesis;

public sealed class ClassSynthesizerTests
{
    private static List<Record> Real(params (string Label, int Count)[] classes) =>
        classes.SelectMany(c => Enumerable.Range(0, c.Count).Select(i => new Record { Id = $"{c.Label}-{i}", Text = $"real {c.Label} text {i}", Label = c.Label })).ToList();

    private static string LabelOf(ScriptedRequest r) => r.LastUser.Split('"')[1];

    /// <summary>Five new texts per request, unique per request.</summary>
    private static ScriptedReply Fresh(ScriptedRequest r) => new ScriptedReply.Answer(new JsonObject
    {
        ["texts"] = new JsonArray(Enumerable.Range(0, 5).Select(i => (JsonNode)$"new {LabelOf(r)} text r{r.Number}-{i}").ToArray()),
    }.ToJsonString());

    [Fact]
    public async Task SynthesizeAsync_SmallClass_FilledUpToTheShareCapOnly()
    {
        await using var server = await ScriptedChatServer.StartAsync(Fresh);
        using var endpoint = new ChatEndpoint(Options(server));
        var real = Real(("big", 20), ("small", 7));
        var result = await new ClassSynthesizer(endpoint.ForStep(endpoint.NewUsage()), new ClassSynthesisOptions()).SynthesizeAsync(real);
        // small: 13 short of 20, but 30% at most: ⌊0.3 × 7 / 0.7⌋ = 3.
        var report = Assert.Single(result.Classes);
        Assert.Equal(("small", 7, 3, 3), (report.Label, report.Real, report.Quota, report.Made));
        Assert.Equal(3, result.Created.Length);
        Assert.All(result.Created, r =>
        {
            Assert.Equal("small", r.Label);
            Assert.Equal("true", r.Meta.GetString("synthetic"));
            Assert.StartsWith("synthesize.class from prompt ", r.Provenance.Steps.Single());
        });
        Assert.True(3.0 / (3 + 7) <= 0.3);
        // The few-shot examples are real records of that class only.
        var prompt = server.Log.First().LastUser;
        Assert.Contains("real small text", prompt);
        Assert.DoesNotContain("real big text", prompt);
    }

    [Fact]
    public async Task SynthesizeAsync_TargetAndHigherCap_ReachesTheTarget()
    {
        await using var server = await ScriptedChatServer.StartAsync(Fresh);
        using var endpoint = new ChatEndpoint(Options(server));
        var options = new ClassSynthesisOptions { TargetPerClass = 20, MaxSyntheticShare = 0.5 };
        var result = await new ClassSynthesizer(endpoint.ForStep(endpoint.NewUsage()), options).SynthesizeAsync(Real(("a", 12), ("b", 20)));
        Assert.Equal(8, result.Created.Count(r => r.Label == "a"));
        Assert.Equal(8, result.Created.Select(r => r.Text).Distinct().Count());
        Assert.Equal(2, server.Requests); // ⌈8 / 5⌉ requests in one round
    }

    [Fact]
    public async Task SynthesizeAsync_CopiesOfRealAndRepeats_AreRejectedAndReplaced()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => new ScriptedReply.Answer(new JsonObject
        {
            ["texts"] = new JsonArray("real a text 0", "REAL  a text 1", "a repeated text", "a repeated text", $"fresh {r.Number}"),
        }.ToJsonString()));
        using var endpoint = new ChatEndpoint(Options(server));
        var options = new ClassSynthesisOptions { TargetPerClass = 14, MaxSyntheticShare = 0.5 };
        var result = await new ClassSynthesizer(endpoint.ForStep(endpoint.NewUsage()), options).SynthesizeAsync(Real(("a", 10), ("b", 14)));
        var report = result.Classes.Single();
        Assert.Equal(4, report.Made);
        Assert.True(report.Rejected["duplicate_of_real"] >= 2);
        Assert.True(report.Rejected["duplicate_synthetic"] >= 1);
        Assert.Equal(4, result.Created.Select(r => r.Text!.ToLowerInvariant()).Distinct().Count());
        Assert.DoesNotContain(result.Created, r => r.Text!.StartsWith("real", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SynthesizeAsync_InvalidAnswers_StopsAtTheRequestBudget()
    {
        await using var server = await ScriptedChatServer.StartAsync(_ => new ScriptedReply.Answer("no JSON here"));
        using var endpoint = new ChatEndpoint(Options(server));
        var options = new ClassSynthesisOptions { MaxRequestsPerClass = 2, MaxAttempts = 2 };
        var result = await new ClassSynthesizer(endpoint.ForStep(endpoint.NewUsage()), options).SynthesizeAsync(Real(("a", 7), ("b", 20)));
        var report = result.Classes.Single();
        Assert.Equal((0, 2), (report.Made, report.Requests));
        Assert.Equal(2, report.Rejected["invalid_output"]);
        Assert.Equal(4, server.Requests); // 2 prompts × 2 attempts
        Assert.Empty(result.Created);
    }

    [Theory]
    [InlineData(7, 20, 0.3, 3)]
    [InlineData(100, 20, 0.3, 0)]
    [InlineData(10, 12, 0.5, 2)]
    [InlineData(10, 100, 0.0, 0)]
    public void Quota_RealTargetShare_IsCapped(int real, int target, double share, int expected) =>
        Assert.Equal(expected, new ClassSynthesisOptions { MaxSyntheticShare = share }.Quota(real, target));
}
