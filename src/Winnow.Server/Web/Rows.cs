using System.Globalization;
using Winnow.Server.Store;

namespace Winnow.Server.Web;

/// <summary>Table cells shared by the search and review pages.</summary>
internal static class Rows
{
    public static Html Votes(ItemSummary s) =>
        s.Votes.Count == 0 ? Html.Of($"""<span class="muted">none</span>""")
            : Html.Join(s.Votes, v => Html.Of($"""<span class="vote">{v.Annotator}: <b>{v.Label ?? "spans"}</b></span> """));

    public static Html Suggestion(ItemSummary s) =>
        s.TopSuggestion is null ? Html.Empty
            : Html.Of($"""{s.TopSuggestion} <span class="conf">{(s.TopConfidence is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "")}</span>""");

    public static Html Decided(ItemSummary s) =>
        Html.Of($"""{s.Decided ?? ""} <span class="muted">{s.DecidedBy}</span>{Html.When(s.LabelIssue, new Html(" <span class=\"issue\">issue</span>"))}""");
}
