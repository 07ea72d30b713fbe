using System.Globalization;
using System.Text;
using Winnow.Core.Running;

namespace Winnow.Core.Reporting;

/// <summary>
/// The report's warning when one text sits in two splits: from a step's <c>identical_across_splits</c> details
/// (distinct texts per pair of splits), which <c>split</c> reports. Nothing when there are none.
/// </summary>
public static class SplitChecksSection
{
    public const string Identical = "identical_across_splits";

    public static void Append(StringBuilder html, Manifest manifest)
    {
        foreach (var step in manifest.Steps)
        {
            if (step.Details is not { } d || !d.TryGetValue(Identical, out var pairs) || pairs.Count == 0) continue;
            html.Append(CultureInfo.InvariantCulture, $"<p id=\"identical-across-splits\" style=\"color:#a40\"><b>Identical texts in two splits</b> (<code>{System.Net.WebUtility.HtmlEncode(step.Name)}</code>): ")
                .Append(string.Join(", ", pairs.Select(p => $"{p.Value:N0} in both {System.Net.WebUtility.HtmlEncode(p.Key.Replace("+", " and ", StringComparison.Ordinal))}")))
                .Append(". An evaluation on them measures memory, not skill: run dedup after the steps that change texts (<code>pii.redact</code>, <code>normalize</code>), or set <code>identical_across: fail</code>.</p>");
        }
    }

    /// <summary>The same, as plain lines for the run summary.</summary>
    public static IEnumerable<string> Lines(Manifest manifest)
    {
        foreach (var step in manifest.Steps)
        {
            if (step.Details is not { } d || !d.TryGetValue(Identical, out var pairs) || pairs.Count == 0) continue;
            yield return $"warning: {step.Name}: identical texts in two splits: {string.Join(", ", pairs.Select(p => $"{p.Value:N0} in both {p.Key.Replace("+", " and ", StringComparison.Ordinal)}"))}; " +
                "run dedup after pii.redact/normalize, or set identical_across: fail";
        }
    }
}
