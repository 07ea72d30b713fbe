// annotate.label_issues on a noisy banking77 made here; see README.md beside this file.
// Usage: dotnet run -c Release --project bench/annotate-label-issues [-- REPO_ROOT [VARIANT …]]
//        … -- REPO_ROOT --demo   (scripts/demo.sh: 2,000 training queries, the default step, a few examples; ≈ 30 s)
using System.Diagnostics;
using System.Globalization;
using Winnow.Annotation.Classifiers;
using Winnow.Annotation.LabelIssues;
using Winnow.Core.Embeddings;
using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.Records;
using Winnow.Core.Steps;
using Winnow.Embeddings;

var demo = args.Contains("--demo");
var sweep = args.Contains("--sweep"); // also probe each relabel rule of a variant (slow: a probe each)
// --noise=nearest: each moved label goes to the intent whose centroid is nearest its own (systematic, class-conditional
// noise, the kind confident learning models) instead of a uniformly random one.
var nearestNoise = args.Contains("--noise=nearest");
args = [.. args.Where(a => a is not "--demo" and not "--sweep" and not "--noise=nearest")];
var root = args.Length > 0 ? args[0] : FindRoot();
var clock = Stopwatch.StartNew();
var train = Read(Path.Combine(root, "examples/banking77/train.csv"), "category");
var pick = new Random(7);
if (demo) train = [.. train.OrderBy(_ => pick.Next()).Take(2000)];
int offCount = demo ? 40 : 300, dupCount = demo ? 40 : 300;
var test = Read(Path.Combine(root, "examples/banking77/test.csv"), "category");
var offTopic = File.ReadLines(Path.Combine(root, "examples/sms_spam/SMSSpamCollection"))
    .Select(l => l.Split('\t', 2)).Where(p => p.Length == 2 && p[0] == "ham" && p[1].Split(' ').Length >= 5).Select(p => p[1]).Distinct().ToList();
var intents = train.Select(r => r.Label!).Distinct().Order(StringComparer.Ordinal).ToList();

// The noisy copy: 15% of labels moved to another intent (uniformly), 300 off-topic texts (SMS messages) with a random
// intent, 300 near-duplicates (40 and 40 with --demo) of training queries (case, punctuation and a filler word changed) that keep the label the
// source has in the noisy copy. A record is wrong when its label differs from the true one, or it is off-topic.
// MiniLM, with the CLI's on-disk cache: the first run embeds ≈13.7k texts, later runs read them back.
using var generator = new MiniLmEmbeddingGenerator(new MiniLmOptions { CacheDirectory = EmbeddingCacheFolder.Default() });
var nearest = nearestNoise ? NearestIntents() : null;
var random = new Random(42);
var noisy = new List<(Record Record, bool Wrong, string? TrueLabel)>();
foreach (var r in train)
{
    if (random.NextDouble() < 0.15)
    {
        var other = nearest?[r.Label!] ?? intents[random.Next(intents.Count - 1)];
        if (nearest is null && other == r.Label) other = intents[^1];
        noisy.Add((r with { Label = other }, true, r.Label));
    }
    else noisy.Add((r, false, r.Label));
}
var originals = noisy.Count;
foreach (var text in offTopic.OrderBy(_ => random.Next()).Take(offCount))
    noisy.Add((new Record { Id = $"off{noisy.Count}", Text = text, Label = intents[random.Next(intents.Count)] }, true, null));
string[] fillers = ["please", "hi,", "hey", "quick question:", "so"];
for (var k = 0; k < dupCount; k++)
{
    var (source, wrong, truth) = noisy[random.Next(originals)];
    var text = fillers[random.Next(fillers.Length)] + " " + source.Text!.ToLowerInvariant().TrimEnd('?', '.', '!');
    noisy.Add((source with { Id = $"dup{noisy.Count}", Text = text }, wrong, truth));
}
Console.WriteLine($"train {train.Count:N0}, test {test.Count:N0}; noisy {noisy.Count:N0} ({noisy.Count(n => n.Wrong):N0} wrong: " +
    $"{noisy.Take(originals).Count(n => n.Wrong):N0} moved, {offCount} off-topic, {noisy.Skip(originals + offCount).Count(n => n.Wrong):N0} duplicated wrong ones)");

