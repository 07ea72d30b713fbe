using System.Collections.Immutable;
using Winnow.Core.Records;

namespace Winnow.Annotation.Spans;

/// <summary>
/// A named-entity tagger learnt from labelled records: an averaged perceptron (Collins 2002) over BIO tags with
/// greedy left-to-right decoding, the classic feature set (the word, its lower case, shape, prefixes and
/// suffixes up to 3, capitalisation, digits, <c>@</c>/<c>#</c>, the neighbouring words and the previous tag), and
/// the BIO constraint (an <c>I-X</c> only after <c>B-X</c> or <c>I-X</c>). Small and CPU-only: it trains on a few
/// thousand sentences in seconds. Deterministic for a seed (the seed shuffles the training order per epoch).
/// </summary>
public sealed class PerceptronTagger
{
    private readonly List<string> _tags;
    private readonly Dictionary<string, double[]> _weights;

    private PerceptronTagger(List<string> tags, Dictionary<string, double[]> weights) { _tags = tags; _weights = weights; }

    public IReadOnlyList<string> Tags => _tags;

    public static PerceptronTagger Train(IReadOnlyList<(string Text, ImmutableArray<TextSpan> Spans)> examples, int epochs, int seed)
    {
        var data = examples.Select(e => { var tokens = Tokens.Of(e.Text); return (Tokens: tokens, Gold: Tokens.Tags(tokens, e.Spans)); })
            .Where(d => d.Tokens.Length > 0).ToArray();
        var tags = data.SelectMany(d => d.Gold).Append("O").Distinct().Order(StringComparer.Ordinal).ToList();
        var index = tags.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var weights = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var totals = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var stamps = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var step = 0;
        var tagger = new PerceptronTagger(tags, weights);
        var order = Enumerable.Range(0, data.Length).ToArray();
        var random = new Random(seed);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var n in order)
            {
                var (tokens, gold) = data[n];
                var previous = "<s>";
                for (var t = 0; t < tokens.Length; t++)
                {
                    step++;
                    var features = Features(tokens, t, previous);
                    var guess = tagger.Best(features, previous);
                    var truth = index[gold[t]];
                    if (guess != truth)
                        foreach (var f in features)
                        {
                            if (!weights.TryGetValue(f, out var w))
                            {
                                weights[f] = w = new double[tags.Count];
                                totals[f] = new double[tags.Count];
                                stamps[f] = new int[tags.Count];
                            }
                            Update(f, truth, +1);
                            Update(f, guess, -1);
                            void Update(string feature, int c, double delta)
                            {
                                // Lazy averaging: add the weight's value for the steps it stood unchanged, then change it.
                                totals[feature][c] += (step - stamps[feature][c]) * w[c];
                                stamps[feature][c] = step;
                                w[c] += delta;
                            }
                        }
                    previous = gold[t]; // teacher forcing: the previous tag feature sees the gold tag while training
                }
            }
        }
        // Average: each weight becomes its mean over all steps.
        foreach (var (f, w) in weights)
            for (var c = 0; c < w.Length; c++)
            {
                var total = totals[f][c] + (step - stamps[f][c]) * w[c];
                w[c] = total / Math.Max(step, 1);
            }
        return tagger;
    }

    /// <summary>The spans the tagger finds in <paramref name="text"/>.</summary>
    public ImmutableArray<TextSpan> Tag(string text)
    {
        var tokens = Tokens.Of(text);
        var tags = new string[tokens.Length];
        var previous = "<s>";
        for (var t = 0; t < tokens.Length; t++)
        {
            tags[t] = _tags[Best(Features(tokens, t, previous), previous)];
            previous = tags[t];
        }
        return Tokens.Spans(tokens, tags);
    }

    private int Best(List<string> features, string previous)
    {
        var scores = new double[_tags.Count];
        foreach (var f in features)
            if (_weights.TryGetValue(f, out var w))
                for (var c = 0; c < scores.Length; c++) scores[c] += w[c];
        var best = -1;
        for (var c = 0; c < scores.Length; c++)
        {
            if (!Allowed(previous, _tags[c])) continue;
            if (best < 0 || scores[c] > scores[best]) best = c;
        }
        return best;
    }

    private static bool Allowed(string previous, string tag) =>
        !tag.StartsWith("I-", StringComparison.Ordinal) || (previous.Length > 2 && previous[2..] == tag[2..] && previous != "O");

    private static List<string> Features(Token[] tokens, int t, string previous)
    {
        var w = tokens[t].Text;
        var lower = w.ToLowerInvariant();
        string Word(int k) => k < 0 ? "<s>" : k >= tokens.Length ? "</s>" : tokens[k].Text.ToLowerInvariant();
        var features = new List<string>(24)
        {
            "b", "w=" + lower, "s=" + Shape(w), "p1=" + lower[..1], "s1=" + lower[^1..],
            "-1w=" + Word(t - 1), "+1w=" + Word(t + 1), "-2w=" + Word(t - 2), "+2w=" + Word(t + 2),
            "-1t=" + previous, "-1t,s=" + previous + "," + Shape(w), "-1t,w=" + previous + "," + lower,
            "-1s=" + (t > 0 ? Shape(tokens[t - 1].Text) : "<s>"), "+1s=" + (t + 1 < tokens.Length ? Shape(tokens[t + 1].Text) : "</s>"),
        };
        if (lower.Length >= 2) { features.Add("p2=" + lower[..2]); features.Add("s2=" + lower[^2..]); }
        if (lower.Length >= 3) { features.Add("p3=" + lower[..3]); features.Add("s3=" + lower[^3..]); }
        if (char.IsUpper(w[0])) features.Add(t == 0 ? "cap,first" : "cap");
        if (w.Length > 1 && w.All(c => !char.IsLetter(c) || char.IsUpper(c)) && w.Any(char.IsLetter)) features.Add("allcaps");
        if (w.Any(char.IsDigit)) features.Add("digit");
        if (t > 0 && tokens[t - 1].Text is "@" or "#" && tokens[t - 1].End == tokens[t].Start) features.Add("after" + tokens[t - 1].Text);
        return features;
    }

    /// <summary>Word shape, runs collapsed: "Empire" → "Xx", "ESB" → "X", "2017" → "d", "@x_1" → "@x_xd".</summary>
    private static string Shape(string w)
    {
        var shape = new System.Text.StringBuilder();
        foreach (var c in w)
        {
            var s = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
            if (shape.Length == 0 || shape[^1] != s) shape.Append(s);
        }
        return shape.ToString();
    }
}
