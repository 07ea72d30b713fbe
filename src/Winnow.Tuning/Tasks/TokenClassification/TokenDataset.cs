using System.Collections.Immutable;
using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.Records;
using Winnow.Embeddings;
using Winnow.Tuning.Tasks.SequenceClassification;
using static TorchSharp.torch;

namespace Winnow.Tuning.Tasks.TokenClassification;

/// <summary>One sentence for token classification: its text and its entity spans.</summary>
public sealed record SpannedText(string Text, ImmutableArray<TextSpan> Spans)
{
    /// <summary>
    /// The sentence as text steps (<paramref name="transform"/>) rewrite it, its spans moved onto the new text through
    /// a <see cref="TextAlignment"/> (a span whose characters the steps removed altogether is left out).
    /// </summary>
    public SpannedText Through(Func<string, string> transform)
    {
        var seen = transform(Text);
        if (seen == Text) return this;
        var alignment = TextAlignment.Of(Text, seen);
        return new SpannedText(seen, TextSpans.Sorted(Spans.Select(alignment.ToSecond).OfType<TextSpan>().Distinct()));
    }
}

/// <summary>
/// Sentences split into words, each word WordPiece-tokenized on its own; the first sub-token of a word carries the
/// word's BIO tag, the others (and [CLS], [SEP], padding) the ignored target −100, as transformers' token
/// classification recipe does.
/// </summary>
public sealed class TokenDataset
{
    /// <summary>The target that cross-entropy ignores (PyTorch's ignore_index).</summary>
    public const long Ignored = -100;

    private readonly long[][] _ids, _targets;
    private readonly int[][] _firstToken;      // per word: its first sub-token's position, −1 when truncated away
    private readonly string[][] _goldTags;     // per word
    private readonly IReadOnlyList<Word>[] _words;
    private readonly int _padId;

    public TokenDataset(IReadOnlyList<SpannedText> items, WordPieceTokenizer tokenizer, int maxLength, IReadOnlyList<string> tags)
    {
        var index = tags.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => (long)x.i, StringComparer.Ordinal);
        int n = items.Count;
        (_ids, _targets, _firstToken, _goldTags, _words) = (new long[n][], new long[n][], new int[n][], new string[n][], new IReadOnlyList<Word>[n]);
        _padId = tokenizer.PadId;
        Parallel.For(0, n, i =>
        {
            var text = items[i].Text;
            var words = BioTags.Words(text);
            var gold = BioTags.Tag(words, items[i].Spans);
            var (ids, wordOf, first) = tokenizer.EncodeWords([.. words.Select(w => text[w.Start..w.End])], maxLength);
            var targets = new long[ids.Length];
            var firstToken = Enumerable.Repeat(-1, words.Count).ToArray();
            for (int t = 0; t < ids.Length; t++)
            {
                targets[t] = Ignored;
                if (!first[t]) continue;
                firstToken[wordOf[t]] = t;
                // A type the training data never saw has no tag: that word trains as O.
                targets[t] = index.TryGetValue(gold[wordOf[t]], out var k) ? k : 0;
            }
            (_ids[i], _targets[i], _firstToken[i], _goldTags[i], _words[i]) = (ids, targets, firstToken, gold, words);
        });
        Tags = tags;
    }

    public IReadOnlyList<string> Tags { get; }

    public int Count => _ids.Length;

    public int Length(int i) => _ids[i].Length;

    public IReadOnlyList<Word> WordsOf(int i) => _words[i];

    public IReadOnlyList<string> GoldTags(int i) => _goldTags[i];

    /// <summary>Per word, the token position whose logits tag it (−1: the word was truncated away).</summary>
    public IReadOnlyList<int> FirstTokens(int i) => _firstToken[i];

    /// <summary>Reads sentences with spans through Core's readers (record JSONL with <c>spans</c>, CoNLL, …).</summary>
    public static List<SpannedText> Read(string path, int? limit)
    {
        if (!File.Exists(path)) throw new InputException(path, 0, "no such file (did the data pipeline run?)");
        var result = new List<SpannedText>();
        foreach (var item in FormatRegistry.ReadAll(new InputSpec { Path = path }))
        {
            if (limit is not null && result.Count >= limit) break;
            var record = item.Parse();
            if (record.Text is null) throw new InputException(path, item.Location.Line, "missing or not a string", "text");
            result.Add(new SpannedText(record.Text, record.Spans.IsDefault ? [] : record.Spans));
        }
        if (result.Count == 0) throw new InputException(path, 0, "no records");
        return result;
    }

    /// <summary>Ids and mask (B, T) padded to the longest; targets (B, T) with −100 where no tag is learned.</summary>
    public Batch MakeBatch(ReadOnlySpan<int> indices, Device device, bool withTargets = true)
    {
        int b = indices.Length, t = 0;
        foreach (var i in indices) t = Math.Max(t, _ids[i].Length);
        var ids = new long[b * t];
        var mask = new long[b * t];
        var targets = new long[b * t];
        if (_padId != 0) Array.Fill(ids, _padId);
        Array.Fill(targets, Ignored);
        for (int r = 0; r < b; r++)
        {
            var src = _ids[indices[r]];
            Array.Copy(src, 0, ids, r * t, src.Length);
            Array.Copy(_targets[indices[r]], 0, targets, r * t, src.Length);
            Array.Fill(mask, 1L, r * t, src.Length);
        }
        return new Batch
        {
            InputIds = tensor(ids, [b, t], device: device),
            AttentionMask = tensor(mask, [b, t], device: device),
            Targets = withTargets ? tensor(targets, [b, t], device: device) : null,
        };
    }
}
