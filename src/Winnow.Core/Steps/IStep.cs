using Winnow.Core.Records;
using Winnow.Core.Services;

namespace Winnow.Core.Steps;

/// <summary>
/// What every step sees besides its records: its name, its index in the recipe, the run's seed, the run's work
/// folder (for spills), and the recipe's folder (<see cref="BaseDirectory"/>: files a step's options name, such as
/// evaluation sets, resolve against it, like inputs do).
/// </summary>
public sealed record StepContext(string StepName, int StepIndex, long Seed, string WorkDirectory, string BaseDirectory = ".")
{
    /// <summary>A path from a step's options, resolved against the recipe's folder.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));

    /// <summary>A seed for this step alone, so adding a step does not change another's randomness.</summary>
    public long StepSeed => Seed * 1_000_003 + StepIndex;

    /// <summary>The slow services a step may use (embeddings, classifiers, chat models): one context, not more parameters.</summary>
    public StepServices Services { get; init; } = StepServices.None;

    /// <summary>The recipe's <c>llm:</c> section resolved against the environment (what a chat step talks to).</summary>
    public LlmSettings Llm { get; init; } = new LlmSettings().Resolve();
}

/// <summary>A step: a recipe names it; the registry builds it from its typed options.</summary>
public interface IStep
{
    string Name { get; }
}

/// <summary>
/// A per-record step (map, filter or expand). Pure and thread-safe: the runner calls it on many records in
/// parallel and keeps the input order. <paramref name="index"/> is the record's position in the step's input
/// stream, stable across runs and core counts.
/// </summary>
public interface IRecordStep : IStep
{
    Outcome Apply(Record record, long index);
}

/// <summary>
/// A step that needs the whole dataset before it can decide (dedup, sample by count, balance, split). The
/// runner gives it its input as a source it can read more than once, and gets back a per-record plan that
/// it then applies like any <see cref="IRecordStep"/>. Memory is bounded by the step's options, not by the
/// dataset's size. A plan must be deterministic: a resumed run plans again and must get the same plan.
/// </summary>
public interface IDatasetStep : IStep
{
    IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken);
}

/// <summary>A dataset that can be read in order, as many times as needed.</summary>
public interface IRecordSource
{
    /// <summary>Number of records, when known without reading.</summary>
    long? Count { get; }

    IEnumerable<Record> Read(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> − 1 in input order: one
    /// shard of a step that cuts its input into contiguous ranges read in parallel (<c>dedup.minhash shards</c>).
    /// A source that can skip cheaply (without parsing the skipped records) overrides it.
    /// </summary>
    IEnumerable<Record> ReadRange(long start, long count, CancellationToken cancellationToken = default) =>
        Read(cancellationToken).Skip(checked((int)start)).Take(checked((int)Math.Min(count, int.MaxValue)));

    /// <summary>
    /// The records whose index <paramref name="wanted"/> accepts, with their index, in order: a later read of a
    /// plan that needs a few records again (MinHash's candidates). A source that can skip without parsing overrides it.
    /// </summary>
    IEnumerable<(long Index, Record Record)> ReadWhere(Func<long, bool> wanted, CancellationToken cancellationToken = default) =>
        Read(cancellationToken).Select((r, i) => ((long)i, r)).Where(x => wanted(x.Item1));
}

/// <summary>
/// A per-record step with state that depends on the records before it (e.g. exact dedup: "keep the first").
/// The runner calls it one record at a time, in input order. On resume it replays the finished chunks through
/// it (without writing anything) to rebuild the state, so the state must be a function of what it was shown.
/// </summary>
public interface ISequentialStep : IStep
{
    Outcome Apply(Record record, long index);
}

/// <summary>
/// A sequential step whose per-record work splits into a pure part and a stateful part: the runner computes
/// <see cref="Key"/> for a whole chunk in parallel, then calls <see cref="Apply(Record, long, ulong)"/> in order.
/// (Exact dedup: hashing the normalised text is the cost; the set lookup is cheap.)
/// </summary>
public interface IKeyedSequentialStep : ISequentialStep
{
    /// <summary>Pure and thread-safe.</summary>
    ulong Key(Record record);

    Outcome Apply(Record record, long index, ulong key);
}
