using System.Diagnostics;
using Winnow.Bench.MinHash;
using Winnow.Core.Records;
using Winnow.Core.Steps;
using Winnow.Curation.Dedup.MinHash;
// Run from the repository root: dotnet run -c Release --project bench/minhash -- [options]

// dedup.minhash benchmark: a generated near-duplicate corpus with ground truth (see NearDuplicateCorpus).
//   --docs N          documents (default 100,000)
//   --short           8–30-word documents instead of 80–300
//   --stream          regenerate documents on every read instead of holding them (for 10 million); no ground truth
//   --no-check        LSH alone: check_jaccard: false (the default checks candidates with the true Jaccard)
//   --memory-mb M     the step's band-bucket budget (default 1024)
//   --shards N        the step's shards (default 1)
//   --write FILE      only write the corpus as JSONL ({"id":"d<i>","text":…} per line) for the end-to-end run (e2e.sh)
var docs = IntArg("--docs", 100_000);
var shortDocs = args.Contains("--short");
var stream = args.Contains("--stream");
var options = new MinHashOptions { CheckJaccard = !args.Contains("--no-check"), MemoryMb = IntArg("--memory-mb", 1024), Shards = IntArg("--shards", 1) };
const int Seed = 20251125;

var write = Array.IndexOf(args, "--write");
if (write >= 0)
{
    var corpus = new NearDuplicateCorpus(Seed, shortDocs);
    using var file = new StreamWriter(args[write + 1]);
    for (var i = 0; i < docs; i++)
        file.Write($"{{\"id\":\"d{i}\",\"text\":\"{string.Join(' ', corpus.Next())}\"}}\n");
    Console.WriteLine($"wrote {docs:N0} documents to {args[write + 1]}");
    return;
}

IRecordSource source;
string[]? texts = null;
bool[]? truth = null;
double[]? bestJaccard = null;
if (stream)
    source = new GeneratedSource(docs, Seed, shortDocs);
else
{
    var clock = Stopwatch.StartNew();
    (texts, truth, bestJaccard) = GroundTruth.Build(docs, Seed, shortDocs, options.Threshold, options.Ngram);
    Console.WriteLine($"corpus: {docs:N0} docs, {truth.Count(t => t):N0} true duplicates (Jaccard ≥ {options.Threshold}) in {clock.Elapsed.TotalSeconds:F1} s");
    source = new ArraySource(texts);
}

var work = Directory.CreateTempSubdirectory("winnow-bench-minhash-").FullName;
GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
var baseline = Environment.WorkingSet;
var peak = baseline;
var heapBaseline = GC.GetTotalMemory(false);
var heapPeak = heapBaseline;
using var stop = new CancellationTokenSource();
var sampler = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        peak = Math.Max(peak, Environment.WorkingSet);
        heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
        await Task.Delay(5);
    }
});

var step = new MinHashDedupStep(options, work);
var cpu = Environment.CpuUsage.TotalTime;
var timer = Stopwatch.StartNew();
var plan = step.Plan(source, CancellationToken.None);
var seconds = timer.Elapsed.TotalSeconds;
var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
stop.Cancel();
await sampler;
Directory.Delete(work, recursive: true);

var report = step.LastReport!;
Console.WriteLine($"dedup.minhash: {report.Bands} bands × {report.Rows} rows, check_jaccard={options.CheckJaccard}, memory_mb={options.MemoryMb}, shards={report.Shards}, cores={Environment.ProcessorCount}");
Console.WriteLine($"  plan: {seconds:F2} s = {report.Records / seconds:N0} docs/s; {report.CandidatePairs:N0} candidate pairs, {report.Clusters:N0} clusters, {report.Dropped:N0} dropped, {report.SpilledRuns} spill runs per band, check shingles spilled: {report.CheckSpilled}");
Console.WriteLine($"  cpu: {cpuSeconds:F2} s = {report.Records / cpuSeconds:N0} docs per cpu-second (the machine is shared: wall-clock rates undercount when it is busy)");
Console.WriteLine($"  memory: managed heap peak {(heapPeak - heapBaseline) / 1e6:F0} MB above the corpus = {(heapPeak - heapBaseline) / (double)report.Records:F0} bytes/doc; working set {baseline / 1e6:F0} MB before, peak {peak / 1e6:F0} MB");

if (texts is not null && truth is not null && bestJaccard is not null)
{
    var dropped = new bool[texts.Length];
    for (var i = 0; i < texts.Length; i++)
        dropped[i] = plan.Apply(new Record { Id = $"d{i}", Text = texts[i] }, i).DropReason is not null;
    var tp = Enumerable.Range(0, texts.Length).Count(i => dropped[i] && truth[i]);
    var fp = Enumerable.Range(0, texts.Length).Count(i => dropped[i] && !truth[i]);
    var fn = Enumerable.Range(0, texts.Length).Count(i => !dropped[i] && truth[i]);
    Console.WriteLine($"  precision {tp / (double)(tp + fp):F4}  recall {tp / (double)(tp + fn):F4}  (tp {tp:N0}, fp {fp:N0}, fn {fn:N0})");
    Console.WriteLine("  by best Jaccard to an earlier doc: bucket, docs, dropped share");
    foreach (var (lo, hi) in new[] { (0.5, 0.6), (0.6, 0.7), (0.7, 0.75), (0.75, 0.8), (0.8, 0.85), (0.85, 0.9), (0.9, 0.95), (0.95, 1.0), (1.0, 1.01) })
    {
        var inBucket = Enumerable.Range(0, texts.Length).Where(i => bestJaccard[i] >= lo && bestJaccard[i] < hi).ToList();
        if (inBucket.Count > 0)
            Console.WriteLine($"    [{lo:F2}, {Math.Min(hi, 1):F2}{(hi > 1 ? "]" : ")")}  {inBucket.Count,7:N0}  {inBucket.Count(i => dropped[i]) / (double)inBucket.Count:F3}");
    }
}

int IntArg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
