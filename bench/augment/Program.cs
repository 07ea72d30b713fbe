using System.Diagnostics;
using Winnow.Augmentation.Synonyms;
using Winnow.Augmentation.Text;
using Winnow.Augmentation.WordNet;

// Usage: dotnet run -c Release --project bench/augment -- synonyms|eda|backtranslate|chat [options]
//   synonyms [seconds]            sentences/s of augment.synonyms' replacer on banking77's train queries, 1 thread and all cores
//   eda [seconds]                 the same for EDA (one variant per sentence, alpha 0.1)
//   backtranslate [lines] [pair]  Apertium round trips, eng-spa by default: sentences/s end to end
//   chat [delay-ms] [requests]    the chat pipeline against the scripted loopback server: req/s at concurrency 8 and 64
var mode = args.Length > 0 ? args[0] : "synonyms";
switch (mode)
{
    case "synonyms": Bench.Cpu("synonyms", Seconds(1), Bench.SynonymWork()); break;
    case "eda": Bench.Cpu("eda", Seconds(1), Bench.EdaWork()); break;
    case "backtranslate": await Bench.BackTranslate(args.Length > 1 ? int.Parse(args[1]) : 2000, args.Length > 2 ? args[2] : "eng-spa"); break;
    case "chat": await ChatBench.Run(args.Length > 1 ? int.Parse(args[1]) : 200, args.Length > 2 ? int.Parse(args[2]) : 0); break;
    default: Console.Error.WriteLine($"unknown mode {mode}"); return 2;
}
return 0;

double Seconds(int i) => args.Length > i ? double.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : 3;

internal static partial class Bench
{
    public static string[] Sentences()
    {
        var file = FindUp("examples/banking77/train.csv");
        // text,category; a quoted text may hold commas: take what is before the last comma.
        return File.ReadLines(file).Skip(1).Select(l => l[..l.LastIndexOf(',')].Trim('"')).Where(l => l.Length > 0).ToArray();
    }

    public static Func<string, long, string?> SynonymWork()
    {
        var load = Stopwatch.StartNew();
        var replacer = new SynonymReplacer(new SynonymFinder(WordNetDatabase.Open(), StopWords.English, new HashSet<string>()));
        Console.WriteLine($"WordNet loaded in {load.ElapsedMilliseconds} ms");
        return (text, i) =>
        {
            var random = RecordRandom.For(1, i.ToString(System.Globalization.CultureInfo.InvariantCulture), 0);
            return replacer.Replace(text, ref random, 0.3, 10);
        };
    }

    public static void Cpu(string name, double seconds, Func<string, long, string?> work)
    {
        var texts = Sentences();
        Console.WriteLine($"{texts.Length} sentences, mean {texts.Average(t => t.Length):0} chars");
        for (var i = 0; i < 5; i++) Console.WriteLine($"  {texts[i * 997]}\n→ {work(texts[i * 997], i)}");
        for (var w = 0; w < 3; w++) for (var i = 0; i < texts.Length; i++) work(texts[i], i); // warm up
        foreach (var threads in new[] { 1, Environment.ProcessorCount })
        {
            long done = 0, changed = 0;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                long mine = 0, mineChanged = 0;
                for (long i = t; clock.Elapsed.TotalSeconds < seconds; i += threads, mine++)
                    if (work(texts[i % texts.Length], i) is not null) mineChanged++;
                Interlocked.Add(ref done, mine);
                Interlocked.Add(ref changed, mineChanged);
            });
            var wall = clock.Elapsed.TotalSeconds;
            var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"{name}, {threads} thread(s): {done / wall:N0} sentences/s ({done / used:N0} per CPU-second), {100.0 * changed / done:0.0}% changed");
        }
    }

    public static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException(relative);
    }
}
