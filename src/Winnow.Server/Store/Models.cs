namespace Winnow.Server.Store;

/// <summary>Who may do what: an annotator labels its queue; a reviewer also reviews, searches and bulk-labels; an admin also manages people.</summary>
public static class Roles
{
    public const string Annotator = "annotator";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";
    public static readonly IReadOnlyList<string> All = [Annotator, Reviewer, Admin];

    public static int Rank(string role) => role switch { Admin => 3, Reviewer => 2, Annotator => 1, _ => 0 };
}

public sealed record Annotator(long Id, string Name, string Role, bool Active, long CreatedAt);

public sealed record Project(long Id, string Name, string Kind, IReadOnlyList<string> Labels, int K, int GoldEvery)
{
    public bool IsSpans => Kind == ProjectKinds.Spans;
}

public static class ProjectKinds
{
    public const string Label = "label";
    public const string Spans = "spans";
}

/// <summary>A character range of an item's text (UTF-16 offsets, end exclusive) with its entity type.</summary>
public sealed record Span(int Start, int End, string Label);

public sealed record Suggestion(string? Label, double? Confidence, string Source, IReadOnlyList<Span>? Spans = null);

/// <summary>An item as it goes into the store.</summary>
public sealed record NewItem(
    string ExtId,
    string Text,
    string RecordJson,
    string? OriginalLabel,
    IReadOnlyList<Suggestion> Suggestions,
    IReadOnlyList<string>? LabelSet = null,
    bool LabelIssue = false,
    string? Cluster = null,
    bool IsGold = false,
    string? GoldLabel = null,
    IReadOnlyList<Span>? GoldSpans = null);

/// <summary>An item as an annotator sees it: blind (no other annotator's labels).</summary>
public sealed record QueueItem(
    long Id, string ExtId, string Text, IReadOnlyList<string> Labels, IReadOnlyList<Suggestion> Suggestions,
    bool LabelIssue, string ProjectKind, string Project);

public sealed record AnnotationInput(string? Label, IReadOnlyList<Span>? Spans, double? Seconds, string? RequestKey);

public enum AnnotateStatus { Created, Repeated, NotAssigned, AlreadyAnnotated, Invalid, NotFound }

public sealed record AnnotateResult(AnnotateStatus Status, long AnnotationId = 0, string? Error = null);

/// <summary>An item in search and review lists, with what people and the model said.</summary>
public sealed record ItemSummary(
    long Id, string ExtId, string Text, string? TopSuggestion, double? TopConfidence, bool LabelIssue, string? Cluster,
    IReadOnlyList<(string Annotator, string? Label)> Votes, string? Decided, string? DecidedBy, string? ReviewState, bool IsGold)
{
    /// <summary>Each annotator's spans (a spans project), in the order of <see cref="Votes"/>.</summary>
    public IReadOnlyList<(string Annotator, IReadOnlyList<Span> Spans)> SpanVotes { get; init; } = [];

    /// <summary>The top suggestion's spans (a spans project), or null.</summary>
    public IReadOnlyList<Span>? TopSpans { get; init; }
}

public sealed record SearchQuery(
    string? Text = null, string? Label = null, string? Suggestion = null, double? MinConfidence = null, double? MaxConfidence = null,
    bool? LabelIssue = null, string? Cluster = null, int Limit = 200);

public sealed record AnnotatorStats(
    string Name, string Role, long Done, long Skipped, double? MeanSeconds, double PerHour, long GoldSeen, long GoldCorrect);

public sealed record ProjectStats(
    string Project, long Items, long GoldItems, long Complete, long Annotations, long Reviewed, IReadOnlyList<AnnotatorStats> Annotators);

/// <summary>One active human label, for agreement measures: <c>{item, annotator, label}</c>.</summary>
public sealed record LabelRow(string Item, string Annotator, string Label);
