using System.Diagnostics;
using Microsoft.Extensions.AI;
using Winnow.Augmentation.Chat;
using static Winnow.Augmentation.Tests.Chat.ChatTestKit;

namespace Winnow.Augmentation.Tests.Chat;

/// <summary>The chat plumbing over real HTTP on loopback, through the real OpenAI client.</summary>
public sealed class ChatEndpointTests
{
    [Fact]
    public async Task GetResponse_Answer_ReturnsTextAndCountsReportedTokens()
    {
        await using var server = await ScriptedChatServer.StartAsync(ScriptedChatServer.Echo);
        using var endpoint = new ChatEndpoint(Options(server) with { PromptPricePerMillion = 2, CompletionPricePerMillion = 10 });
        var usage = endpoint.NewUsage();
        var response = await endpoint.ForStep(usage).GetResponseAsync("hello there");
        Assert.Equal("echo: hello there", response.Text);
        Assert.Equal("scripted-model", server.Log.Single().Model);
        Assert.Equal((1, 11, 7), (usage.Requests, usage.PromptTokens, usage.CompletionTokens));
        Assert.Equal((11 * 2 + 7 * 10) / 1e6, usage.EstimatedCost!.Value, 12);
        Assert.Equal(92, usage.ToDetails()["estimated_cost_micros"]);
    }

