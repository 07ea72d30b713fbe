using Microsoft.ML.OnnxRuntime;
using Winnow.Core;

namespace Winnow.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 on ONNX Runtime: BERT WordPiece (uncased, accents stripped) → [CLS] … [SEP] truncated to
/// <see cref="MiniLmOptions.MaxTokens"/> → one ONNX call per batch, padded to its longest text → the
/// attention-masked mean of the last hidden state [batch, tokens, 384] → L2 normalisation. This is what
/// sentence-transformers does for this model (its modules: Transformer, Pooling(mean), Normalize).
/// </summary>
internal sealed class MiniLmEncoder : IDisposable
{
    private readonly InferenceSession _session;
    private readonly WordPieceTokenizer _tokenizer = WordPieceTokenizer.MiniLm();
    private readonly int _maxTokens;
    private readonly string _output;
    private readonly bool _wantsTokenTypes;

    public MiniLmEncoder(MiniLmOptions options)
    {
        if (options.MaxTokens is < 3 or > 512) throw new WinnowException($"embeddings: max tokens must be 3…512, not {options.MaxTokens}");
        _maxTokens = options.MaxTokens;
        var session = new SessionOptions
        {
            IntraOpNumThreads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(MiniLmResources.ReadOnnx(), session);
        // The token-level output is the one of rank 3 (the export names it last_hidden_state).
        _output = _session.OutputMetadata.First(o => o.Value.Dimensions.Length == 3).Key;
        _wantsTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
    }

    /// <summary>Token ids with [CLS] and [SEP], at most MaxTokens in all.</summary>
    public long[] Tokenize(string text) => _tokenizer.Encode(text, _maxTokens);

    /// <summary>One L2-normalised 384-float vector per text, from one ONNX call.</summary>
    public float[][] Encode(IReadOnlyList<string> texts)
    {
        var tokens = texts.Select(Tokenize).ToArray();
        int b = tokens.Length, t = tokens.Max(x => x.Length);
        var ids = new long[b * t];
        var mask = new long[b * t];
        for (var i = 0; i < b; i++)
            for (var j = 0; j < tokens[i].Length; j++) { ids[i * t + j] = tokens[i][j]; mask[i * t + j] = 1; }
        long[] shape = [b, t];
        using var idValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typeValue = OrtValue.CreateTensorValueFromMemory(new long[b * t], shape);
        var inputs = new Dictionary<string, OrtValue> { ["input_ids"] = idValue, ["attention_mask"] = maskValue };
        if (_wantsTokenTypes) inputs["token_type_ids"] = typeValue;
        using var run = new RunOptions();
        using var outputs = _session.Run(run, inputs, [_output]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var h = hidden.Length / (b * t);
        var result = new float[b][];
        for (var i = 0; i < b; i++)
        {
            var v = new float[h];
            var n = tokens[i].Length; // padding sits after the real tokens, so the mask is 1 for the first n
            for (var j = 0; j < n; j++)
            {
                var row = hidden.Slice((i * t + j) * h, h);
                for (var k = 0; k < h; k++) v[k] += row[k];
            }
            double norm = 0;
            for (var k = 0; k < h; k++) { v[k] /= n; norm += v[k] * (double)v[k]; }
            var scale = (float)(1 / Math.Max(Math.Sqrt(norm), 1e-12));
            for (var k = 0; k < h; k++) v[k] *= scale;
            result[i] = v;
        }
        return result;
    }

    public void Dispose() => _session.Dispose();
}
