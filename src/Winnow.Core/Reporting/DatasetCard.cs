using System.Globalization;
using System.Text;
using Winnow.Core.Running;

namespace Winnow.Core.Reporting;

/// <summary>
/// The output's <c>README.md</c>: a dataset card in the Hugging Face layout (YAML header with licence, tasks,
/// languages, size category; then summary, sources, processing written from the manifest, annotations,
/// augmentation and synthetic share, splits, limitations). Deterministic, like the manifest.
/// </summary>
public static class DatasetCard
{
    public static string Render(Manifest manifest, RunProfile profile, CardOptions card, IReadOnlyList<IO.OutputSpec> outputs)
    {
        var total = profile.LabelsOut.Values.Sum();
        var sb = new StringBuilder();
        sb.Append("---\n");
        sb.Append(CultureInfo.InvariantCulture, $"pretty_name: {Yaml(card.PrettyName ?? manifest.Recipe.Name)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"license: {Yaml(card.License)}\n");
        List("task_categories", card.TaskCategories, sb);
        List("language", card.Language, sb);
        sb.Append(CultureInfo.InvariantCulture, $"size_categories:\n- {SizeCategory(total)}\n");
        if (profile.Splits.Count > 0)
        {
            sb.Append("configs:\n- config_name: default\n  data_files:\n");
            // The first record-JSONL output per split: what the hub's loader reads as that split.
            var pattern = outputs.FirstOrDefault(o => o.Path.Contains("{split}", StringComparison.Ordinal)
                && manifest.Outputs.Any(m => m.Format == "jsonl" && m.Path == o.Path.Replace("{split}", profile.Splits.Keys.First(), StringComparison.Ordinal)));
            foreach (var split in profile.Splits.Keys)
                if (pattern?.Path.Replace("{split}", split, StringComparison.Ordinal) is { } path && manifest.Outputs.Any(m => m.Path == path))
                    sb.Append(CultureInfo.InvariantCulture, $"  - split: {Yaml(split)}\n    path: {Yaml(path)}\n");
        }
        sb.Append("---\n\n");

        sb.Append(CultureInfo.InvariantCulture, $"# {card.PrettyName ?? manifest.Recipe.Name}\n\n");
        sb.Append("## Dataset summary\n\n");
        if (card.Description is not null) sb.Append(card.Description.Trim()).Append("\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"{total:N0} records in {profile.LabelsOut.Count} label(s), prepared by winnow {manifest.Version} from recipe `{manifest.Recipe.Name}` (sha256 `{manifest.Recipe.Sha256}`, seed {manifest.Seed}). `manifest.json` accounts for every record; `report.html` shows the run.\n\n");

        sb.Append("## Sources\n\n");
        if (card.Sources is not null) sb.Append(card.Sources.Trim()).Append("\n\n");
        sb.Append("| input | records | malformed | sha256 |\n|---|---:|---:|---|\n");
        foreach (var i in manifest.Inputs) sb.Append(CultureInfo.InvariantCulture, $"| `{i.Path}` | {i.Records:N0} | {i.Malformed:N0} | `{i.Sha256}` |\n");

        sb.Append("\n## Processing\n\n| step | in | out | dropped | created |\n|---|---:|---:|---|---:|\n");
        foreach (var s in manifest.Steps)
            sb.Append(CultureInfo.InvariantCulture, $"| `{s.Name}` | {s.In:N0} | {s.Out:N0} | {(s.Dropped.Count == 0 ? "–" : string.Join(", ", s.Dropped.Select(d => $"{d.Value:N0} {d.Key}")))} | {s.Created:N0} |\n");
        sb.Append("\nEvery dropped record is in `rejects/<step>.jsonl` with its reason.\n\n");

        sb.Append("## Annotations\n\n");
        if (profile.LabelsOut.Count == 0) sb.Append("The records carry no labels.\n\n");
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"{profile.LabelsOut.Count} label(s); largest ÷ smallest class: {Ratio(profile.LabelsOut)} over all records written, {profile.DerivedOut:N0} of them copies or variants of others (as read: {Ratio(profile.LabelsIn)}).");
            if (profile.Splits.Count > 1)
                sb.Append(" Per split: ").Append(string.Join(", ", profile.Splits.Select(kv =>
                    $"{kv.Key} {Ratio(kv.Value)}{(profile.DerivedBySplit.GetValueOrDefault(kv.Key) is var d and > 0 ? $" (with {d:N0} copies added)" : "")}"))).Append('.');
            sb.Append("\n\n| label | records | share |\n|---|---:|---:|\n");
            foreach (var (label, n) in profile.LabelsOut.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
                sb.Append(CultureInfo.InvariantCulture, $"| {label.Replace("|", "\\|")} | {n:N0} | {100.0 * n / Math.Max(1, total):0.0}% |\n");
            sb.Append('\n');
        }

        sb.Append("## Augmentation and synthetic data\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"{profile.DerivedOut:N0} of {total:N0} records ({100.0 * profile.DerivedOut / Math.Max(1, total):0.0}%) were derived from others (augmentation, oversampling or synthesis); each names its parent in `provenance`.\n\n");

        sb.Append("## Splits\n\n| split | records | copies added | largest ÷ smallest class |\n|---|---:|---:|---:|\n");
        foreach (var (split, counts) in profile.Splits)
            sb.Append(CultureInfo.InvariantCulture, $"| {split} | {counts.Values.Sum():N0} | {profile.DerivedBySplit.GetValueOrDefault(split):N0} | {Ratio(counts)} |\n");

        sb.Append("\n## Known limitations\n\n");
        foreach (var l in card.Limitations) sb.Append("- ").Append(l).Append('\n');
        if (profile.LabelsOut.Count > 1 && profile.LabelsOut.Values.Max() > 3 * profile.LabelsOut.Values.Min())
            sb.Append(CultureInfo.InvariantCulture, $"- Classes are imbalanced (largest ÷ smallest = {Ratio(profile.LabelsOut)}).\n");
        var dropped = manifest.Steps.SelectMany(s => s.Dropped).Where(d => d.Key.Contains("duplicate", StringComparison.Ordinal)).Sum(d => d.Value);
        if (dropped > 0) sb.Append(CultureInfo.InvariantCulture, $"- {dropped:N0} duplicate records were removed; near-duplicates below the thresholds may remain.\n");
        if (card.Limitations.Count == 0 && dropped == 0 && profile.LabelsOut.Count <= 1) sb.Append("- None recorded.\n");
        return sb.ToString();
    }

    internal static string SizeCategory(long n) => n switch
    {
        < 1_000 => "n<1K",
        < 10_000 => "1K<n<10K",
        < 100_000 => "10K<n<100K",
        < 1_000_000 => "100K<n<1M",
        < 10_000_000 => "1M<n<10M",
        _ => "10M<n<100M",
    };

    private static void List(string key, IReadOnlyList<string> values, StringBuilder sb)
    {
        if (values.Count == 0) return;
        sb.Append(key).Append(":\n");
        foreach (var v in values) sb.Append("- ").Append(Yaml(v)).Append('\n');
    }

    private static string Yaml(string s) => s.Any(c => ":#{}[],&*!|>'\"%@`".Contains(c)) || s.Length == 0 ? "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"" : s;

    private static string Ratio(SortedDictionary<string, long> counts) =>
        counts.Count == 0 ? "–" : (counts.Values.Max() / (double)Math.Max(1, counts.Values.Min())).ToString("0.##", CultureInfo.InvariantCulture);
}
