using System.Collections.Frozen;
using System.Text;
using Winnow.Core;

namespace Winnow.Augmentation.WordNet;

/// <summary>
/// What the augmenters need of WordNet 3.0, read once from its database files (Debian's <c>wordnet-base</c>:
/// <c>index.*</c>, <c>data.*</c>, <c>*.exc</c> under <c>/usr/share/wordnet</c>): per part of speech, each lemma's
/// tagged-sense count (how often it was seen with that part of speech in the SemCor corpus) and the words of its
/// first synset (WordNet orders senses by frequency, so the first is the most frequent sense), and the exception
/// lists of irregular forms, both ways. Immutable after loading; shared read-only by all threads.
/// </summary>
public sealed class WordNetDatabase
{
    /// <summary>Where Debian's <c>wordnet-base</c> puts the database.</summary>
    public const string DefaultPath = "/usr/share/wordnet";

    private static readonly Dictionary<string, Lazy<WordNetDatabase>> Loaded = new(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, Lemma>[] _lemmas;
    private readonly FrozenDictionary<string, string[]>[] _exceptions;   // inflected → bases
    private readonly FrozenDictionary<string, string[]>[] _irregular;    // base → inflected forms

    private WordNetDatabase(FrozenDictionary<string, Lemma>[] lemmas, FrozenDictionary<string, string[]>[] exceptions, FrozenDictionary<string, string[]>[] irregular)
    {
        _lemmas = lemmas;
        _exceptions = exceptions;
        _irregular = irregular;
    }

    /// <summary>A lemma of one part of speech: its tagged-sense count and the words of its most frequent synset.</summary>
    public readonly record struct Lemma(int TaggedSenses, string[] FirstSynset);

    /// <summary>The database at <paramref name="path"/>, loaded once per process and path (≈1 s).</summary>
    public static WordNetDatabase Open(string path = DefaultPath)
    {
        var full = Path.GetFullPath(path);
        Lazy<WordNetDatabase> lazy;
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(full, out lazy!)) Loaded[full] = lazy = new(() => Load(full));
        }
        return lazy.Value;
    }

    /// <summary>What is missing at <paramref name="path"/> for a WordNet database, or null when it is complete.</summary>
    public static string? Problem(string path)
    {
        if (!Directory.Exists(path)) return $"no WordNet database at {path} (install Debian's wordnet-base: apt-get install wordnet-base; or set the path)";
        foreach (var pos in PartsOfSpeech.All)
            foreach (var file in new[] { $"index.{pos.FileName()}", $"data.{pos.FileName()}" })
                if (!File.Exists(Path.Combine(path, file))) return $"{path} has no {file}: not a WordNet 3.0 database";
        return null;
    }

    public bool TryGetLemma(string lemma, PartOfSpeech pos, out Lemma entry) => _lemmas[(int)pos].TryGetValue(lemma, out entry);

    public bool Contains(string lemma, PartOfSpeech pos) => _lemmas[(int)pos].ContainsKey(lemma);

    /// <summary>Bases an irregular form stands for (<c>ran</c> → <c>run</c>), from <c>verb.exc</c> and friends.</summary>
    public string[]? ExceptionBases(string inflected, PartOfSpeech pos) => _exceptions[(int)pos].GetValueOrDefault(inflected);

    /// <summary>Irregular forms of a base (<c>go</c> → <c>went, gone</c>), the exception lists read backwards.</summary>
    public string[]? IrregularForms(string lemma, PartOfSpeech pos) => _irregular[(int)pos].GetValueOrDefault(lemma);

    private static WordNetDatabase Load(string path)
    {
        if (Problem(path) is { } problem) throw new WinnowException(problem, 2);
        var lemmas = new FrozenDictionary<string, Lemma>[4];
        var exceptions = new FrozenDictionary<string, string[]>[4];
        var irregular = new FrozenDictionary<string, string[]>[4];
        Parallel.ForEach(PartsOfSpeech.All, pos =>
        {
            lemmas[(int)pos] = ReadLemmas(path, pos);
            (exceptions[(int)pos], irregular[(int)pos]) = ReadExceptions(path, pos);
        });
        return new WordNetDatabase(lemmas, exceptions, irregular);
    }

    private static FrozenDictionary<string, Lemma> ReadLemmas(string path, PartOfSpeech pos)
    {
        var data = File.ReadAllBytes(Path.Combine(path, $"data.{pos.FileName()}"));
        var synsets = new Dictionary<long, string[]>();
        var result = new Dictionary<string, Lemma>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(path, $"index.{pos.FileName()}"), Encoding.UTF8))
        {
            if (line.Length == 0 || line[0] == ' ') continue; // the licence header lines start with two spaces
            // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var pointers = int.Parse(parts[3]);
            var tagged = int.Parse(parts[5 + pointers]);
            var first = long.Parse(parts[6 + pointers]);
            if (!synsets.TryGetValue(first, out var words)) synsets[first] = words = SynsetWords(data, first);
            result[parts[0]] = new Lemma(tagged, words);
        }
        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The words of the synset whose line starts at byte <paramref name="offset"/> of a data file.</summary>
    private static string[] SynsetWords(byte[] data, long offset)
    {
        var end = Array.IndexOf(data, (byte)'\n', (int)offset);
        var line = Encoding.UTF8.GetString(data, (int)offset, (end < 0 ? data.Length : end) - (int)offset);
        // synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id…] …; w_cnt is two hex digits
        var parts = line.Split(' ');
        var count = Convert.ToInt32(parts[3], 16);
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            var word = parts[4 + 2 * i];
            var marker = word.IndexOf('(');   // adjective markers: (a), (p), (ip)
            words[i] = string.Intern(marker > 0 ? word[..marker] : word);
        }
        return words;
    }

    private static (FrozenDictionary<string, string[]>, FrozenDictionary<string, string[]>) ReadExceptions(string path, PartOfSpeech pos)
    {
        var forward = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var backward = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var file = Path.Combine(path, $"{pos.FileName()}.exc");
        if (File.Exists(file))
            foreach (var line in File.ReadLines(file))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2) continue;
                forward[parts[0]] = parts[1..];
                foreach (var b in parts[1..])
                {
                    if (!backward.TryGetValue(b, out var list)) backward[b] = list = [];
                    list.Add(parts[0]);
                }
            }
        return (forward.ToFrozenDictionary(StringComparer.Ordinal),
            backward.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal));
    }
}
