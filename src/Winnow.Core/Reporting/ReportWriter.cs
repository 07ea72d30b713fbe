using System.Globalization;
using System.Text;
using System.Text.Json;
using Winnow.Core.Running;
using static Winnow.Core.Reporting.Svg;

namespace Winnow.Core.Reporting;

/// <summary>
/// <c>report.html</c>: one self-contained page (inline CSS and SVG, no script, no network) that a person can read
/// to trust a run: the funnel through every step with reasons and examples of dropped records, labels as read and
/// as written, classes before and after balance, lengths and tokens, duplicate clusters, split sizes and derived
/// records per class, sample rows per class, and the manifest's hashes. Deterministic: built only from the manifest,
/// the profile and the finished output and rejects files, so a resumed run reports the same.
/// </summary>
public static class ReportWriter
{
    private const int ExamplesPerReason = 3;
    private static readonly string[] InOut = ["read", "written"];
    private static readonly string[] Colors = ["#9db4d3", "#2a6bb0"];

    public static string Render(Manifest manifest, RunProfile profile, string outputDirectory)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Winnow report: ")
            .Append(Esc(manifest.Recipe.Name)).Append("</title><style>")
            .Append("body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:980px;color:#222;padding:0 1em}")
            .Append("h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}table{border-collapse:collapse;margin:.5em 0}")
            .Append("td,th{padding:3px 10px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}")
            .Append("code,.ex{font:12px ui-monospace,monospace}.ex{color:#555;max-width:560px;overflow-wrap:anywhere}.muted{color:#777}")
            .Append("</style></head><body>");
        var read = manifest.Inputs.Sum(i => i.Records);
        var written = profile.LabelsOut.Values.Sum();
        html.Append(CultureInfo.InvariantCulture, $"<h1>Winnow report: {Esc(manifest.Recipe.Name)}</h1><p>{read:N0} records read from {manifest.Inputs.Count} input(s); {written:N0} written. Seed {manifest.Seed}, winnow {Esc(manifest.Version)}.</p>");

