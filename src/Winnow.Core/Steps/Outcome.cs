using System.Collections.Immutable;
using Winnow.Core.Records;

namespace Winnow.Core.Steps;

/// <summary>
/// What a step did with one record: kept it (maybe changed), dropped it with a stable snake_case reason, and
/// possibly created new records (each naming its parent in its provenance). A step that makes candidates and throws
/// some away (an augmenter's guards) returns those in <see cref="Rejected"/>: the runner writes them to the step's
/// rejects with their reasons, so nothing made is lost from sight. They never entered the stream, so they are not part
/// of <c>in = out + dropped − created</c>.
/// </summary>
public readonly record struct Outcome
{
    public Record? Kept { get; private init; }
    public string? DropReason { get; private init; }
    /// <summary>Optional human detail for a drop (which rule, which value); goes to the reject entry.</summary>
    public string? DropDetail { get; private init; }
    public ImmutableArray<Record> Created { get; private init; }

    /// <summary>Records the step made and turned away (each with its reason); written to rejects, never to outputs.</summary>
    public ImmutableArray<RejectedRecord> Rejected { get; private init; }

    public static Outcome Keep(Record record) => new() { Kept = record, Created = ImmutableArray<Record>.Empty };

    public static Outcome Drop(string reason, string? detail = null) =>
        new() { DropReason = reason, DropDetail = detail, Created = ImmutableArray<Record>.Empty };

    /// <summary>Keep <paramref name="record"/> (or drop it when null) and add <paramref name="created"/> after it.</summary>
    public static Outcome KeepAndCreate(Record? record, ImmutableArray<Record> created) =>
        new() { Kept = record, Created = created, DropReason = record is null ? "replaced" : null };

    /// <summary>This outcome, with <paramref name="rejected"/> made and turned away beside it.</summary>
    public Outcome WithRejected(ImmutableArray<RejectedRecord> rejected) => this with { Rejected = rejected };
}

/// <summary>A record a step made and turned away, with a stable snake_case reason and an optional human detail.</summary>
public sealed record RejectedRecord(Record Record, string Reason, string? Detail = null);
