using Winnow.Core.Records;

namespace Winnow.Core.Steps;

/// <summary>
/// The <c>where</c> key any step accepts: the step sees only records whose meta fields have one of the
/// listed values (<c>where: {split: train}</c>); other records pass through unchanged and are counted as kept.
/// </summary>
public sealed class RecordCondition(IReadOnlyDictionary<string, IReadOnlyList<string>> where)
{
    public bool Matches(Record record)
    {
        foreach (var (field, values) in where)
        {
            var value = field switch
            {
                "label" => record.Label,
                _ => record.Meta.GetString(field),
            };
            if (value is null || !values.Contains(value)) return false;
        }
        return true;
    }

    public override string ToString() => string.Join(", ", where.Select(kv => $"{kv.Key} in [{string.Join(", ", kv.Value)}]"));
}

/// <summary>A per-record step applied only where its condition holds.</summary>
internal sealed class ScopedRecordStep(IRecordStep inner, RecordCondition condition) : IRecordStep
{
    public string Name => inner.Name;

    public Outcome Apply(Record record, long index) => condition.Matches(record) ? inner.Apply(record, index) : Outcome.Keep(record);
}

/// <summary>
/// A redactor (<c>pii.redact</c>) under <c>where</c>: it rewrites only matching records, but still redacts the rejects
/// and export taps of the steps before it, whatever their fields: a record dropped before a <c>split</c> has no split
/// yet, and what a recipe removes must not leak because of where a record was dropped.
/// </summary>
internal sealed class ScopedRedactorStep(IRecordStep inner, IRedactor redactor, RecordCondition condition) : IRecordStep, IRedactor
{
    public string Name => inner.Name;

    public Outcome Apply(Record record, long index) => condition.Matches(record) ? inner.Apply(record, index) : Outcome.Keep(record);

    public Record Redact(Record record) => redactor.Redact(record);

    public string RedactText(string text) => redactor.RedactText(text);
}

/// <summary>A sequential step applied only where its condition holds; its state sees only matching records.</summary>
internal sealed class ScopedSequentialStep(ISequentialStep inner, RecordCondition condition) : ISequentialStep
{
    public string Name => inner.Name;

    public Outcome Apply(Record record, long index) => condition.Matches(record) ? inner.Apply(record, index) : Outcome.Keep(record);
}

public static class StepScopes
{
    /// <summary>Wraps a step so it applies only where <paramref name="condition"/> holds; null leaves it as it is.</summary>
    public static IStep Scope(IStep step, RecordCondition? condition) => (step, condition) switch
    {
        (_, null) => step,
        (IBatchStep b, _) => new ScopedBatchStep(b, condition),
        (IRecordStep r and IRedactor redactor, _) => new ScopedRedactorStep(r, redactor, condition),
        (IRecordStep r, _) => new ScopedRecordStep(r, condition),
        (ISequentialStep s, _) => new ScopedSequentialStep(s, condition),
        (IDatasetStep d, _) => new ScopedDatasetStep(d, condition),
        _ => throw new WinnowException($"step {step.Name} cannot take 'where'", 2),
    };
}
