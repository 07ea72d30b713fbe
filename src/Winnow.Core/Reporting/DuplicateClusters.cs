using System.IO.Hashing;
using System.Text;
using System.Text.RegularExpressions;
using Winnow.Core.Formats;
using Winnow.Core.Records;
using Winnow.Core.Running;

namespace Winnow.Core.Reporting;

/// <summary>One duplicate cluster as the report shows it: the dedup step, the kept record, how many were dropped, a few of them.</summary>
internal sealed record DuplicateCluster(string Step, string Kept, long Dropped, IReadOnlyList<string> Members)
{
    /// <summary>The kept record's text, when it is found in a JSONL output or a rejects file (a later step may have dropped it).</summary>
    public string? KeptText { get; set; }
}

/// <summary>Records dropped and clusters found by one dedup step.</summary>
internal sealed record DuplicateCounts(long Clusters, long Dropped, bool Capped);

/// <summary>
/// The duplicate clusters of a run, from the rejects of <c>dedup.exact</c>, <c>dedup.minhash</c> and
/// <c>dedup.semantic</c>: a dropped record's detail names the record kept in its place (exact duplicates have no
/// detail; their cluster is their text). Read from the finished files, so a resumed run shows the same. Bounded:
/// one pass counts up to <see cref="MaxTracked"/> clusters (≈24 bytes each), a second keeps examples of the
/// <see cref="Top"/> largest only, and a third looks up the kept records' texts. Ties go to the cluster seen first.
/// </summary>
internal static partial class DuplicateClusters
{
    public const int Top = 10;
    public const int MembersShown = 3;
    private const int MaxTracked = 1_000_000;
    private const int TextChars = 280;

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        ["exact_duplicate"] = "dedup.exact",
        ["minhash_duplicate"] = "dedup.minhash",
        ["semantic_duplicate"] = "dedup.semantic",
    };

    [GeneratedRegex(@"(?:near duplicate of|to kept record) (.+?) \(cluster [^)]*\)$")]
    private static partial Regex KeptId();

    public static (List<DuplicateCluster> Largest, SortedDictionary<string, DuplicateCounts> ByStep) Collect(Manifest manifest, string outputDirectory)
    {
        var files = manifest.Steps.Where(s => s.Rejects is not null && Reasons.ContainsValue(s.Name))
            .Select(s => (s.Name, Path: Path.Combine(outputDirectory, s.Rejects!))).Where(f => File.Exists(f.Path)).ToList();
        var sizes = new Dictionary<ulong, (long Count, long First)>();
        var byStep = new SortedDictionary<string, (long Clusters, long Dropped, bool Capped)>(StringComparer.Ordinal);
        foreach (var (step, key, _, line) in Duplicates(files, (_, _) => true))
        {
            var (clusters, dropped, capped) = byStep.GetValueOrDefault(step);
            var h = Hash(step, key);
            if (sizes.TryGetValue(h, out var s)) sizes[h] = (s.Count + 1, s.First);
            else if (sizes.Count < MaxTracked) { sizes[h] = (1, line); clusters++; }
            else capped = true;
            byStep[step] = (clusters, dropped + 1, capped);
        }
        var top = sizes.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Value.First).Take(Top).Select(kv => kv.Key).ToList();
        var members = top.ToDictionary(h => h, _ => (Step: "", Key: "", Texts: new List<string>()));
        // Exact duplicates show no member texts: of their files, only each top cluster's first line is read again.
        var firsts = top.Select(h => sizes[h].First).ToHashSet();
        foreach (var (step, key, text, _) in Duplicates(files, (step, line) => step != "dedup.exact" || firsts.Contains(line)))
        {
            var h = Hash(step, key);
            if (!members.TryGetValue(h, out var m)) continue;
            members[h] = (step, key, m.Texts);
            // Distinct texts only, none the same as the kept one (exact duplicates all are: the report says "identical").
            if (step != "dedup.exact" && m.Texts.Count < MembersShown && !m.Texts.Contains(Cut(text))) m.Texts.Add(Cut(text));
        }
        var largest = top.Select(h => new DuplicateCluster(members[h].Step, members[h].Key, sizes[h].Count, members[h].Texts)).ToList();
        FindKeptTexts(largest, manifest, outputDirectory);
        return (largest, new(byStep.ToDictionary(kv => kv.Key, kv => new DuplicateCounts(kv.Value.Clusters, kv.Value.Dropped, kv.Value.Capped)), StringComparer.Ordinal));
    }

    /// <summary>
    /// Every dedup reject: (step, cluster key: the kept record's id, or for exact duplicates the text itself, text, its line
    /// numbered across the files in order); a line for which <paramref name="wanted"/> (its file's step, its number) is false
    /// is skipped unparsed.
    /// </summary>
    private static IEnumerable<(string Step, string Key, string Text, long Line)> Duplicates(List<(string Step, string Path)> files, Func<string, long, bool> wanted)
    {
        long seq = -1;
        foreach (var file in files)
            foreach (var line in IO.Readers.LineReader.FileLines(file.Path))
            {
                seq++;
                if (!wanted(file.Step, seq) || Parse(line) is not { } record) continue;
                if (record.Meta.GetString("reason") is not { } reason || !Reasons.TryGetValue(reason, out var step)) continue;
                var text = record.ContentText;
                if (reason == "exact_duplicate") yield return (step, text, text, seq);
                else if (KeptId().Match(record.Meta.GetString("detail") ?? "") is { Success: true } m) yield return (step, m.Groups[1].Value, text, seq);
            }
    }

    /// <summary>The kept records' texts: exact duplicates are their own text; others are looked up by id in the JSONL outputs, then in every rejects file.</summary>
    private static void FindKeptTexts(List<DuplicateCluster> clusters, Manifest manifest, string outputDirectory)
    {
        foreach (var c in clusters.Where(c => c.Step == "dedup.exact")) c.KeptText = Cut(c.Kept);
        var wanted = clusters.Where(c => c.KeptText is null).GroupBy(c => c.Kept, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var files = manifest.Outputs.Where(o => o.Format == "jsonl").Concat(manifest.Rejects).Select(o => Path.Combine(outputDirectory, o.Path));
        foreach (var file in files.Where(File.Exists))
        {
            if (wanted.Count == 0) return;
            foreach (var line in IO.Readers.LineReader.FileLines(file))
                if (Parse(line) is { } record && wanted.Remove(record.Id, out var found))
                    foreach (var c in found) c.KeptText = Cut(record.ContentText);
        }
    }

    /// <summary>The record on a line, or null when it is not one (e.g. a malformed-input reject: nothing to show).</summary>
    private static Record? Parse(ReadOnlyMemory<byte> line)
    {
        try { return RecordJson.Deserialize(line); }
        catch (InputException) { return null; }
    }

    private static ulong Hash(string step, string key) => XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(step + "\u001f" + key));

    private static string Cut(string text) => text.Length > TextChars ? text[..TextChars] + "…" : text;
}
