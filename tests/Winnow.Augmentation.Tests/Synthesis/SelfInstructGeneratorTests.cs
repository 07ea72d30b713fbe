using System.Text.Json.Nodes;
using Winnow.Augmentation.Chat;
using Winnow.Augmentation.Synthesis;
using Winnow.Augmentation.Tests.Chat;
using static Winnow.Augmentation.Tests.Chat.ChatTestKit;

namespace Winnow.Augmentation.Tests.Synthesis;

public sealed class SelfInstructGeneratorTests
{
    private static JsonObject Task(string instruction, string input = "", string output = "an answer") =>
        new() { ["instruction"] = instruction, ["input"] = input, ["output"] = output };

    [Fact]
    public void SeedTasks_Embedded_AreSelfInstructs175()
    {
        var seeds = SeedTasks.SelfInstruct();
        Assert.Equal(175, seeds.Count);
        Assert.StartsWith("Is there anything I can eat for a breakfast", seeds[0].Instruction);
        Assert.Equal(50, seeds.Count(s => s.Input.Length == 0));
    }

    [Fact]
    public void RougeL_KnownPair_MatchesTheDefinition()
    {
        // LCS("the cat sat", "the cat sat on the mat") = 3: P = 1, R = 0.5, F = 2/3.
        Assert.Equal(2.0 / 3, RougeL.F(RougeL.Tokens("The cat sat."), RougeL.Tokens("the cat sat on the mat")), 10);
        Assert.Equal(0, RougeL.F(RougeL.Tokens("dogs bark"), RougeL.Tokens("the cat sat")));
        Assert.Equal(1, RougeL.F(RougeL.Tokens("Hello, World!"), RougeL.Tokens("hello world")), 10);
    }

    /// <summary>Instructions with few words in common, so none is a near copy of another.</summary>
    private static readonly string[] Novel =
    [
        "Explain why leaves change colour in autumn to a curious seven year old.",
        "List three reasons a courier might deliver late, then rank them by likelihood.",
        "Translate the following greeting into formal French.",
        "Suggest a weekly budget plan for a student living on a tight income.",
        "Classify the sentiment of this product review as positive, negative or neutral.",
        "Compose a haiku about commuting by train in heavy rain.",
        "Which of these two investments carries more risk, and why?",
        "Rewrite the paragraph so a non-specialist reader understands every term.",
    ];

    [Fact]
    public async Task GenerateAsync_Filters_DropNearCopiesBlockedShortAndKeepNovelTasks()
    {
        var seeds = SeedTasks.SelfInstruct();
        var copy = seeds[0].Instruction.Replace("eggs", "milk", StringComparison.Ordinal); // ROUGE-L ≈ 0.96 with a seed
        await using var server = await ScriptedChatServer.StartAsync(r => new ScriptedReply.Answer(new JsonObject
        {
            ["tasks"] = new JsonArray(
                Task(copy),
                Task("Describe the image below in detail."),
                Task("Summarise."),
                Task(Novel[(2 * r.Number - 2) % Novel.Length]),
                Task(Novel[(2 * r.Number - 1) % Novel.Length], "The courier was ill.")),
        }.ToJsonString()));
        using var endpoint = new ChatEndpoint(Options(server));
        var options = new SelfInstructOptions { Count = 6, RequestsPerRound = 2 };
        var result = await new SelfInstructGenerator(endpoint.ForStep(endpoint.NewUsage()), options, seeds).GenerateAsync();

        Assert.Equal(6, result.Created.Length);
        Assert.All(result.Created, r =>
        {
            Assert.Equal("true", r.Meta.GetString("synthetic"));
            Assert.StartsWith("synthesize.self_instruct from prompt ", r.Provenance.Steps.Single());
            Assert.Equal("an answer", r.Completion);
        });
        Assert.Contains(result.Created, r => r.Prompt!.EndsWith("\n\nThe courier was ill.", StringComparison.Ordinal));
        var reasons = result.Rejected.GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(reasons["rouge_too_similar"] >= 2);
        Assert.True(reasons["blocked_keyword"] >= 2);
        Assert.True(reasons["too_short"] >= 2);
        Assert.Contains("ROUGE-L 0.9", result.Rejected.First(r => r.Reason == "rouge_too_similar").Detail);
        // Later rounds show machine-generated tasks in the prompt (2 of 8).
        Assert.Contains(server.Log.Skip(2), r => Novel.Any(n => r.LastUser.Contains(n, StringComparison.Ordinal)));
        Assert.Equal(8, server.Log.First().LastUser.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+\. Instruction:")));
    }

    [Fact]
    public async Task GenerateAsync_EveryTaskTooSimilar_StopsAtTheBudget()
    {
        var seeds = SeedTasks.SelfInstruct();
        await using var server = await ScriptedChatServer.StartAsync(_ => new ScriptedReply.Answer(new JsonObject { ["tasks"] = new JsonArray(Task(seeds[3].Instruction)) }.ToJsonString()));
        using var endpoint = new ChatEndpoint(Options(server));
        var result = await new SelfInstructGenerator(endpoint.ForStep(endpoint.NewUsage()), new SelfInstructOptions { Count = 5, MaxRequests = 3 }, seeds).GenerateAsync();
        Assert.Empty(result.Created);
        Assert.Equal(3, server.Requests);
        Assert.All(result.Rejected, r => Assert.Equal("rouge_too_similar", r.Reason));
    }
}
