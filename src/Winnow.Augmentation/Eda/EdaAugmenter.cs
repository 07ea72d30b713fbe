using Winnow.Augmentation.Synonyms;
using Winnow.Augmentation.Text;

namespace Winnow.Augmentation.Eda;

/// <summary>EDA's four operations and their rates (Wei &amp; Zou 2019, <c>eda.py</c>: α 0.1 for each).</summary>
public readonly record struct EdaRates(double Replace = 0.1, double Insert = 0.1, double Swap = 0.1, double Delete = 0.1);

/// <summary>
/// Easy Data Augmentation (Wei &amp; Zou 2019): synonym replacement (SR), random insertion of a synonym (RI), random swap
/// (RS) and random deletion (RD), on the whitespace-separated words of a text. As in the reference code, each operation
/// makes ⌊n_aug / 4⌋ + 1 candidates (SR, RI, RS change max(1, ⌊α × words⌋) words; RD drops each word with probability
/// α, keeping one if none is left), the candidates are shuffled and the first n_aug kept. Unlike the reference code,
/// case and punctuation are kept (it lower-cases and strips them), and synonyms come from <see cref="SynonymFinder"/>
/// (most frequent sense, re-inflected), not from every sense of the word whatever its part of speech.
/// </summary>
public sealed class EdaAugmenter(SynonymFinder finder)
{
    /// <summary>Up to <paramref name="count"/> variants of <paramref name="text"/>, maybe repeating each other or the text.</summary>
    public List<string> Augment(string text, ref RecordRandom random, EdaRates rates, int count)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var result = new List<string>();
        if (words.Length == 0) return result;
        var perOperation = count / 4 + 1;
        var n = words.Length;
        for (var i = 0; i < perOperation; i++)
            if (rates.Replace > 0) result.Add(string.Join(' ', Replace(words, Math.Max(1, (int)(rates.Replace * n)), ref random)));
        for (var i = 0; i < perOperation; i++)
            if (rates.Insert > 0) result.Add(string.Join(' ', Insert(words, Math.Max(1, (int)(rates.Insert * n)), ref random)));
        for (var i = 0; i < perOperation; i++)
            if (rates.Swap > 0) result.Add(string.Join(' ', Swap(words, Math.Max(1, (int)(rates.Swap * n)), ref random)));
        for (var i = 0; i < perOperation; i++)
            if (rates.Delete > 0) result.Add(string.Join(' ', Delete(words, rates.Delete, ref random)));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(result));
        if (result.Count > count) result.RemoveRange(count, result.Count - count);
        return result;
    }

    /// <summary>SR: up to <paramref name="n"/> distinct replaceable words, every occurrence of each, take one synonym.</summary>
    private List<string> Replace(string[] words, int n, ref RecordRandom random)
    {
        var output = new List<string>(words);
        var order = Enumerable.Range(0, words.Length).ToArray();
        random.Shuffle(order.AsSpan());
        var done = new HashSet<string>(StringComparer.Ordinal);
        var options = new List<string>();
        foreach (var i in order)
        {
            if (done.Count >= n) break;
            var (prefix, core, suffix) = Split(words[i]);
            if (done.Contains(core) || !Synonyms(words, i, core, options)) continue;
            var choice = options[random.Next(options.Count)];
            for (var j = 0; j < words.Length; j++)
            {
                var (p, c, s) = Split(words[j]);
                if (c == core) output[j] = p + Cased(choice, char.IsUpper(c[0])) + s;
            }
            done.Add(core);
        }
        return output;
    }

    /// <summary>RI: <paramref name="n"/> times, a synonym of a random word (10 tries to find one that has any) at a random place.</summary>
    private List<string> Insert(string[] words, int n, ref RecordRandom random)
    {
        var output = new List<string>(words);
        var options = new List<string>();
        for (var k = 0; k < n; k++)
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var i = random.Next(words.Length);
                var (_, core, _) = Split(words[i]);
                if (!Synonyms(words, i, core, options)) continue;
                output.Insert(random.Next(output.Count + 1), options[random.Next(options.Count)]);
                break;
            }
        }
        return output;
    }

    /// <summary>RS: <paramref name="n"/> swaps of two different random positions (3 tries each, as eda.py).</summary>
    private static List<string> Swap(string[] words, int n, ref RecordRandom random)
    {
        var output = new List<string>(words);
        if (output.Count < 2) return output;
        for (var k = 0; k < n; k++)
        {
            var a = random.Next(output.Count);
            var b = a;
            for (var tries = 0; tries < 4 && b == a; tries++) b = random.Next(output.Count);
            (output[a], output[b]) = (output[b], output[a]);
        }
        return output;
    }

    /// <summary>RD: each word goes with probability <paramref name="p"/>; a one-word text stays; if all go, one random word stays.</summary>
    private static List<string> Delete(string[] words, double p, ref RecordRandom random)
    {
        if (words.Length == 1) return [.. words];
        var output = new List<string>(words.Length);
        foreach (var w in words)
            if (random.NextDouble() > p) output.Add(w);
        if (output.Count == 0) output.Add(words[random.Next(words.Length)]);
        return output;
    }

    private bool Synonyms(string[] words, int index, string core, List<string> options)
    {
        options.Clear();
        var startsSentence = index == 0 || words[index - 1] is [.., '.' or '!' or '?'];
        if (!finder.IsReplaceable(core, () => startsSentence, out var lower, out _)) return false;
        var previous = index > 0 ? Split(words[index - 1]).Core.ToLowerInvariant() : null;
        var scratch = new List<string>(4);
        if (finder.Analyse(lower, previous, scratch) is not { } analysis) return false;
        finder.Replacements(analysis, options, scratch);
        return options.Count > 0;
    }

    /// <summary>A whitespace token as leading punctuation, letters and trailing punctuation ("(card?)" → "(", "card", "?)").</summary>
    private static (string Prefix, string Core, string Suffix) Split(string token)
    {
        var start = 0;
        while (start < token.Length && !char.IsLetterOrDigit(token[start])) start++;
        var end = token.Length;
        while (end > start && !char.IsLetterOrDigit(token[end - 1])) end--;
        return (token[..start], token[start..end], token[end..]);
    }

    private static string Cased(string word, bool capitalised) => capitalised ? char.ToUpperInvariant(word[0]) + word[1..] : word;
}
