using System.Globalization;
using System.Text;
using static Winnow.Core.Reporting.Svg;

namespace Winnow.Core.Reporting;

/// <summary>
/// The report's topics table (when enrich wrote <c>meta.topic</c>): topic id, its words, records written and their
/// share, largest topic first. Topic −1 collects records that share no word with any topic.
/// </summary>
internal static class TopicsSection
{
    public static void Append(StringBuilder html, RunProfile profile)
    {
        if (profile.Topics.Count == 0) return;
        var total = Math.Max(1, profile.Topics.Values.Sum());
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"topics\">Topics</h2><p>{profile.Topics.Count} topic(s), named by their most distinctive words (c-TF-IDF).</p>")
            .Append("<table><tr><th>topic</th><th>words</th><th>records</th><th>share</th></tr>");
        foreach (var (key, count) in profile.Topics.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var cut = key.IndexOf('_');
            var (id, words) = cut < 0 ? (key, "") : (key[..cut], key[(cut + 1)..].Replace('_', ' '));
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td class=n>{Esc(id)}</td><td>{Esc(words)}</td><td class=n>{count:N0}</td><td class=n>{count * 100.0 / total:0.0}%</td></tr>");
        }
        html.Append("</table>");
    }
}