var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
var texts = train.Concat(test).Concat(noisy.Select(n => n.Record)).Select(r => r.Text!).Distinct().ToList();
var embedded = EmbeddingBatches.EmbedAll(generator, texts);
for (var i = 0; i < texts.Count; i++) vectors[texts[i]] = embedded[i];
Console.WriteLine($"embedded {texts.Count:N0} texts ({generator.Encoded:N0} computed) in {clock.Elapsed.TotalSeconds:0} s");

// Out-of-sample probabilities once per source (annotate.label_issues' own code), then each variant's verdicts.
var noisyRecords = noisy.Select(n => n.Record).ToList();
var classIndex = intents.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
var x = noisyRecords.Select(r => vectors[r.Text!]).ToList();
var y = noisyRecords.Select(r => classIndex[r.Label!]).ToList();
// Variants by name (default: all). "before" is the step as it was before outliers and near-duplicate groups; each "+"
// adds one; "prune" is the relabel defaults until 2026-11-30 (filter_by prune_by_noise_rate, flag mode's filter today);
// "default" is the step's defaults in relabel mode (filter_by auto: predicted_neq_given).
var before = new LabelIssuesOptions { Mode = "relabel", FilterBy = "prune_by_noise_rate", Outliers = "none", DuplicateSimilarity = 1 };
var prune = new LabelIssuesOptions { Mode = "relabel", FilterBy = "prune_by_noise_rate" };
var defaults = new LabelIssuesOptions { Mode = "relabel" };
var named = new Dictionary<string, LabelIssuesOptions>
{
    ["before"] = before,
    ["+outliers"] = before with { Outliers = "knn" },
    ["+outliers+groups"] = before with { Outliers = "knn", DuplicateSimilarity = 0.95 },
    ["+outliers+groups0.99"] = before with { Outliers = "knn", DuplicateSimilarity = 0.99 },
    ["prune"] = prune,
    ["prune,choose_l2"] = prune with { ChooseL2 = true },
    ["prune,logistic"] = prune with { Probabilities = "logistic" },
    ["prune,knn"] = prune with { Probabilities = "knn" },
    ["prune,rounds=2"] = prune with { Rounds = 2 },
    ["prune,folds=10"] = prune with { Folds = 10 },
    ["confident_learning"] = prune with { FilterBy = "confident_learning" },
    ["low_self_confidence"] = prune with { FilterBy = "low_self_confidence" },
    ["low_normalized_margin"] = prune with { FilterBy = "low_normalized_margin" },
    ["default"] = defaults,
    ["default,relabel_confident=false"] = defaults with { RelabelConfident = false },
    ["default,rounds=2"] = defaults with { Rounds = 2 },
    ["default,logistic"] = defaults with { Probabilities = "logistic" },
    ["default,knn"] = defaults with { Probabilities = "knn" },
};
var variants = args.Length > 1 ? args[1..] : [.. named.Keys];

