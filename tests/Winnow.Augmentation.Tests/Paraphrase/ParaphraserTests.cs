using System.Text.Json.Nodes;
using Winnow.Augmentation.Chat;
using Winnow.Augmentation.Paraphrase;
using Winnow.Augmentation.Tests.Chat;
using static Winnow.Augmentation.Tests.Chat.ChatTestKit;

namespace Winnow.Augmentation.Tests.Paraphrase;

public sealed class ParaphraserTests
{
    private static Record Rec(string id, string text) => new() { Id = id, Text = text, Label = "card_arrival" };

    private static ScriptedReply Json(JsonObject o) => new ScriptedReply.Answer(o.ToJsonString());

    private static ScriptedReply Three(ScriptedRequest r) =>
        Json(new JsonObject { ["paraphrases"] = new JsonArray($"{Tail(r)} (a)", $"{Tail(r)} (b)", $"{Tail(r)} (c)") });

    /// <summary>The text the prompt ends with.</summary>
    private static string Tail(ScriptedRequest r) => r.LastUser[(r.LastUser.LastIndexOf("Text: ", StringComparison.Ordinal) + 6)..];

    [Fact]
    public async Task AugmentAsync_ValidAnswer_MakesNVariantsNamingTheParent()
    {
        await using var server = await ScriptedChatServer.StartAsync(Three);
        using var endpoint = new ChatEndpoint(Options(server));
        var result = await new Paraphraser(endpoint.ForStep(endpoint.NewUsage()), new ParaphraseOptions()).AugmentAsync(Rec("p1", "Where is my card?"));
        Assert.Equal(["p1~para1", "p1~para2", "p1~para3"], result.Created.Select(r => r.Id));
        Assert.Equal("Where is my card? (b)", result.Created[1].Text);
        Assert.All(result.Created, r => Assert.Equal("augment.paraphrase from p1", r.Provenance.Steps[^1]));
        Assert.All(result.Created, r => Assert.Equal("card_arrival", r.Label));
        var body = server.Log.Single().Body;
        Assert.Equal("json_schema", (string?)body["response_format"]!["type"]);
        Assert.NotNull(server.Log.Single().Seed);
        Assert.Contains("card_arrival", server.Log.Single().LastUser);
    }

    [Fact]
    public async Task AugmentAsync_InvalidThenValid_RetriesWithTheProblemNamed()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => r.Body["messages"]!.AsArray().Count == 2
            ? new ScriptedReply.Answer("Sure! Here are some paraphrases: 1. …")
            : Json(new JsonObject { ["paraphrases"] = new JsonArray("one", "two", "three") }));
        using var endpoint = new ChatEndpoint(Options(server));
        var result = await new Paraphraser(endpoint.ForStep(endpoint.NewUsage()), new ParaphraseOptions()).AugmentAsync(Rec("p2", "x"));
        Assert.Equal(3, result.Created.Length);
        Assert.Equal(2, server.Requests);
        var retry = server.Log.Last();
        Assert.Contains("not valid JSON", retry.LastUser);
        Assert.Equal("assistant", (string?)retry.Body["messages"]!.AsArray()[2]!["role"]);
    }

    [Fact]
    public async Task AugmentAsync_AlwaysWrongCount_RejectedWithAReason()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => Json(new JsonObject { ["paraphrases"] = new JsonArray("only one") }));
        using var endpoint = new ChatEndpoint(Options(server));
        var result = await new Paraphraser(endpoint.ForStep(endpoint.NewUsage()), new ParaphraseOptions { MaxAttempts = 3 }).AugmentAsync(Rec("p3", "x"));
        Assert.Empty(result.Created);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal("invalid_output", rejected.Reason);
        Assert.Contains("1 items, not 3", rejected.Detail);
        Assert.Contains("only one", rejected.Variant.Text);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task AugmentAsync_CopyOfTheSource_IsInvalid()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => Json(new JsonObject { ["paraphrases"] = new JsonArray("Same text.", "b", "c") }));
        using var endpoint = new ChatEndpoint(Options(server));
        var result = await new Paraphraser(endpoint.ForStep(endpoint.NewUsage()), new ParaphraseOptions { MaxAttempts = 1 }).AugmentAsync(Rec("p4", "same text."));
        Assert.Equal("a paraphrase is the text itself", result.Rejected.Single().Detail!.Split(" (")[0]);
    }

    [Fact]
    public async Task AugmentAsync_BatchRerunWithCache_SameVariantsNothingPaidTwice()
    {
        await using var server = await ScriptedChatServer.StartAsync(Three);
        var cache = TempFolder();
        var batch = Enumerable.Range(0, 12).Select(i => Rec($"b{i}", $"text number {i}")).ToList();
        IReadOnlyList<AugmentResult> first, second;
        using (var endpoint = new ChatEndpoint(Options(server, cache)))
            first = await new Paraphraser(endpoint.ForStep(endpoint.NewUsage()), new ParaphraseOptions()).AugmentAsync(batch);
        using (var endpoint = new ChatEndpoint(Options(server, cache)))
        {
            var usage = endpoint.NewUsage();
            second = await new Paraphraser(endpoint.ForStep(usage), new ParaphraseOptions()).AugmentAsync(batch);
            Assert.Equal(12, usage.CacheHits);
        }
        Assert.Equal(12, server.Requests);
        Assert.Equal(batch.Select(r => r.Id), first.Select(r => r.Parent.Id));
        Assert.Equal(first.SelectMany(r => r.Created).Select(r => r.Text), second.SelectMany(r => r.Created).Select(r => r.Text));
    }
}
