using System.Collections.Immutable;
using Winnow.Annotation.Apply;
using Winnow.Core;
using Winnow.Core.Records;
using Winnow.Core.Services;
using Winnow.Server.Store;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// <c>annotate.apply</c> with <c>store:</c>: the decisions of a project in the labelling app's store, as
/// <c>winnow annotate export</c> makes them (a review or bulk decision, else the gold answer, else the strict
/// majority of the active labels; spans: the set every annotator gave). Keyed by the record id the item was
/// loaded with. Confidence: the share of votes that agree with the decision (none for review, bulk and gold).
/// </summary>
internal sealed class StoreDecisionSource(string db, string? project) : IDecidedLabelSource
{
    private readonly (string Db, string? Project) _asked = (db, project);
    private string _display = StoreLocation.Parse(db).Display;
    private string? _project = project;

    public static LabelStoreSourceFactory Factory { get; } = (db, project) => new StoreDecisionSource(db, project);

    public string Description => $"{_display} (project {_project ?? "first"})";

    public string ProvenanceName => $"store {Path.GetFileName(_display)}, project {_project ?? "first"}";

    public IReadOnlyDictionary<string, DecidedLabel> Load(CancellationToken cancellationToken)
    {
        var store = LabelStore.OpenAsync(_asked.Db).GetAwaiter().GetResult();
        _display = store.Location.Display;
        var p = store.ProjectAsync(_asked.Project).GetAwaiter().GetResult()
            ?? throw new WinnowException(_asked.Project is { } n ? $"annotate.apply: no project '{n}' in {_display}" : $"annotate.apply: {_display} holds no project", 2);
        _project = p.Name;
        var decided = new Dictionary<string, DecidedLabel>(StringComparer.Ordinal);
        foreach (var item in store.ExportAsync(p).ToBlockingEnumerable(cancellationToken))
        {
            var id = item.ExtId;
            var byPeople = item.Status is "majority" or "agreed";
            if (p.IsSpans)
            {
                if (item.Spans is null) continue;
                var spans = item.Spans.Select(s => new TextSpan(s.Start, s.End, s.Label)).ToImmutableArray();
                decided[id] = new DecidedLabel(null, spans, byPeople ? 1.0 : null, item.Votes.Count);
            }
            else
            {
                if (item.Label is null) continue;
                var agreeing = item.Votes.Count(v => v.Label == item.Label);
                decided[id] = new DecidedLabel(item.Label, default, byPeople && item.Votes.Count > 0 ? (double)agreeing / item.Votes.Count : null, item.Votes.Count);
            }
        }
        return decided;
    }
}