    [Fact]
    public async Task GetResponse_NoUsageReported_CountsTokensLocally()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => new ScriptedReply.Answer("four words right here", PromptTokens: null, CompletionTokens: null));
        using var endpoint = new ChatEndpoint(Options(server));
        var usage = endpoint.NewUsage();
        await endpoint.ForStep(usage).GetResponseAsync("count me");
        Assert.Equal(1, usage.EstimatedTokenRequests);
        Assert.Equal(4, usage.CompletionTokens);
        Assert.True(usage.PromptTokens > 0);
    }

    [Fact]
    public async Task GetResponse_429Then500_RetriesAndCompletes()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => r.Attempt switch
        {
            1 or 2 => new ScriptedReply.Status(429, "0"),
            3 => new ScriptedReply.Status(500),
            _ => ScriptedChatServer.Echo(r),
        });
        using var endpoint = new ChatEndpoint(Options(server));
        var usage = endpoint.NewUsage();
        var response = await endpoint.ForStep(usage).GetResponseAsync("retry me");
        Assert.Equal("echo: retry me", response.Text);
        Assert.Equal(4, server.Requests);
        Assert.Equal(3, usage.Retries);
        Assert.Equal(1, usage.Requests);
    }

    [Fact]
    public async Task GetResponse_RetryAfter_IsHonoured()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => r.Attempt == 1 ? new ScriptedReply.Status(429, "1") : ScriptedChatServer.Echo(r));
        using var endpoint = new ChatEndpoint(Options(server));
        var clock = Stopwatch.StartNew();
        await endpoint.ForStep(endpoint.NewUsage()).GetResponseAsync("wait for me");
        // The back-off alone would wait ≤ 50 ms (MaxRetryDelaySeconds 0.05); Retry-After asks for 1 s.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public async Task GetResponse_AttemptTimesOut_IsRetried()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => r.Attempt == 1 ? new ScriptedReply.Hang() : ScriptedChatServer.Echo(r));
        using var endpoint = new ChatEndpoint(Options(server) with { TimeoutSeconds = 0.5 });
        var usage = endpoint.NewUsage();
        var response = await endpoint.ForStep(usage).GetResponseAsync("slow");
        Assert.Equal("echo: slow", response.Text);
        Assert.Equal(1, usage.Retries);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task GetResponse_MalformedJson_IsRetried()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => r.Attempt == 1 ? new ScriptedReply.Malformed() : ScriptedChatServer.Echo(r));
        using var endpoint = new ChatEndpoint(Options(server));
        var usage = endpoint.NewUsage();
        var response = await endpoint.ForStep(usage).GetResponseAsync("broken");
        Assert.Equal("echo: broken", response.Text);
        Assert.Equal(1, usage.Retries);
    }

    [Fact]
    public async Task GetResponse_AlwaysFailing_GivesUpWithAClearError()
    {
        await using var server = await ScriptedChatServer.StartAsync(_ => new ScriptedReply.Status(503));
        using var endpoint = new ChatEndpoint(Options(server) with { MaxRetries = 3 });
        var usage = endpoint.NewUsage();
        var e = await Assert.ThrowsAsync<ChatRequestException>(() => endpoint.ForStep(usage).GetResponseAsync("never"));
        Assert.Contains("after 4 attempt(s)", e.Message);
        Assert.Contains("503", e.Message);
        Assert.Equal(4, server.Requests);
        Assert.Equal(1, usage.Failures);
    }

    [Fact]
    public async Task GetResponse_400_IsNotRetried()
    {
        await using var server = await ScriptedChatServer.StartAsync(_ => new ScriptedReply.Status(400));
        using var endpoint = new ChatEndpoint(Options(server));
        var e = await Assert.ThrowsAsync<ChatRequestException>(() => endpoint.ForStep(endpoint.NewUsage()).GetResponseAsync("bad"));
        Assert.Contains("not retried", e.Message);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task GetStreamingResponse_Stream_AssemblesTheAnswerAndCountsUsage()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => r.Attempt == 1 ? new ScriptedReply.Status(500) : new ScriptedReply.Answer("a streamed answer, in pieces"));
        using var endpoint = new ChatEndpoint(Options(server));
        var usage = endpoint.NewUsage();
        var updates = new List<ChatResponseUpdate>();
        await foreach (var u in endpoint.ForStep(usage).GetStreamingResponseAsync("stream please")) updates.Add(u);
        Assert.True(updates.Count > 3);
        Assert.Equal("a streamed answer, in pieces", updates.ToChatResponse().Text);
        Assert.True(server.Log.All(r => r.Stream));
        Assert.Equal((1, 1L, 11L, 7L), (usage.Retries, usage.Requests, usage.PromptTokens, usage.CompletionTokens));
    }

    [Fact]
    public async Task GetResponse_ManyAtOnce_NeverMoreInFlightThanTheLimit()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => new ScriptedReply.Answer("ok", DelayMs: 50));
        using var endpoint = new ChatEndpoint(Options(server) with { Concurrency = 3 });
        var client = endpoint.ForStep(endpoint.NewUsage());
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => client.GetResponseAsync($"q{i}")));
        Assert.Equal(24, server.Requests);
        Assert.Equal(3, server.MaxInFlight);
    }

    [Fact]
    public async Task GetResponse_RetriesUnderTheLimit_StillNeverAboveIt()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => r.Attempt == 1 ? new ScriptedReply.Status(500) : new ScriptedReply.Answer("ok", DelayMs: 30));
        using var endpoint = new ChatEndpoint(Options(server) with { Concurrency = 2 });
        var usage = endpoint.NewUsage();
        var client = endpoint.ForStep(usage);
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => client.GetResponseAsync($"q{i}")));
        Assert.True(server.MaxInFlight <= 2);
        Assert.Equal(12, usage.Retries);
        Assert.Equal(24, server.Requests);
    }

    [Fact]
    public async Task GetResponse_RequestsPerMinute_SpacesTheRequests()
    {
        await using var server = await ScriptedChatServer.StartAsync(ScriptedChatServer.Echo);
        using var endpoint = new ChatEndpoint(Options(server) with { RequestsPerMinute = 600, Concurrency = 16 }); // one per 100 ms
        var client = endpoint.ForStep(endpoint.NewUsage());
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => client.GetResponseAsync($"q{i}")));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.45), $"6 requests at 600/min took {clock.Elapsed}");
    }

    [Fact]
    public void Validate_NothingConfigured_SaysWhatToSet()
    {
        var problems = new ChatModelOptions().WithEnvironment(_ => null).Validate().ToList();
        Assert.Contains(problems, p => p.Key == "base_url" && p.Problem.Contains("WINNOW_LLM_BASE_URL"));
        Assert.Contains(problems, p => p.Key == "model" && p.Problem.Contains("WINNOW_LLM_MODEL"));
    }

    [Fact]
    public void WithEnvironment_RecipeValuesWin()
    {
        var env = new Dictionary<string, string> { ["WINNOW_LLM_BASE_URL"] = "http://env:1/v1", ["WINNOW_LLM_MODEL"] = "env-model", ["WINNOW_LLM_API_KEY"] = "k" };
        var o = new ChatModelOptions { Model = "recipe-model" }.WithEnvironment(env.GetValueOrDefault);
        Assert.Equal(("http://env:1/v1", "recipe-model", "k"), (o.BaseUrl, o.Model, o.ApiKey));
        Assert.Empty(o.Validate());
    }
}
