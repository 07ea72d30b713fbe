using System.Diagnostics;
using Microsoft.Extensions.AI;
using Winnow.Augmentation.Chat;
using static Winnow.Augmentation.Tests.Chat.ChatTestKit;

namespace Winnow.Augmentation.Tests.Chat;

public sealed class KillRestartTests
{
    [Fact]
    public async Task Restart_AfterSigkillOfTheClientProcess_ResendsNoCachedRequest()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => new ScriptedReply.Answer($"answer to {r.LastUser}", DelayMs: 60));
        var cache = TempFolder();
        const int total = 40;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "exec", typeof(ChatProbe).Assembly.Location, "chat-probe", server.BaseUrl, cache, $"{total}", "4" }) info.ArgumentList.Add(a);
        var answered = new HashSet<string>();
        using (var probe = Process.Start(info)!)
        {
            _ = probe.StandardError.ReadToEndAsync();
            while (await probe.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("answered ", StringComparison.Ordinal)) answered.Add(line["answered ".Length..]);
                if (answered.Count == 12) break;
            }
            probe.Kill(entireProcessTree: true); // SIGKILL, mid-run: requests in flight, maybe a cache entry half written
            await probe.WaitForExitAsync();
        }
        var firstRun = server.Log.Count;
        Assert.Equal(12, answered.Count);
        Assert.True(firstRun < total, $"the probe sent all {firstRun} requests before it was killed");

        using var endpoint = new ChatEndpoint(Options(server, cache) with { Concurrency = 4 });
        var usage = endpoint.NewUsage();
        var client = endpoint.ForStep(usage);
        var prompts = Enumerable.Range(0, total).Select(i => $"prompt {i}").ToList();
        var answers = await Task.WhenAll(prompts.Select(p => client.GetResponseAsync(p)));
        Assert.Equal(prompts.Select(p => $"answer to {p}"), answers.Select(a => a.Text));
        var resent = server.Log.Skip(firstRun).Select(r => r.LastUser).ToList();
        Assert.Empty(resent.Intersect(answered));              // nothing answered before the kill is paid again
        Assert.Equal(total, resent.Count + usage.CacheHits);    // every prompt is either cached or sent once
        Assert.True(usage.CacheHits >= answered.Count);
    }
}
