using System.Globalization;
using System.Text;
using System.Net;
using Winnow.Core.Running;

namespace Winnow.Core.Reporting;

/// <summary>
/// The report's table of what each augmenter made and kept, and why the rest went: from a step's <c>variants</c>
/// (<c>made</c>, <c>kept</c>) and <c>variants_dropped</c> details, and its <c>chat</c> tokens when it used a model.
/// Keyed on the tables, not on step names: any step that reports them appears.
/// </summary>
public static class VariantsSection
{
    public static void Append(StringBuilder html, Manifest manifest)
    {
        var steps = manifest.Steps.Where(s => s.Details?.ContainsKey("variants") == true).ToList();
        if (steps.Count == 0) return;
        html.Append("<h2 id=\"augmentation\">Augmentation</h2><table><tr><th>step</th><th>variants made</th><th>kept</th><th>dropped by the augmenter or its guards</th><th>chat tokens (prompt + completion)</th></tr>");
        foreach (var s in steps)
        {
            var v = s.Details!["variants"];
            var dropped = s.Details.TryGetValue("variants_dropped", out var d) ? string.Join(", ", d.Select(x => $"{x.Value:N0} {x.Key}")) : "–";
            var chat = s.Details.TryGetValue("chat", out var c) ? $"{c.GetValueOrDefault("prompt_tokens"):N0} + {c.GetValueOrDefault("completion_tokens"):N0}" : "–";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td><code>{WebUtility.HtmlEncode(s.Name)}</code></td><td class=n>{v.GetValueOrDefault("made"):N0}</td><td class=n>{v.GetValueOrDefault("kept"):N0}</td><td>{WebUtility.HtmlEncode(dropped)}</td><td class=n>{chat}</td></tr>");
        }
        html.Append("</table>");
    }
}
