using System.Collections.Concurrent;

namespace Winnow.Server.Diagnostics;

/// <summary>
/// Durations (milliseconds) by name, with their percentiles: the server's own view of where a request's time
/// goes (per route, and per store operation: waiting for the writer, running, committing). Keeps at most
/// <see cref="MaxSamples"/> per name (the first ones); cheap enough to be always on.
/// </summary>
public sealed class Timings
{
    public const int MaxSamples = 1_000_000;

    private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

    public void Record(string name, double value) => _series.GetOrAdd(name, _ => new Series()).Add(value);

    /// <summary>Every name with its count and percentiles, sorted by name.</summary>
    public IReadOnlyList<TimingSummary> Snapshot() =>
        _series.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value.Summary(kv.Key)).ToList();

    public void Clear() => _series.Clear();

    private sealed class Series
    {
        private readonly List<double> _values = [];
        private readonly Lock _lock = new();

        public void Add(double value)
        {
            lock (_lock) if (_values.Count < MaxSamples) _values.Add(value);
        }

        public TimingSummary Summary(string name)
        {
            double[] xs;
            lock (_lock) xs = [.. _values];
            Array.Sort(xs);
            double P(double q) => xs.Length == 0 ? 0 : Math.Round(xs[Math.Min(xs.Length - 1, Math.Max(0, (int)Math.Ceiling(q * xs.Length) - 1))], 2);
            return new TimingSummary(name, xs.Length, P(0.5), P(0.95), P(0.99), xs.Length == 0 ? 0 : Math.Round(xs[^1], 2));
        }
    }
}

/// <summary>One name's count and percentiles (milliseconds, or whatever was recorded under it).</summary>
public sealed record TimingSummary(string Name, int Count, double P50, double P95, double P99, double Max);
