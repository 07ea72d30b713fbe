using System.Collections.Concurrent;
using System.Diagnostics;

namespace Winnow.Server.Store;

/// <summary>
/// A short-lived cache of a lookup every request makes (whose token is this, which project is this): on
/// PostgreSQL each lookup is a pooled connection and a round trip, a tenth of a request's time under load.
/// Only found values are kept (so unknown tokens cannot fill it), each for <see cref="Lifetime"/>; this store's
/// own changes (a person deactivated, a project's k changed) clear it at once, changes made by another process
/// (the CLI on the same database) are seen within <see cref="Lifetime"/>.
/// </summary>
internal sealed class LookupCache<TKey, TValue>(TimeSpan lifetime)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, (TValue Value, long Until)> _entries = new();
    private long _generation;

    public TimeSpan Lifetime { get; } = lifetime;

    /// <summary>The cached value, else <paramref name="load"/>'s (kept when not null and nothing was cleared meanwhile).</summary>
    public async Task<TValue?> GetAsync(TKey key, Func<Task<TValue?>> load)
    {
        var now = Stopwatch.GetTimestamp();
        if (_entries.TryGetValue(key, out var hit) && now < hit.Until) return hit.Value;
        var generation = Interlocked.Read(ref _generation);
        var value = await load().ConfigureAwait(false);
        if (value is null) _entries.TryRemove(key, out _);
        else
        {
            _entries[key] = (value, now + (long)(Lifetime.TotalSeconds * Stopwatch.Frequency));
            // A Clear that ran while this value was loading may have come too early for it: the value may be stale.
            if (Interlocked.Read(ref _generation) != generation) _entries.TryRemove(key, out _);
        }
        return value;
    }

    /// <summary>Forgets everything (after this store changed what the cache holds).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}
