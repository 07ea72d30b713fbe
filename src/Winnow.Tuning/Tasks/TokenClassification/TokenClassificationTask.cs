using Winnow.Embeddings;
using Winnow.Tuning.Backbones.MiniLm;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Winnow.Tuning.Tasks.TokenClassification;

/// <summary>
/// Named entities (<c>task: token_classification</c>): records' character spans become BIO tags on words, the first
/// WordPiece of each word learns its tag (cross-entropy, the other pieces ignored), and evaluation reads entities back
/// in seqeval's strict mode and scores exact span and type (<see cref="EntityReport"/>).
/// </summary>
public sealed class TokenClassificationTask : ITuningTask
{
    private readonly TokenDataset _train;
    private readonly TokenDataset? _eval;

    public TokenClassificationTask(TokenDataset train, TokenDataset? eval)
    {
        _train = train;
        _eval = eval;
    }

    /// <summary>Reads the sentences; the tag set comes from the training split's entity types.</summary>
    public static TokenClassificationTask Load(string train, string? eval, int maxLength, int? limit, int? evalLimit, WordPieceTokenizer tokenizer)
    {
        var trainItems = TokenDataset.Read(train, limit);
        var tags = BioTags.Vocabulary(trainItems.SelectMany(s => s.Spans).Select(s => s.Label));
        return new TokenClassificationTask(new TokenDataset(trainItems, tokenizer, maxLength, tags),
            eval is null ? null : new TokenDataset(TokenDataset.Read(eval, evalLimit), tokenizer, maxLength, tags));
    }

    public IReadOnlyList<string> Labels => _train.Tags;

    public int TrainCount => _train.Count;

    public int? EvalCount => _eval?.Count;

    public int TrainLength(int i) => _train.Length(i);

    public TaskModel CreateModel(BertModel encoder, double headDropout) => new TokenClassifier(encoder, Labels.Count, headDropout);

    public Tensor Loss(TaskModel model, ReadOnlySpan<int> indices, Device device)
    {
        using var scope = NewDisposeScope();
        using var batch = _train.MakeBatch(indices, device);
        var logits = model.forward(batch.InputIds, batch.AttentionMask); // (B, T, K)
        var loss = functional.cross_entropy(logits.reshape(-1, logits.shape[2]), batch.Targets!.reshape(-1), ignore_index: TokenDataset.Ignored);
        return loss.MoveToOuterDisposeScope();
    }

    public IEvalReport Evaluate(TaskModel model, int batchSize, Device device) =>
        Score(model, _eval ?? throw new InvalidOperationException("no evaluation data"), batchSize, device);

    public SequenceClassification.FeatureStats? CacheFeatures(TaskModel model, int batchSize, Device device, Func<TaskModel, EmbeddingCache?> openCache) => null;

    /// <summary>
    /// The predicted tag of every word of every sentence, read at the word's first sub-token, with its softmax
    /// probability (a word cut off by truncation is O, probability 0).
    /// </summary>
    public static WordTags[] PredictTags(TaskModel model, TokenDataset data, int batchSize, Device device)
    {
        var result = new WordTags[data.Count];
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var inference = inference_mode();
            var order = Enumerable.Range(0, data.Count).OrderBy(data.Length).ToArray();
            for (int start = 0; start < order.Length; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var idx = order[start..Math.Min(order.Length, start + batchSize)];
                using var batch = data.MakeBatch(idx, device, withTargets: false);
                var logits = model.forward(batch.InputIds, batch.AttentionMask);       // (B, T, K)
                var index = logits.argmax(-1);                                          // (B, T)
                var best = logits.softmax(-1).gather(-1, index.unsqueeze(-1)).squeeze(-1); // (B, T)
                var probabilities = best.to(CPU).contiguous().data<float>().ToArray();
                var tags = index.to(CPU).contiguous().data<long>().ToArray();
                int t = (int)index.shape[1];
                for (int r = 0; r < idx.Length; r++)
                {
                    var firsts = data.FirstTokens(idx[r]);
                    result[idx[r]] = new WordTags(
                        [.. firsts.Select(p => p < 0 ? BioTags.Outside : data.Tags[(int)tags[r * t + p]])],
                        [.. firsts.Select(p => p < 0 ? 0f : probabilities[r * t + p])]);
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        return result;
    }

    /// <summary>Entity-level scores of <paramref name="model"/> on <paramref name="data"/>.</summary>
    public static EntityReport Score(TaskModel model, TokenDataset data, int batchSize, Device device)
    {
        var predicted = PredictTags(model, data, batchSize, device);
        var gold = new List<IReadOnlyList<WordEntity>>(data.Count);
        var pred = new List<IReadOnlyList<WordEntity>>(data.Count);
        var types = new HashSet<string>(data.Tags.Where(t => t != BioTags.Outside).Select(t => t[2..]), StringComparer.Ordinal);
        int tokens = 0, correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            var g = data.GoldTags(i);
            gold.Add(BioTags.Entities(g));
            pred.Add(BioTags.Entities(predicted[i].Tags));
            foreach (var e in gold[^1]) types.Add(e.Type);
            for (int w = 0; w < g.Count; w++, tokens++) if (g[w] == predicted[i].Tags[w]) correct++;
        }
        return EntityReport.Score(gold, pred, types, tokens, correct);
    }
}
