using Winnow.Augmentation.Chat;

namespace Winnow.Augmentation.Tests.Chat;

/// <summary>
/// The test assembly's entry point. Under the test runner it is never called; <c>dotnet exec
/// Winnow.Augmentation.Tests.dll chat-probe URL CACHE N CONCURRENCY</c> runs a separate client process that sends N
/// requests ("prompt 0" … ) through the cached pipeline and prints "answered prompt i" after each answer is back (and
/// so cached), so a test can kill it mid-run for real.
/// </summary>
public static class ChatProbe
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["chat-probe", var url, var cache, var n, var concurrency]) return 2;
        using var endpoint = new ChatEndpoint(new ChatModelOptions
        {
            BaseUrl = url,
            Model = "scripted-model",
            CacheDirectory = cache,
            Concurrency = int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture),
        });
        var client = endpoint.ForStep(endpoint.NewUsage());
        var output = TextWriter.Synchronized(Console.Out);
        await Task.WhenAll(Enumerable.Range(0, int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).Select(async i =>
        {
            await Microsoft.Extensions.AI.ChatClientExtensions.GetResponseAsync(client, $"prompt {i}");
            output.WriteLine($"answered prompt {i}");
            output.Flush();
        }));
        return 0;
    }
}
