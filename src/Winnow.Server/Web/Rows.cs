using System.Globalization;
using Winnow.Server.Store;

namespace Winnow.Server.Web;

/// <summary>Table cells shared by the search and review pages.</summary>
internal static class Rows
{
    public static Html Votes(ItemSummary s) =>
        s.Votes.Count == 0 ? Html.Of($"""<span class="muted">none</span>""")
            : Html.Join(s.Votes, v => Html.Of($"""<span class="vote">{v.Annotator}: <b>{v.Label ?? "spans"}</b></span> """));

    /// <summary>The text with each span marked (<c>&lt;mark data-label&gt;</c>); text and labels escaped.</summary>
    public static Html Highlighted(string text, IReadOnlyList<Span> spans)
    {
        var parts = new List<Html>();
        var at = 0;
        foreach (var sp in spans.Where(x => x.Start >= 0 && x.End <= text.Length && x.Start < x.End).OrderBy(x => x.Start).ThenBy(x => x.End))
        {
            if (sp.Start < at) continue; // overlapping spans: the first one shows
            parts.Add(Html.Of($"{text[at..sp.Start]}"));
            parts.Add(Html.Of($"""<mark data-label="{sp.Label}">{text[sp.Start..sp.End]}</mark>"""));
            at = sp.End;
        }
        parts.Add(Html.Of($"{text[at..]}"));
        return Html.Join(parts);
    }

    /// <summary>Each annotator's spans over the text (a spans project), one line per annotator.</summary>
    public static Html SpanVotes(ItemSummary s) =>
        s.SpanVotes.Count == 0 ? Html.Of($"""<p class="muted">No spans from people yet.</p>""")
            : Html.Join(s.SpanVotes, v => Html.Of($"""
                <div class="span-vote"><span class="who">{v.Annotator}</span><span class="text">{Highlighted(s.Text, v.Spans)}</span>{Html.When(v.Spans.Count == 0, Html.Of($"""<span class="muted"> (no entities)</span>"""))}</div>
                """));

    public static Html Suggestion(ItemSummary s) =>
        s.TopSuggestion is null ? Html.Empty
            : Html.Of($"""{s.TopSuggestion} <span class="conf">{(s.TopConfidence is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "")}</span>""");

    public static Html Decided(ItemSummary s) =>
        Html.Of($"""{s.Decided ?? ""} <span class="muted">{s.DecidedBy}</span>{Html.When(s.LabelIssue, new Html(" <span class=\"issue\">issue</span>"))}""");
}
