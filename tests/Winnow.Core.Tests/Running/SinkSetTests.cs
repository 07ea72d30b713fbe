using System.Security.Cryptography;
using System.Text;
using Winnow.Core.Running;

namespace Winnow.Core.Tests.Running;

public sealed class SinkSetTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "winnow-sinks-" + Guid.NewGuid().ToString("N"));

    private static string FileHash(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void HashedSink_HashOfWhatWasWritten_HeaderIncluded_AndAfterARestoreCutItBack()
    {
        var sinks = new SinkSet(_root, key => key.StartsWith("o0/", StringComparison.Ordinal));
        var sink = sinks.Get("o0/out.csv", "a,b\n"u8);
        sink.Write(Encoding.UTF8.GetBytes("1,2\n3,4\n"), 2);
        var checkpoint = sinks.Checkpoint();
        sink.Write(Encoding.UTF8.GetBytes("5,6\n"), 1); // after the checkpoint: a resume cuts it off
        sinks.Get("spill/phase-0.jsonl", default).Write(Encoding.UTF8.GetBytes("{}\n"), 1);
        sinks.Dispose();
        Assert.Equal(FileHash(sink.Path), sink.Sha256);
        Assert.Null(sinks.TryGet("spill/phase-0.jsonl", out var spill) ? spill.Sha256 : "absent");

        var resumed = new SinkSet(_root, key => key.StartsWith("o0/", StringComparison.Ordinal));
        resumed.Restore(checkpoint, []);
        Assert.True(resumed.TryGet("o0/out.csv", out var again));
        again.Write(Encoding.UTF8.GetBytes("7,8\n"), 1);
        resumed.Dispose();
        Assert.Equal("a,b\n1,2\n3,4\n7,8\n", File.ReadAllText(again.Path));
        Assert.Equal(FileHash(again.Path), again.Sha256);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