double clean = 0, noisyAcc = 0;
Parallel.Invoke(() => clean = Probe(train), () => noisyAcc = Probe(noisyRecords));
if (demo && args.Length <= 1) return Demo(); // --demo with variants: the table on the demo's sample
Console.WriteLine("| variant | flags | precision | recall | outliers flagged (off-topic) | relabelled (to the true label) | mode | records | probe accuracy | lost accuracy recovered | seconds |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
foreach (var name in variants)
{
    var options = named.TryGetValue(name, out var o) ? o : throw new ArgumentException($"unknown variant {name}; known: {string.Join(", ", named.Keys)}");
    var watch = Stopwatch.StartNew();
    var verdicts = LabelIssuesStep.Clean(x, y, intents.Count, options, 42);
    var seconds = watch.Elapsed.TotalSeconds;
    int tp = 0, fp = 0, fn = 0;
    for (var i = 0; i < noisy.Count; i++)
    {
        if (verdicts[i].IsIssue && noisy[i].Wrong) tp++;
        else if (verdicts[i].IsIssue) fp++;
        else if (noisy[i].Wrong) fn++;
    }
    var offFound = Enumerable.Range(originals, offCount).Count(i => verdicts[i].IsIssue);
    var outliers = verdicts.Count(v => v.IsOutlier);
    var offOutliers = Enumerable.Range(originals, offCount).Count(i => verdicts[i].IsOutlier);
    var dropped = noisyRecords.Where((r, i) => !verdicts[i].IsIssue).ToList();
    var (relabelled, changed, right, _) = Relabelled(verdicts, options);
    double drop = 0, relabel = 0;
    Parallel.Invoke(() => drop = Probe(dropped), () => relabel = Probe(relabelled));
    var head = $"| {name} | {tp + fp:N0} | {tp / (double)(tp + fp):0.000} | {tp / (double)(tp + fn):0.000} | {outliers:N0} ({offOutliers}/300; {offFound}/300 flagged in all) | {changed:N0} ({right:N0}) ";
    Console.WriteLine($"{head}| drop | {dropped.Count:N0} | {drop:0.0000} | {Recovered(drop)} | {seconds:0} |");
    Console.WriteLine($"{head}| relabel | {relabelled.Count:N0} | {relabel:0.0000} | {Recovered(relabel)} | {seconds:0} |");
    // How the relabel rule trades wrong labels left against records dropped (no probe unless --sweep; with rounds > 1 the
    // later rounds ran under the variant's own rule).
    foreach (var (rule, ruleOptions) in new (string, LabelIssuesOptions)[] {
        ("p≥0.5", options with { RelabelThreshold = 0.5, RelabelConfident = false }), ("p≥0.5, confident", options with { RelabelThreshold = 0.5, RelabelConfident = true }),
        ("confident (any p)", options with { RelabelThreshold = 0, RelabelConfident = true }), ("p≥0.3", options with { RelabelThreshold = 0.3, RelabelConfident = false }),
        ("p≥0.7", options with { RelabelThreshold = 0.7, RelabelConfident = false }), ("p≥0.9", options with { RelabelThreshold = 0.9, RelabelConfident = false }) })
    {
        var (data, c, r, w) = Relabelled(verdicts, ruleOptions);
        var probe = sweep ? Probe(data) is var a ? $"{a:0.0000} ({Recovered(a)})" : "" : "–";
        Console.WriteLine($"  {name}, relabel {rule}: relabelled {c:N0} ({r:N0} right), records {data.Count:N0}, wrong labels left {w:N0}; probe {probe}");
    }
}
Console.WriteLine($"probe on clean train ({train.Count:N0}): {clean:0.0000}; on noisy ({noisy.Count:N0}): {noisyAcc:0.0000}; total {clock.Elapsed.TotalSeconds:0} s");
return 0;

// Per intent, the other intent whose mean training embedding is most similar (cosine).
Dictionary<string, string> NearestIntents()
{
    var v = EmbeddingBatches.EmbedAll(generator, [.. train.Select(r => r.Text!)]);
    var centroids = intents.ToDictionary(c => c, _ => new double[v[0].Length]);
    for (var i = 0; i < train.Count; i++)
        for (var d = 0; d < v[i].Length; d++) centroids[train[i].Label!][d] += v[i][d];
    double Cos(double[] a, double[] b) => a.Zip(b, (p, q) => p * q).Sum() / Math.Sqrt(a.Sum(p => p * p) * b.Sum(q => q * q));
    return intents.ToDictionary(c => c, c => intents.Where(o => o != c).MaxBy(o => Cos(centroids[c], centroids[o]))!);
}

string Recovered(double acc) => ((acc - noisyAcc) / (clean - noisyAcc)).ToString("0.00", CultureInfo.InvariantCulture);

// The relabelled copy under a variant's rule: issues relabelled or dropped, outliers dropped; and how many labels in it are wrong.
(List<Record> Data, int Changed, int Right, int WrongLeft) Relabelled(LabelVerdict[] verdicts, LabelIssuesOptions options)
{
    var data = new List<Record>();
    int changed = 0, right = 0, wrongLeft = 0;
    for (var i = 0; i < noisy.Count; i++)
    {
        var v = verdicts[i];
        if (!v.IsIssue) { data.Add(noisyRecords[i]); if (noisy[i].Wrong) wrongLeft++; continue; }
        if (!LabelIssuesStep.Relabels(v, options)) continue;
        changed++;
        if (intents[v.Suggested] == noisy[i].TrueLabel) right++; else wrongLeft++;
        data.Add(noisyRecords[i] with { Label = intents[v.Suggested] });
    }
    return (data, changed, right, wrongLeft);
}

// scripts/demo.sh's view: what the step (its defaults in mode relabel) found, with examples, and the probe's test accuracy.
int Demo()
{
    var verdicts = LabelIssuesStep.Clean(x, y, intents.Count, defaults, 42);
    var label = Enumerable.Range(0, noisy.Count).Where(i => verdicts[i].IsIssue && !verdicts[i].IsOutlier).ToList();
    var outliers = Enumerable.Range(0, noisy.Count).Where(i => verdicts[i].IsOutlier).ToList();
    Console.WriteLine($"label issues: {label.Count:N0} ({label.Count(i => noisy[i].Wrong):N0} really wrong); " +
        $"outliers: {outliers.Count:N0} ({outliers.Count(i => i >= originals && i < originals + offCount)} of the {offCount} off-topic texts)");
    foreach (var i in label.Where(i => noisy[i].TrueLabel is not null && noisy[i].Wrong).Take(4))
        Console.WriteLine($"  \"{noisyRecords[i].Text}\"  given: {noisyRecords[i].Label}  suggested: {intents[verdicts[i].Suggested]}  (true: {noisy[i].TrueLabel})");
    foreach (var i in outliers.OrderByDescending(i => verdicts[i].OutlierScore).ThenBy(i => i).Take(2)) // the two farthest
        Console.WriteLine($"  outlier \"{noisyRecords[i].Text}\"  given: {noisyRecords[i].Label}  (distance {verdicts[i].OutlierScore:0.00})");
    var cleaned = new List<Record>();
    for (var i = 0; i < noisy.Count; i++)
    {
        var v = verdicts[i];
        if (!v.IsIssue) cleaned.Add(noisyRecords[i]);
        else if (LabelIssuesStep.Relabels(v, defaults)) cleaned.Add(noisyRecords[i] with { Label = intents[v.Suggested] });
    }
    var after = Probe(cleaned);
    Console.WriteLine($"probe test accuracy (banking77 test, 3,080): clean {clean:0.0000}, noisy {noisyAcc:0.0000}, relabelled {after:0.0000} " +
        $"(recovers {(after - noisyAcc) / (clean - noisyAcc):0.00} of what the noise cost); {clock.Elapsed.TotalSeconds:0} s");
    return 0;
}

// The "head-only probe": a softmax regression on frozen MiniLM embeddings, trained on the given data, scored on test.
double Probe(List<Record> data)
{
    var classes = intents.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
    var model = SoftmaxRegression.Fit([.. data.Select(r => vectors[r.Text!])], [.. data.Select(r => classes[r.Label!])], intents.Count, new SoftmaxOptions(), 7);
    var right = test.Count(r => { var p = model.Predict(vectors[r.Text!]); return intents[Array.IndexOf(p, p.Max())] == r.Label; });
    return right / (double)test.Count;
}

static List<Record> Read(string path, string label)
{
    var spec = new InputSpec { Path = path, BaseDirectory = ".", Fields = FieldMapping.Default with { Label = label } };
    return [.. FormatRegistry.ReadAll(spec).Select(i => i.Parse())];
}

static string FindRoot()
{
    var dir = AppContext.BaseDirectory;
    while (dir is not null && !File.Exists(Path.Combine(dir, "Winnow.sln"))) dir = Path.GetDirectoryName(dir);
    return dir ?? throw new InvalidOperationException("run from inside the repository, or pass its root");
}

sealed class ListSource(IReadOnlyList<Record> records) : IRecordSource
{
    public long? Count => records.Count;
    public IEnumerable<Record> Read(CancellationToken cancellationToken = default) => records;
}

/// <summary>The vectors computed once above, served to the step as a generator.</summary>
sealed class CachedGenerator(Dictionary<string, float[]> vectors) : Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>
{
    public Task<Microsoft.Extensions.AI.GeneratedEmbeddings<Microsoft.Extensions.AI.Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        Microsoft.Extensions.AI.EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Microsoft.Extensions.AI.GeneratedEmbeddings<Microsoft.Extensions.AI.Embedding<float>>(
            values.Select(v => new Microsoft.Extensions.AI.Embedding<float>(vectors[v]))));
    public object? GetService(Type serviceType, object? serviceKey = null) => null;
    public void Dispose() { }
}
