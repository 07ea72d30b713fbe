using Winnow.Augmentation.Chat;

namespace Winnow.Augmentation.Tests.Chat;

/// <summary>Endpoints on a scripted server with fast retries, and temporary cache folders.</summary>
internal static class ChatTestKit
{
    public static ChatModelOptions Options(ScriptedChatServer server, string? cache = null) => new()
    {
        BaseUrl = server.BaseUrl,
        Model = "scripted-model",
        ApiKey = "test-key",
        RetryDelaySeconds = 0.01,
        MaxRetryDelaySeconds = 0.05,
        TimeoutSeconds = 10,
        CacheDirectory = cache,
    };

    public static string TempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "winnow-augment-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
