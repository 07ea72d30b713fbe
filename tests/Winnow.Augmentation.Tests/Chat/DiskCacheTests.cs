using System.Text.Json;
using Microsoft.Extensions.AI;
using Winnow.Augmentation.Chat;
using static Winnow.Augmentation.Tests.Chat.ChatTestKit;

namespace Winnow.Augmentation.Tests.Chat;

public sealed class DiskCacheTests
{
    [Fact]
    public async Task GetResponse_SameRequestTwice_SentOnceSameAnswer()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => new ScriptedReply.Answer($"answer #{r.Number}"));
        var cache = TempFolder();
        using var endpoint = new ChatEndpoint(Options(server, cache));
        var usage = endpoint.NewUsage();
        var client = endpoint.ForStep(usage);
        var options = new ChatOptions { Seed = 1, Temperature = 0.7f };
        var first = await client.GetResponseAsync("same", options);
        var second = await client.GetResponseAsync("same", options);
        Assert.Equal(1, server.Requests);
        Assert.Equal("answer #1", second.Text);
        Assert.Equal(first.ResponseId, second.ResponseId);
        Assert.Equal((1L, 1L), (usage.Requests, usage.CacheHits));
        Assert.Empty(Directory.GetFiles(cache, "*.tmp", SearchOption.AllDirectories));
        Assert.Single(Directory.GetFiles(cache, "*.json", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("temperature")]
    [InlineData("model")]
    [InlineData("message")]
    [InlineData("system")]
    public async Task GetResponse_AnyPartOfTheRequestChanges_IsAskedAgain(string change)
    {
        await using var server = await ScriptedChatServer.StartAsync(ScriptedChatServer.Echo);
        var cache = TempFolder();
        using var endpoint = new ChatEndpoint(Options(server, cache));
        var client = endpoint.ForStep(endpoint.NewUsage());
        List<ChatMessage> Messages(string system, string user) => [new(ChatRole.System, system), new(ChatRole.User, user)];
        await client.GetResponseAsync(Messages("s", "u"), new ChatOptions { Seed = 1, Temperature = 0.5f });
        var (messages, options) = change switch
        {
            "seed" => (Messages("s", "u"), new ChatOptions { Seed = 2, Temperature = 0.5f }),
            "temperature" => (Messages("s", "u"), new ChatOptions { Seed = 1, Temperature = 0.6f }),
            "model" => (Messages("s", "u"), new ChatOptions { Seed = 1, Temperature = 0.5f, ModelId = "other-model" }),
            "message" => (Messages("s", "u2"), new ChatOptions { Seed = 1, Temperature = 0.5f }),
            _ => (Messages("s2", "u"), new ChatOptions { Seed = 1, Temperature = 0.5f }),
        };
        await client.GetResponseAsync(messages, options);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task Restart_AfterAKillMidRun_ResendsNoCachedRequest()
    {
        // Answers take 40 ms; the first run is cancelled (as a kill would stop it) after 10 answers have arrived.
        await using var server = await ScriptedChatServer.StartAsync(r => new ScriptedReply.Answer($"answer to {r.LastUser}", DelayMs: 40));
        var cache = TempFolder();
        var prompts = Enumerable.Range(0, 30).Select(i => $"prompt {i}").ToList();
        var answered = new HashSet<string>();
        using (var endpoint = new ChatEndpoint(Options(server, cache) with { Concurrency = 4 }))
        using (var kill = new CancellationTokenSource())
        {
            var client = endpoint.ForStep(endpoint.NewUsage());
            var tasks = prompts.Select(async p =>
            {
                await client.GetResponseAsync(p, cancellationToken: kill.Token);
                lock (answered) { answered.Add(p); if (answered.Count == 10) kill.Cancel(); }
            }).ToList();
            try { await Task.WhenAll(tasks); } catch (OperationCanceledException) { }
        }
        var firstRun = server.Log.Select(r => r.LastUser).ToList();
        Assert.InRange(answered.Count, 10, 29);

        // A crash mid-write leaves at most a temporary file, never a half entry under the entry's name.
        var shard = Directory.GetDirectories(cache)[0];
        await File.WriteAllTextAsync(Path.Combine(shard, new string('a', 64) + ".json.deadbeef.tmp"), "{\"half");

        using (var endpoint = new ChatEndpoint(Options(server, cache) with { Concurrency = 4 }))
        {
            var usage = endpoint.NewUsage();
            var client = endpoint.ForStep(usage);
            var answers = await Task.WhenAll(prompts.Select(p => client.GetResponseAsync(p)));
            Assert.Equal(prompts.Select(p => $"answer to {p}"), answers.Select(a => a.Text));
            var secondRun = server.Log.Select(r => r.LastUser).Skip(firstRun.Count).ToList();
            Assert.Empty(secondRun.Intersect(answered));                  // nothing that was answered and cached is paid again
            Assert.Equal(prompts.Except(answered).Order(), secondRun.Order());
            Assert.Equal(answered.Count, usage.CacheHits);
        }
    }

    [Fact]
    public async Task GetResponse_DamagedEntry_IsAMissAndIsRewritten()
    {
        await using var server = await ScriptedChatServer.StartAsync(ScriptedChatServer.Echo);
        var cache = TempFolder();
        using var endpoint = new ChatEndpoint(Options(server, cache));
        var client = endpoint.ForStep(endpoint.NewUsage());
        await client.GetResponseAsync("x");
        var entry = Directory.GetFiles(cache, "*.json", SearchOption.AllDirectories).Single();
        await File.WriteAllTextAsync(entry, "{\"messages\": [");
        var again = await client.GetResponseAsync("x");
        Assert.Equal("echo: x", again.Text);
        Assert.Equal(2, server.Requests);
        Assert.NotNull(JsonSerializer.Deserialize<ChatResponse>(await File.ReadAllTextAsync(entry), AIJsonUtilities.DefaultOptions));
    }

    [Fact]
    public async Task GetStreamingResponse_SecondTime_ComesFromTheCache()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => new ScriptedReply.Answer("streamed once, replayed after"));
        var cache = TempFolder();
        using var endpoint = new ChatEndpoint(Options(server, cache));
        var usage = endpoint.NewUsage();
        var client = endpoint.ForStep(usage);
        async Task<string> Stream()
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (var u in client.GetStreamingResponseAsync("s")) updates.Add(u);
            return updates.ToChatResponse().Text;
        }
        Assert.Equal("streamed once, replayed after", await Stream());
        Assert.Equal("streamed once, replayed after", await Stream());
        Assert.Equal(1, server.Requests);
        Assert.Equal(1, usage.CacheHits);
    }
}
