using System.Numerics;
using System.Runtime.InteropServices;

namespace Winnow.Curation.Language;

/// <summary>
/// Word-level evidence next to the character n-grams: the function (stop) words of 16 languages (embedded under
/// <c>Language/Words/</c>, sources in its <c>SOURCE.md</c>). Close languages share most n-grams but few function
/// words (Dutch <c>de, ik, mijn, niet</c> against Afrikaans <c>die, ek, my, nie</c>; Spanish <c>mi, por, qué</c>
/// against Portuguese <c>meu, não</c>), and these words are the most frequent tokens of short texts.
/// <para>A word found in at least one list adds a row like an n-gram: 0 for every language whose list has it, and
/// −<see cref="Penalty"/> for every language that has a list without it. A language with no list gets 0: the absence
/// of a list is not evidence, so the 39 languages without one are neither helped nor hurt. Words in no list add
/// nothing.</para>
/// </summary>
internal sealed class FunctionWords
{
    /// <summary>
    /// ln 100 ≈ 4.6 nats, the log-likelihood ratio of a function word between a language that has it and one that
    /// does not: function words make up about half of running text, spread over the ≈100–300 words of a list, so one
    /// has P ≈ 0.5 / 100 = 0.005 in its language, against langdetect's weight for an unseen event, 0.5 / 10,000
    /// (<see cref="LanguageModel.Smoothing"/>).
    /// </summary>
    internal static readonly float Penalty = MathF.Log(100);

    /// <summary>Size of the lower-casing buffer (characters): no function word is longer.</summary>
    private const int MaxWordLength = 24;

    private const string ResourcePrefix = "Winnow.Curation.Language.Words.";

    private readonly Dictionary<string, int> _rows;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly float[] _table;
    private readonly int _stride;

    /// <summary>The longest listed word (characters, with a leading apostrophe): longer tokens are not looked up.</summary>
    private readonly int _longest;

    /// <summary>Codes that have a list, sorted.</summary>
    public IReadOnlyList<string> Languages { get; }

    private FunctionWords(Dictionary<string, int> rows, float[] table, int stride, IReadOnlyList<string> languages)
    {
        _rows = rows;
        _lookup = rows.GetAlternateLookup<ReadOnlySpan<char>>();
        _table = table;
        _stride = stride;
        _longest = Math.Min(MaxWordLength, rows.Keys.Max(w => w.Length));
        Languages = languages;
    }

    /// <summary>Reads the embedded lists and builds one row per word over <paramref name="languages"/> (the profiles' order).</summary>
    internal static FunctionWords Load(IReadOnlyList<string> languages, int stride)
    {
        var assembly = typeof(FunctionWords).Assembly;
        var lists = new Dictionary<int, HashSet<string>>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".txt", StringComparison.Ordinal)))
        {
            var code = name[ResourcePrefix.Length..^".txt".Length];
            lists[IndexOf(languages, code)] = Read(code);
        }

        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in lists.Values.SelectMany(w => w).Distinct().Order(StringComparer.Ordinal)) rows[word] = rows.Count;
        var table = new float[rows.Count * stride];
        foreach (var (word, row) in rows)
            foreach (var (language, words) in lists)
                if (!words.Contains(word)) table[row * stride + language] = -Penalty;
        return new FunctionWords(rows, table, stride, lists.Keys.Order().Select(i => languages[i]).ToList());
    }

    /// <summary>One language's embedded list (lower-case), e.g. Snowball's English stop words for <c>en</c>.</summary>
    internal static HashSet<string> Read(string code)
    {
        using var stream = typeof(FunctionWords).Assembly.GetManifestResourceStream(ResourcePrefix + code + ".txt")
            ?? throw new InvalidOperationException($"no function word list '{code}'");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } word) words.Add(word.ToLowerInvariant());
        return words;
    }

    private static int IndexOf(IReadOnlyList<string> languages, string code)
    {
        for (var i = 0; i < languages.Count; i++) if (languages[i] == code) return i;
        throw new InvalidOperationException($"function word list '{code}' has no language profile");
    }

    /// <summary>Adds the row of every function word of <paramref name="text"/> (lower-cased runs of letters; a leading
    /// apostrophe kept for Afrikaans <c>'n</c>) into <paramref name="acc"/>; returns how many words matched.</summary>
    public int Accumulate(ReadOnlySpan<char> text, Span<float> acc)
    {
        Span<char> word = stackalloc char[MaxWordLength + 1];
        var accVectors = MemoryMarshal.Cast<float, Vector<float>>(acc);
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && char.IsLetter(text[i])) i++;
            var length = i - start;
            if (length > _longest) continue;
            var apostrophe = start > 0 && text[start - 1] is '\'' or '’' ? 1 : 0;
            word[0] = '\'';
            text.Slice(start, length).ToLowerInvariant(word.Slice(1, length));
            if (!_lookup.TryGetValue(word.Slice(1 - apostrophe, length + apostrophe), out var row)
                && (apostrophe == 0 || !_lookup.TryGetValue(word.Slice(1, length), out row))) continue;
            var values = MemoryMarshal.Cast<float, Vector<float>>(_table.AsSpan(row * _stride, _stride));
            for (var v = 0; v < values.Length; v++) accVectors[v] += values[v];
            count++;
        }
        return count;
    }
}
