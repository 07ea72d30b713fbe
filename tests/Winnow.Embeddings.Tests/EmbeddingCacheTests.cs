namespace Winnow.Embeddings.Tests;

/// <summary>The on-disk vector cache: segments written then renamed, safe against killed and concurrent writers.</summary>
public sealed class EmbeddingCacheTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"winnow-cache-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
        if (File.Exists(_dir + ".cache")) File.Delete(_dir + ".cache");
    }

    [Fact]
    public void Flush_ThenReopen_ReturnsTheSameVectors()
    {
        using (var c = new EmbeddingCache(_dir, 4))
        {
            c.Add(EmbeddingCache.Key("a"), [1, 2, 3, 4]);
            c.Flush();
        }
        using var reopened = new EmbeddingCache(_dir, 4);
        Assert.True(reopened.TryGet(EmbeddingCache.Key("a"), out var v));
        Assert.Equal([1f, 2, 3, 4], v);
        Assert.Equal(16 + 16, new FileInfo(Directory.GetFiles(_dir, "*.seg").Single()).Length);
    }

    [Fact]
    public void Open_KilledWritersTemporaryFile_IsNotRead()
    {
        using (var c = new EmbeddingCache(_dir, 4)) c.Add(EmbeddingCache.Key("a"), [1, 2, 3, 4]);
        // A writer killed before its rename: a whole entry with a wrong vector under a temporary name.
        using (var c = new EmbeddingCache(Path.Combine(_dir, "other"), 4)) c.Add(EmbeddingCache.Key("b"), [9, 9, 9, 9]);
        var other = Directory.GetFiles(Path.Combine(_dir, "other"), "*.seg").Single();
        File.Move(other, Path.Combine(_dir, ".tmp-killed"));
        using var reopened = new EmbeddingCache(_dir, 4);
        Assert.Equal(1, reopened.Count);
        Assert.False(reopened.TryGet(EmbeddingCache.Key("b"), out _));
    }

    [Fact]
    public void Open_TornSegmentTail_KeepsTheWholeEntries()
    {
        using (var c = new EmbeddingCache(_dir, 4)) c.Add(EmbeddingCache.Key("a"), [1, 2, 3, 4]);
        File.AppendAllText(Directory.GetFiles(_dir, "*.seg").Single(), "partial");
        using var reopened = new EmbeddingCache(_dir, 4);
        Assert.Equal(1, reopened.Count);
        Assert.True(reopened.TryGet(EmbeddingCache.Key("a"), out var v));
        Assert.Equal([1f, 2, 3, 4], v);
    }

    [Fact]
    public void Flush_TwoWritersOnOneFolder_KeepBothEntries()
    {
        // Two processes (here two instances) opened before either wrote: each flush is its own segment.
        using var first = new EmbeddingCache(_dir, 4);
        using var second = new EmbeddingCache(_dir, 4);
        first.Add(EmbeddingCache.Key("a"), [1, 1, 1, 1]);
        second.Add(EmbeddingCache.Key("b"), [2, 2, 2, 2]);
        Parallel.Invoke(first.Flush, second.Flush);
        using var reopened = new EmbeddingCache(_dir, 4);
        Assert.True(reopened.TryGet(EmbeddingCache.Key("a"), out var a));
        Assert.True(reopened.TryGet(EmbeddingCache.Key("b"), out var b));
        Assert.Equal([1f, 1, 1, 1], a);
        Assert.Equal([2f, 2, 2, 2], b);
        Assert.Equal(2, Directory.GetFiles(_dir, "*.seg").Length);
    }

    [Fact]
    public void Flush_ManySmallSegments_MergesThemIntoOne()
    {
        using var c = new EmbeddingCache(_dir, 4);
        for (var i = 0; i <= EmbeddingCache.MaxSmallSegments; i++)
        {
            c.Add(EmbeddingCache.Key($"t{i}"), [i, i, i, i]);
            c.Flush();
        }
        Assert.Single(Directory.GetFiles(_dir, "*.seg"));
        using var reopened = new EmbeddingCache(_dir, 4);
        Assert.Equal(EmbeddingCache.MaxSmallSegments + 1, reopened.Count);
        Assert.True(reopened.TryGet(EmbeddingCache.Key("t7"), out var v));
        Assert.Equal([7f, 7, 7, 7], v);
    }

    [Fact]
    public void Open_LegacyAppendOnlyFile_IsRead()
    {
        // The layout before segments: one file <folder>.cache of appended entries.
        var entry = new byte[16 + 16];
        var key = EmbeddingCache.Key("a");
        System.Runtime.InteropServices.MemoryMarshal.Write(entry.AsSpan(0, 16), in key);
        for (var d = 0; d < 4; d++) BitConverter.TryWriteBytes(entry.AsSpan(16 + 4 * d), (float)d);
        File.WriteAllBytes(_dir + ".cache", entry);
        using var c = new EmbeddingCache(_dir, 4);
        Assert.True(c.TryGet(EmbeddingCache.Key("a"), out var v));
        Assert.Equal([0f, 1, 2, 3], v);
    }
}
