using System.Diagnostics;
using Microsoft.Extensions.AI;
using Winnow.Augmentation.Chat;
using Winnow.Augmentation.Tests.Chat;

/// <summary>
/// The chat path's throughput against the scripted loopback server answering after a fixed delay: with concurrency c
/// and delay d the ideal is c ÷ d requests/s; the target is at least 90% of it, for c = 8 and 64.
/// </summary>
internal static class ChatBench
{
    public static async Task Run(int delayMs, int requests)
    {
        await using var server = await ScriptedChatServer.StartAsync(r => new ScriptedReply.Answer($"echo: {r.LastUser}", DelayMs: delayMs));
        foreach (var (concurrency, cached) in new[] { (8, false), (64, false), (8, true), (64, true) })
        {
            var cache = cached ? Path.Combine(Path.GetTempPath(), "winnow-chat-bench-" + Guid.NewGuid().ToString("N")) : null;
            var n = requests > 0 ? requests : concurrency * 15; // 15 waves
            using var endpoint = new ChatEndpoint(new ChatModelOptions { BaseUrl = server.BaseUrl, Model = "bench", Concurrency = concurrency, CacheDirectory = cache });
            var client = endpoint.ForStep(endpoint.NewUsage());
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => client.GetResponseAsync($"warm {concurrency} {i}"))); // connections up
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, n).Select(i => client.GetResponseAsync($"q {concurrency} {i}")));
            var achieved = n / clock.Elapsed.TotalSeconds;
            var cpuPerRequest = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / n;
            var ideal = concurrency / (delayMs / 1000.0);
            Console.WriteLine($"concurrency {concurrency,2}{(cached ? ", disk cache (all misses)" : "")}, delay {delayMs} ms, {n} requests: {achieved:0.0} req/s of an ideal {ideal:0.0} = {achieved / ideal:P1} (target ≥ 90%); most in flight at the server {server.MaxInFlight}; {cpuPerRequest:0.00} ms CPU per request, client and server together");
            if (cache is not null) Directory.Delete(cache, recursive: true);
        }
    }
}