        Funnel(html, manifest, outputDirectory);
        Labels(html, profile);
        Balance(html, manifest);
        VariantsSection.Append(html, manifest);
        Lengths(html, profile);
        Tokens(html, profile);
        Duplicates(html, manifest, outputDirectory);
        Languages(html, profile);
        TopicsSection.Append(html, profile);
        Pii(html, manifest, profile, outputDirectory);
        Splits(html, profile);
        SplitChecksSection.Append(html, manifest);
        Samples(html, profile);
        Files(html, manifest);
        return html.Append("</body></html>\n").ToString();
    }

    private static void Funnel(StringBuilder html, Manifest manifest, string outputDirectory)
    {
        html.Append("<h2 id=\"funnel\">Funnel</h2><table><tr><th>step</th><th>in</th><th>out</th><th>created</th><th>dropped, by reason</th></tr>");
        var malformed = manifest.Inputs.Sum(i => i.Malformed);
        html.Append(CultureInfo.InvariantCulture, $"<tr><td>read</td><td class=n></td><td class=n>{manifest.Inputs.Sum(i => i.Records) - malformed:N0}</td><td></td><td>{(malformed > 0 ? $"{malformed:N0} malformed_input" : "")}</td></tr>");
        foreach (var s in manifest.Steps)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{Esc(s.Name)}</code></td><td class=n>{s.In:N0}</td><td class=n>{s.Out:N0}</td><td class=n>{s.Created:N0}</td><td>{Esc(string.Join(", ", s.Dropped.Select(d => $"{d.Value:N0} {d.Key}")))}</td></tr>");
        html.Append("</table>");
        var rows = new List<(string, long[])> { ("read", [manifest.Inputs.Sum(i => i.Records) - malformed]) };
        rows.AddRange(manifest.Steps.Select(s => (s.Name, new[] { s.Out })));
        html.Append(Bars(rows, ["records after the step"], [Colors[1]]));

        var rejected = manifest.Steps.Where(s => s.Rejects is not null).ToList();
        if (rejected.Count == 0 && malformed == 0) return;
        html.Append("<h3>Examples of dropped records</h3><table><tr><th>step</th><th>reason</th><th>record</th></tr>");
        foreach (var (step, file) in rejected.Select(s => (s.Name, s.Rejects!)).Prepend(("read", "rejects/input.jsonl")))
            foreach (var (reason, text) in RejectExamples(Path.Combine(outputDirectory, file)))
                html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{Esc(step)}</code></td><td>{Esc(reason)}</td><td class=ex>{Esc(text)}</td></tr>");
        html.Append("</table>");
    }

    /// <summary>The first few rejected records of each reason in a rejects file: (reason, text).</summary>
    private static IEnumerable<(string, string)> RejectExamples(string path)
    {
        if (!File.Exists(path)) yield break;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in IO.Readers.LineReader.FileLines(path))
        {
            // Most lines are of a reason already shown: told from the line's last "reason" key, not a parse of it.
            if (LastReason(line.Span) is { } quick && seen.GetValueOrDefault(quick) >= ExamplesPerReason) continue;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var reason = root.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : "";
            if (seen.GetValueOrDefault(reason) >= ExamplesPerReason) continue;
            seen[reason] = seen.GetValueOrDefault(reason) + 1;
            var text = root.TryGetProperty("text", out var t) ? t.GetString()
                : root.TryGetProperty("raw", out var raw) ? raw.GetString() : root.GetRawText();
            var detail = root.TryGetProperty("detail", out var d) ? $" ({d.GetString()})" : root.TryGetProperty("error", out var e) ? $" ({e.GetString()})" : "";
            text ??= "";
            yield return (reason, (text.Length > 240 ? text[..240] + "…" : text) + detail);
        }
    }

    /// <summary>
    /// The value of a reject line's top-level <c>reason</c>: the runner appends it after the record's own keys, and only
    /// <c>detail</c> and <c>step</c> (strings, whose quotes are escaped) follow it. Null when the line is not of that
    /// shape (a malformed-input reject puts <c>reason</c> early; it is then parsed).
    /// </summary>
    private static string? LastReason(ReadOnlySpan<byte> line)
    {
        var at = line.LastIndexOf("\"reason\":\""u8);
        if (at < 0) return null;
        var value = line[(at + 10)..];
        var end = value.IndexOfAny((byte)'"', (byte)'\\');
        if (end < 0 || value[end] != (byte)'"') return null;
        var rest = value[(end + 1)..];
        return rest.StartsWith(",\"detail\":"u8) || rest.StartsWith(",\"step\":"u8) ? Encoding.UTF8.GetString(value[..end]) : null;
    }

    private static void Labels(StringBuilder html, RunProfile profile)
    {
        if (profile.LabelsIn.Count == 0 && profile.LabelsOut.Count == 0) return;
        html.Append("<h2 id=\"labels\">Labels</h2>");
        var labels = profile.LabelsIn.Keys.Union(profile.LabelsOut.Keys).OrderByDescending(l => profile.LabelsOut.GetValueOrDefault(l)).ThenBy(l => l, StringComparer.Ordinal).ToList();
        html.Append(CultureInfo.InvariantCulture, $"<p>{labels.Count} label(s). Largest ÷ smallest class: read {Ratio(profile.LabelsIn)}, written {Ratio(profile.LabelsOut)}.</p>");
        html.Append(Bars(labels.Select(l => (l, new[] { profile.LabelsIn.GetValueOrDefault(l), profile.LabelsOut.GetValueOrDefault(l) })).ToList(), InOut, Colors));
    }

    private static string Ratio(IDictionary<string, long> counts) =>
        counts.Count == 0 ? "–" : (counts.Values.Max() / (double)Math.Max(1, counts.Values.Min())).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Records per class right before and after each <c>balance</c> step (from its manifest details), and largest ÷ smallest.</summary>
    private static void Balance(StringBuilder html, Manifest manifest)
    {
        foreach (var step in manifest.Steps.Where(s => s.Details is { } d && d.ContainsKey("classes_before") && d.ContainsKey("classes_after")))
        {
            var (before, after) = (step.Details!["classes_before"], step.Details["classes_after"]);
            var classes = before.Keys.Union(after.Keys).OrderByDescending(before.GetValueOrDefault).ThenBy(c => c, StringComparer.Ordinal).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"balance\">Balance: <code>{Esc(step.Name)}</code></h2><p>{classes.Count} class(es), {before.Values.Sum():N0} records before and {after.Values.Sum():N0} after. Largest ÷ smallest class: before {Ratio(before)}, after {Ratio(after)}.</p>");
            html.Append(Bars(classes.Select(c => (c, new[] { before.GetValueOrDefault(c), after.GetValueOrDefault(c) })).ToList(), ["before balance", "after balance"], Colors));
            BalanceShortfall(html, step.Details);
        }
    }

    /// <summary><c>strategy: target</c>: the classes that stayed below target, by how much and why (the share cap, or generators that ran out).</summary>
    private static void BalanceShortfall(StringBuilder html, SortedDictionary<string, SortedDictionary<string, long>> details)
    {
        if (!details.TryGetValue("short", out var shortBy) || shortBy.Count == 0) return;
        var cap = details.GetValueOrDefault("short_by_cap") ?? [];
        var generators = details.GetValueOrDefault("short_by_generators") ?? [];
        var target = details.GetValueOrDefault("target")?.GetValueOrDefault("per_class") ?? 0;
        html.Append(CultureInfo.InvariantCulture, $"<p><b>{shortBy.Count} class(es) stayed below the target of {target:N0}</b>:</p><table><tr><th>class</th><th>short by</th><th>of which the synthetic share cap</th><th>of which the generators ran out</th></tr>");
        foreach (var (c, n) in shortBy.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Esc(c)}</td><td class=n>{n:N0}</td><td class=n>{cap.GetValueOrDefault(c):N0}</td><td class=n>{generators.GetValueOrDefault(c):N0}</td></tr>");
        html.Append("</table>");
    }

    /// <summary>The largest duplicate clusters (kept text and dropped members) and counts per dedup step.</summary>
    private static void Duplicates(StringBuilder html, Manifest manifest, string outputDirectory)
    {
        var (largest, byStep) = DuplicateClusters.Collect(manifest, outputDirectory);
        if (byStep.Count == 0) return;
        html.Append("<h2 id=\"duplicates\">Duplicate clusters</h2><table><tr><th>step</th><th>clusters</th><th>records dropped</th></tr>");
        foreach (var (step, c) in byStep)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{Esc(step)}</code></td><td class=n>{(c.Capped ? "≥ " : "")}{c.Clusters:N0}</td><td class=n>{c.Dropped:N0}</td></tr>");
        html.Append(CultureInfo.InvariantCulture, $"</table><h3>The {largest.Count} largest</h3><table class=dups><tr><th>step</th><th>size</th><th>kept</th><th>dropped (up to {DuplicateClusters.MembersShown})</th></tr>");
        foreach (var c in largest)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{Esc(c.Step)}</code></td><td class=n>{c.Dropped + 1:N0}</td><td class=ex>{Esc(c.KeptText ?? $"(record {c.Kept}, not in a JSONL output)")}</td><td class=ex>")
                .Append(c.Members.Count == 0 ? $"<span class=muted>{c.Dropped:N0} identical</span>" : string.Join("<br>", c.Members.Select(Esc))).Append("</td></tr>");
        html.Append("</table>");
    }

    private static void Lengths(StringBuilder html, RunProfile profile)
    {
        html.Append("<h2 id=\"lengths\">Lengths</h2>");
        html.Append(Histogram(BinNames(RunProfile.LengthBins), [profile.LengthsIn, profile.LengthsOut], InOut, Colors));
    }

    /// <summary>Tokens of written records, from <c>meta.tokens</c> (set by <c>enrich</c>); only when some record has it.</summary>
    private static void Tokens(StringBuilder html, RunProfile profile)
    {
        if (profile.TokensOut.Sum() == 0) return;
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"tokens\">Tokens</h2><p>{profile.TokensOut.Sum():N0} written records have <code>meta.tokens</code>.</p>");
        html.Append(Histogram(BinNames(RunProfile.TokenBins), [profile.TokensOut], [InOut[1]], [Colors[1]], unit: "tokens"));
    }

    private static string[] BinNames(int[] bounds) => bounds.Select(b => $"≤{b}").Append($">{bounds[^1]}").ToArray();

    private static void Languages(StringBuilder html, RunProfile profile)
    {
        if (profile.Languages.Count == 0) return;
        html.Append("<h2 id=\"languages\">Languages</h2>");
        html.Append(Bars(profile.Languages.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (kv.Key, new[] { kv.Value })).ToList(), ["records written"], [Colors[1]]));
    }

    /// <summary>Personal data by type: replaced (from <c>meta.pii</c>) and in dropped records (from the rejects' detail).</summary>
    private static void Pii(StringBuilder html, Manifest manifest, RunProfile profile, string outputDirectory)
    {
        var dropped = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var step in manifest.Steps.Where(s => s.Name == "pii.redact" && s.Rejects is not null))
            foreach (var line in IO.Readers.LineReader.FileLines(Path.Combine(outputDirectory, step.Rejects!)))
            {
                using var doc = JsonDocument.Parse(line);
                if (!doc.RootElement.TryGetProperty("detail", out var d) || d.GetString() is not { } detail) continue;
                foreach (var part in detail.Split(',', StringSplitOptions.RemoveEmptyEntries))
                    if (part.Split('=') is [var type, var n] && long.TryParse(n, out var count))
                        dropped[type] = dropped.GetValueOrDefault(type) + count;
            }
        if (profile.Pii.Count == 0 && dropped.Count == 0) return;
        html.Append("<h2 id=\"pii\">Personal data</h2><p>Counted in written records that are not copies of others (oversampled or augmented copies repeat their parent's finds).</p>")
            .Append("<table><tr><th>type</th><th>replaced</th><th>records</th><th>in dropped records</th></tr>");
        foreach (var type in profile.Pii.Keys.Union(dropped.Keys).Order(StringComparer.Ordinal))
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Esc(type)}</td><td class=n>{profile.Pii.GetValueOrDefault(type):N0}</td><td class=n>{profile.PiiRecords.GetValueOrDefault(type):N0}</td><td class=n>{dropped.GetValueOrDefault(type):N0}</td></tr>");
        html.Append("</table>");
    }

    private static void Splits(StringBuilder html, RunProfile profile)
    {
        html.Append("<h2 id=\"splits\">Splits</h2>");
        var splits = profile.Splits.Keys.ToList();
        var total = profile.LabelsOut.Values.Sum();
        html.Append(CultureInfo.InvariantCulture, $"<p>Derived records (augmented, oversampled or synthetic, named by provenance): {profile.DerivedOut:N0} of {total:N0}.</p>");
        html.Append("<table id=\"split-sizes\"><tr><th>label</th>").Append(string.Concat(splits.Select(s => $"<th>{Esc(s)}</th>"))).Append("<th>derived</th><th>derived share</th></tr>");
        html.Append("<tr><td><b>all</b></td>").Append(string.Concat(splits.Select(s => $"<td class=n><b>{profile.Splits[s].Values.Sum():N0}</b></td>")))
            .Append(CultureInfo.InvariantCulture, $"<td class=n><b>{profile.DerivedOut:N0}</b></td><td class=n><b>{Share(profile.DerivedOut, total)}</b></td></tr>");
        html.Append("<tr><td>copies added</td>").Append(string.Concat(splits.Select(s => $"<td class=n>{profile.DerivedBySplit.GetValueOrDefault(s):N0}</td>"))).Append("<td></td><td></td></tr>");
        html.Append("<tr><td>largest ÷ smallest</td>").Append(string.Concat(splits.Select(s => $"<td class=n>{Ratio(profile.Splits[s])}</td>"))).Append("<td></td><td></td></tr>");
        foreach (var (label, count) in profile.LabelsOut)
            html.Append("<tr><td>").Append(Esc(label)).Append("</td>")
                .Append(string.Concat(splits.Select(s => $"<td class=n>{profile.Splits[s].GetValueOrDefault(label):N0}</td>")))
                .Append(CultureInfo.InvariantCulture, $"<td class=n>{profile.DerivedByLabel.GetValueOrDefault(label):N0}</td><td class=n>{Share(profile.DerivedByLabel.GetValueOrDefault(label), count)}</td></tr>");
        html.Append("</table>");
    }

    private static string Share(long part, long whole) => whole == 0 ? "–" : (part / (double)whole).ToString("0.0%", CultureInfo.InvariantCulture);

    private static void Samples(StringBuilder html, RunProfile profile)
    {
        html.Append("<h2 id=\"samples\">Sample rows per label</h2><table><tr><th>label</th><th>text</th></tr>");
        foreach (var (label, examples) in profile.Examples)
            foreach (var text in examples)
                html.Append("<tr><td>").Append(Esc(label)).Append("</td><td class=ex>").Append(Esc(text)).Append("</td></tr>");
        html.Append("</table>");
    }

    private static void Files(StringBuilder html, Manifest manifest)
    {
        html.Append("<h2 id=\"files\">Files</h2><p>Recipe <code>").Append(Esc(manifest.Recipe.Name)).Append("</code> sha256 <code>")
            .Append(manifest.Recipe.Sha256).Append(CultureInfo.InvariantCulture, $"</code>, seed {manifest.Seed}.</p><table><tr><th></th><th>path</th><th>records</th><th>sha256</th></tr>");
        foreach (var i in manifest.Inputs)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>input</td><td><code>{Esc(i.Path)}</code></td><td class=n>{i.Records:N0}</td><td><code>{i.Sha256}</code></td></tr>");
        foreach (var o in manifest.Outputs.Concat(manifest.Rejects))
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{(o.Format is null ? "rejects" : Esc(o.Format))}</td><td><code>{Esc(o.Path)}</code></td><td class=n>{o.Records:N0}</td><td><code>{o.Sha256}</code></td></tr>");
        html.Append("</table>");
    }
}
