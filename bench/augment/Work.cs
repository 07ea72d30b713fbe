using System.Diagnostics;
using Winnow.Augmentation.Eda;
using Winnow.Augmentation.Synonyms;
using Winnow.Augmentation.Text;
using Winnow.Augmentation.Translation;
using Winnow.Augmentation.WordNet;

internal static partial class Bench
{
    public static Func<string, long, string?> EdaWork()
    {
        var eda = new EdaAugmenter(new SynonymFinder(WordNetDatabase.Open(), StopWords.English, new HashSet<string>()));
        return (text, i) =>
        {
            var random = RecordRandom.For(1, i.ToString(System.Globalization.CultureInfo.InvariantCulture), 0);
            return eda.Augment(text, ref random, EdaRates.Default, 1) is [var first, ..] ? first : null;
        };
    }

    /// <summary>Round trips of <paramref name="lines"/> banking77 queries through Apertium, one batch, one process per direction.</summary>
    public static async Task BackTranslate(int lines, string pair, int processes)
    {
        var texts = Sentences().Take(lines).ToList();
        var roundTrip = new ApertiumRoundTrip(pair, processes: processes);
        await roundTrip.TranslateAsync(texts.Take(10).ToList()); // warm the page cache of the language data
        var clock = Stopwatch.StartNew();
        var (back, pivot) = await roundTrip.TranslateAsync(texts);
        var wall = clock.Elapsed.TotalSeconds;
        var unchanged = texts.Where((t, i) => string.Equals(string.Join(' ', t.Split(' ', StringSplitOptions.RemoveEmptyEntries)), back[i], StringComparison.OrdinalIgnoreCase)).Count();
        Console.WriteLine($"{texts.Count} sentences {pair} and back ({processes} round trip(s) at once) in {wall:0.00} s: {texts.Count / wall:N0} sentences/s; {100.0 * unchanged / texts.Count:0.0}% came back unchanged (no_change)");
        for (var i = 0; i < 5; i++) Console.WriteLine($"  {texts[i * 97]}\n  → {pivot[i * 97]}\n  → {back[i * 97]}");
    }
}
