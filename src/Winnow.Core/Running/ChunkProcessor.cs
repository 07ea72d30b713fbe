using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;
using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Core.Running;

/// <summary>A step as it runs in a phase: its position in the recipe (for stats and rejects) and its instance.</summary>
/// <see cref="Redactor"/>: the first <see cref="IRedactor"/> at or after this step in the recipe; its rejects pass through it.
internal sealed record PhaseStep(int StepIndex, IStep Step, string RejectKey, IRedactor? Redactor = null);

/// <summary>
/// Runs one chunk of source items through a phase: parse (in parallel), each step in turn (per-record steps in
/// parallel, sequential steps in order), export taps, then the phase's sinks. Output order is input order,
/// whatever the number of cores, because every parallel stage writes into an array by index.
/// </summary>
internal sealed class ChunkProcessor(
    IReadOnlyList<PhaseStep> steps,
    IReadOnlyList<StepStats> stats,
    IReadOnlyList<InputStats> inputStats,
    IReadOnlyList<RecipeInputInfo> inputs,
    IReadOnlyList<RunTarget> finalTargets,
    IReadOnlyDictionary<int, RunTarget> exportTargets,
    SinkSet sinks,
    ParallelOptions parallel,
    Reporting.RunProfile profile,
    bool firstPhase,
    bool lastPhase)
{
    public const string InputRejects = "rejects/input.jsonl";
    internal const string SkipHint = " (to send such records to rejects/input.jsonl and go on, set on_error: skip on the input)";
    private const int MaxRawChars = 4096;
    private const int RangeSize = 256;

    /// <summary>The recipe's first <see cref="IRedactor"/>: the <c>raw</c> text of malformed input passes through it.</summary>
    public IRedactor? InputRedactor { get; init; }

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Buffers reused from chunk to chunk: arrays this size would otherwise land on the large-object heap once per
    // chunk and step, and the GC work of that churn was a visible share of a run.
    private Outcome[] _outcomes = [];
    private ulong[] _keys = [];
    private Record?[] _parsed = [];
    private Exception?[] _errors = [];
    private (byte[] Array, int Length)[] _buffers = [];
    private int[] _ends = [];
    private List<Record> _current = [];
    private List<Record> _next = [];

    private static T[] Sized<T>(ref T[] buffer, int count)
    {
        if (buffer.Length < count) buffer = new T[Math.Max(count, buffer.Length * 2)];
        return buffer;
    }

    /// <summary>
    /// Processes one chunk. With <paramref name="write"/> false it only advances step state (resume replay). Per-record
    /// steps run on all cores (<see cref="ForEach"/>); batch steps (<see cref="IBatchStep"/>) are awaited, their batches
    /// concurrently up to the step's limit (<see cref="ApplyBatchesAsync"/>).
    /// </summary>
    public async Task ProcessAsync(ChunkItem[] items, bool write)
    {
        var records = Parse(items, write);
        if (write && firstPhase)
        {
            var read = records.ToArray();
            sinks.Later(() => profile.AddInputs(read));   // on the sinks' writer: the profile is its to fold
        }
        foreach (var ps in steps)
        {
            var stat = stats[ps.StepIndex];
            var clock = Stopwatch.StartNew();
            var baseIndex = stat.In;
            var count = records.Count;
            var outcomes = Sized(ref _outcomes, count);
            switch (ps.Step)
            {
                case IBatchStep step:
                    await ApplyBatchesAsync(step, records, baseIndex, outcomes, stat).ConfigureAwait(false);
                    break;
                case IRecordStep step:
                    ForEach(count, i => outcomes[i] = step.Apply(records[i], baseIndex + i));
                    break;
                case IKeyedSequentialStep step:
                    var keys = Sized(ref _keys, count);
                    ForEach(count, i => keys[i] = step.Key(records[i]));
                    for (var i = 0; i < records.Count; i++) outcomes[i] = step.Apply(records[i], baseIndex + i, keys[i]);
                    break;
                case ISequentialStep step:
                    for (var i = 0; i < records.Count; i++) outcomes[i] = step.Apply(records[i], baseIndex + i);
                    break;
                default:
                    throw new InvalidOperationException($"step {ps.Step.Name} cannot run per record");
            }
            var next = records == _next ? _current : _next;
            next.Clear();
            stat.In += count;
            for (var i = 0; i < count; i++)
            {
                var o = outcomes[i];
                outcomes[i] = default; // let the records go
                if (o.Kept is { } kept) next.Add(kept);
                else
                {
                    stat.Drop(o.DropReason ?? "dropped");
                    if (write) sinks.Get(ps.RejectKey, default).Write(RejectLine(ps.Redactor?.Redact(records[i]) ?? records[i], o.DropReason ?? "dropped", o.DropDetail, ps.Step.Name));
                }
                if (write && !o.Rejected.IsDefaultOrEmpty)
                    foreach (var r in o.Rejected)
                        sinks.Get(ps.RejectKey, default).Write(RejectLine(ps.Redactor?.Redact(r.Record) ?? r.Record, r.Reason, r.Detail, ps.Step.Name));
                if (!o.Created.IsDefaultOrEmpty)
                {
                    next.AddRange(o.Created);
                    stat.Created += o.Created.Length;
                }
            }
            stat.Out += next.Count;
            records = next;
            if (write && exportTargets.TryGetValue(ps.StepIndex, out var export)) WriteTarget(export, records, ps.Redactor);
            stat.Seconds += clock.Elapsed.TotalSeconds;
        }
        if (write && lastPhase)
        {
            var written = records.ToArray();
            sinks.Later(() => profile.AddOutputs(written));
        }
        if (write)
            foreach (var target in finalTargets) WriteTarget(target, records);
    }

    /// <summary>
    /// Cuts the chunk's records into the step's batches and awaits them, at most <see cref="IBatchStep.Concurrency"/> at
    /// once. Each batch writes its outcomes into its own slice of <paramref name="outcomes"/>, so the order is the input's
    /// whatever finishes first; its counts are summed after all of them (sums do not depend on the order either).
    /// </summary>
    private async Task ApplyBatchesAsync(IBatchStep step, List<Record> records, long baseIndex, Outcome[] outcomes, StepStats stat)
    {
        var count = records.Count;
        var size = Math.Max(1, step.BatchSize);
        var results = new BatchOutcome[(count + size - 1) / size];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, step.Concurrency), CancellationToken = parallel.CancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, results.Length), options, async (b, ct) =>
        {
            var start = b * size;
            var batch = records.GetRange(start, Math.Min(size, count - start));
            var result = await step.ApplyAsync(batch, baseIndex + start, ct).ConfigureAwait(false);
            if (result.Outcomes.Count != batch.Count)
                throw new InvalidOperationException($"step {step.Name} returned {result.Outcomes.Count} outcomes for a batch of {batch.Count} records");
            for (var i = 0; i < batch.Count; i++) outcomes[start + i] = result.Outcomes[i];
            results[b] = result;
        }).ConfigureAwait(false);
        foreach (var r in results) stat.AddCounts(r.Counts);
    }

    private List<Record> Parse(ChunkItem[] items, bool write)
    {
        var parsed = Sized(ref _parsed, items.Length);
        var errors = Sized(ref _errors, items.Length);
        ForEach(items.Length, i =>
        {
            try
            {
                var record = items[i].Item.Parse();
                if (items[i].Input >= 0) record = inputs[items[i].Input].Decorate(record);
                parsed[i] = record;
            }
            catch (Exception e) when (e is InputException or JsonException or DecoderFallbackException or FormatException)
            {
                errors[i] = e;
            }
        });
        var records = _current;
        records.Clear();
        for (var i = 0; i < items.Length; i++)
        {
            var input = items[i].Input;
            if (input >= 0) inputStats[input].Records++;
            if (parsed[i] is { } r)
            {
                records.Add(r);
                parsed[i] = null;
                continue;
            }
            var error = errors[i]!;
            errors[i] = null;
            var location = items[i].Item.Location;
            if (input < 0) throw error as InputException ?? new InputException(location.File, location.Line, error.Message, inner: error);
            if (inputs[input].OnError == OnError.Fail)
                throw new InputException(location.File, location.Line,
                    (error is InputException ie ? ie.Problem : error.Message) + SkipHint, (error as InputException)?.Field, error);
            inputStats[input].Malformed++;
            if (write) sinks.Get(InputRejects, default).Write(MalformedLine(items[i].Item, error, InputRedactor));
        }
        return records;
    }

    /// <param name="redactor">For an export tap before <c>pii.redact</c>: what the recipe removes does not leak through it.</param>
    /// <remarks>Each range of <see cref="RangeSize"/> records is serialised into a pooled buffer (in parallel); the buffers
    /// then go to the sinks in order, one write per range when the target is one file, and back to the pool once written.</remarks>
    private void WriteTarget(RunTarget target, List<Record> records, IRedactor? redactor = null)
    {
        var count = records.Count;
        var buffers = Sized(ref _buffers, (count + RangeSize - 1) / RangeSize);
        var ends = Sized(ref _ends, count);
        ForRanges(count, (start, end) =>
        {
            var buffer = new PooledBuffer(RangeSize * 512);
            for (var i = start; i < end; i++)
            {
                target.Serialize(redactor is null ? records[i] : redactor.Redact(records[i]), buffer);
                ends[i] = buffer.WrittenCount;
            }
            buffers[start / RangeSize] = buffer.Detach();
        });
        for (var start = 0; start < count; start += RangeSize)
        {
            var end = Math.Min(count, start + RangeSize);
            var (array, length) = buffers[start / RangeSize];
            buffers[start / RangeSize] = default;
            if (!target.PerSplit) sinks.Get(target.FixedKey, target.Header).Write(array.AsMemory(0, length), end - start);
            else
            {
                var from = 0;
                for (var i = start; i < end; i++)
                {
                    sinks.Get(target.SinkKey(records[i]), target.Header).Write(array.AsMemory(from, ends[i] - from), 1);
                    from = ends[i];
                }
            }
            sinks.Release(array);
        }
    }

    private void ForEach(int count, Action<int> body) =>
        ForRanges(count, (start, end) =>
        {
            for (var i = start; i < end; i++) body(i);
        });

    /// <summary>
    /// Calls <paramref name="body"/> on [0, <paramref name="count"/>) cut into ranges of <see cref="RangeSize"/> (the last
    /// one shorter), on all cores; each range starts at a multiple of <see cref="RangeSize"/>.
    /// </summary>
    private void ForRanges(int count, Action<int, int> body)
    {
        if (count < 64 || parallel.MaxDegreeOfParallelism == 1)
        {
            for (var start = 0; start < count; start += RangeSize) body(start, Math.Min(count, start + RangeSize));
            return;
        }
        try
        {
            // Ranges of 256 records per task keep the scheduling cost small next to the work.
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, count, RangeSize), parallel, range => body(range.Item1, range.Item2));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A step's error (e.g. a record a format cannot express) surfaces as itself, not wrapped.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>The record's JSON with <c>reason</c>, <c>detail</c> and <c>step</c> added as its last keys.</summary>
    internal static byte[] RejectLine(Record record, string reason, string? detail, string step)
    {
        var json = RecordJson.Serialize(record);
        var end = json.Length;
        while (end > 0 && json[end - 1] is (byte)'\n' or (byte)'\r') end--;
        var head = json.AsSpan(0, end - 1); // the record's object without its closing brace
        byte[] tail;                        // {"reason":…,"step":…}
        using (var buffer = new MemoryStream(96))
        {
            using (var w = new Utf8JsonWriter(buffer, JsonOptions))
            {
                w.WriteStartObject();
                w.WriteString("reason", reason);
                if (detail is not null) w.WriteString("detail", detail);
                w.WriteString("step", step);
                w.WriteEndObject();
            }
            tail = buffer.ToArray();
        }
        var result = new byte[head.Length + tail.Length + 1];
        head.CopyTo(result);
        result[head.Length] = (byte)',';
        tail.AsSpan(1).CopyTo(result.AsSpan(head.Length + 1));
        result[^1] = (byte)'\n';
        return result;
    }

    internal static byte[] MalformedLine(SourceItem item, Exception error, IRedactor? redactor = null)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOptions))
        {
            w.WriteStartObject();
            w.WriteString("source", item.Location.ToString());
            w.WriteString("reason", "malformed_input");
            w.WriteString("error", error is InputException ie ? ie.Problem : error.Message);
            if (error is InputException { Field: { } field }) w.WriteString("field", field);
            string raw;
            try { raw = item.Raw; } catch (Exception e) when (e is DecoderFallbackException or ArgumentException) { raw = ""; }
            if (redactor is not null) raw = redactor.RedactText(raw);
            w.WriteString("raw", raw.Length > MaxRawChars ? raw[..MaxRawChars] : raw);
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
