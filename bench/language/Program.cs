using System.Diagnostics;
using Winnow.Curation.Language;

// Usage: dotnet run -c Release --project bench/language -- [texts-file] [seconds]
// Reads one text per line (default: the first column of examples/banking77/test.csv, 3,080 short customer
// queries of 10–100 characters), then identifies them over and over for the given seconds (default 3), first on
// one thread, then on every core, and prints texts/s: with the defaults (web prior + function words), then with
// n-grams only (prior: uniform, words: false, the identifier before those two came in), in the same process so the
// two compare on the same load. The profile load (once per process) is timed apart.
var file = args.Length > 0 ? args[0] : FindUp("examples/banking77/test.csv");
var seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
var texts = File.ReadLines(file).Skip(file.EndsWith(".csv", StringComparison.Ordinal) ? 1 : 0)
    .Select(l => l.EndsWith(",", StringComparison.Ordinal) || !l.Contains(',') ? l : l[..l.LastIndexOf(',')])
    .Where(l => l.Length > 0).ToArray();

var load = Stopwatch.StartNew();
var identifier = LanguageIdentifier.Default;
identifier.Detect("warm up");
Console.WriteLine($"profiles: {identifier.Languages.Count} languages, loaded in {load.ElapsedMilliseconds} ms");
Console.WriteLine($"texts: {texts.Length}, mean {texts.Average(t => t.Length):0} chars");

var ngramsOnly = LanguageIdentifier.Create(prior: null, words: false);
// Warm-up: let the JIT reach its optimised tier for both paths before anything is timed.
foreach (var id in new[] { identifier, ngramsOnly }) for (var w = 0; w < 20; w++) foreach (var t in texts) id.Detect(t);
foreach (var (name, id) in new[] { ("defaults", identifier), ("n-grams only", ngramsOnly) })
{
    Run($"{name}, 1 thread", id, 1);
    Run($"{name}, {Environment.ProcessorCount} threads", id, Environment.ProcessorCount);
}

void Run(string label, LanguageIdentifier identifier, int threads)
{
    long done = 0;
    // CPU time as well as wall time: on a shared, overloaded machine texts per CPU-second is what stays comparable.
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
    {
        long mine = 0;
        var i = t;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var k = 0; k < 256; k++, i += threads) identifier.Detect(texts[i % texts.Length]);
            mine += 256;
        }
        Interlocked.Add(ref done, mine);
    });
    var wall = clock.Elapsed.TotalSeconds;
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    Console.WriteLine($"{label}: {done / wall:N0} texts/s, {done / cpu.TotalSeconds:N0} texts per CPU-second");
}

static string FindUp(string relative)
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
    throw new FileNotFoundException(relative);
}
