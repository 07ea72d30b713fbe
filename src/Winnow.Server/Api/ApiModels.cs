using Winnow.Server.Store;

namespace Winnow.Server.Api;

/// <summary>An item in the queue, as <c>GET /api/next</c> returns it: no other annotator's labels (blind).</summary>
public sealed record ItemDto(long Id, string ExtId, string Project, string Kind, string Text, IReadOnlyList<string> Labels,
    IReadOnlyList<SuggestionDto> Suggestions, bool LabelIssue)
{
    public static ItemDto Of(QueueItem i) => new(i.Id, i.ExtId, i.Project, i.ProjectKind, i.Text, i.Labels,
        i.Suggestions.Select(s => new SuggestionDto(s.Label, s.Confidence, s.Source, s.Spans)).ToList(), i.LabelIssue);
}

public sealed record SuggestionDto(string? Label, double? Confidence, string Source, IReadOnlyList<Span>? Spans);

/// <summary><c>POST /api/items/{id}/annotations</c>: a label, or spans in a spans project; seconds spent (optional).</summary>
public sealed record AnnotationRequest(string? Label, IReadOnlyList<Span>? Spans, double? Seconds);

/// <summary><c>POST /api/items/{id}/review</c>: approve (optionally with the final label or spans) or reject, with a comment.</summary>
public sealed record ReviewRequest(string Decision, string? Label, IReadOnlyList<Span>? Spans, string? Comment);

/// <summary><c>POST /api/bulk-label</c>: these item ids, or every item a search matches, get the label.</summary>
public sealed record BulkLabelRequest(string Label, IReadOnlyList<long>? Ids, SearchQuery? Query);

public sealed record NewUserRequest(string Name, string? Role);

public sealed record UserUpdateRequest(string? Role, bool? Active);

public sealed record SummaryDto(long Id, string ExtId, string Text, string? Suggestion, double? Confidence, bool LabelIssue, string? Cluster,
    IReadOnlyList<VoteDto> Votes, string? Decided, string Status, string? ReviewState, string? Reason)
{
    public static SummaryDto Of(ItemSummary s, string? reason = null) => new(s.Id, s.ExtId, s.Text, s.TopSuggestion, s.TopConfidence, s.LabelIssue,
        s.Cluster, s.Votes.Select(v => new VoteDto(v.Annotator, v.Label)).ToList(), s.Decided, s.DecidedBy ?? "", s.ReviewState, reason);
}

public sealed record VoteDto(string Annotator, string? Label);
