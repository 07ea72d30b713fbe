using System.Text.Json;
using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Methods;
using Winnow.Tuning.Tasks.FeatureExtraction;
using Winnow.Tuning.Tests.TestData;
using static TorchSharp.torch;

namespace Winnow.Tuning.Tests.Methods;

/// <summary>Adapters Hugging Face PEFT wrote for all-MiniLM-L6-v2 (TestData/minilm-peft) reproduce PEFT's embeddings.</summary>
public sealed class PeftFixtureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("winnow-peft-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private sealed record Reference(long[][] InputIds, long[][] AttentionMask, float[][] Base, float[][] Adapted);

    private static Reference Read(string method)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Banking77.Fixture("minilm-peft"), method, "reference.json")));
        var r = doc.RootElement;
        long[][] Ints(string k) => [.. r.GetProperty(k).EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetInt64()).ToArray())];
        float[][] Floats(string k) => [.. r.GetProperty(k).EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetSingle()).ToArray())];
        return new Reference(Ints("input_ids"), Ints("attention_mask"), Floats("base_embeddings"), Floats("adapted_embeddings"));
    }

    /// <summary>The reference batch through <paramref name="model"/>: masked mean, L2-normalised, (N, H).</summary>
    private static float[][] Embed(EncoderOnly model, Reference r)
    {
        int n = r.InputIds.Length, t = r.InputIds[0].Length;
        using var ids = tensor(r.InputIds.SelectMany(x => x).ToArray(), [n, t]);
        using var mask = tensor(r.AttentionMask.SelectMany(x => x).ToArray(), [n, t]);
        using var inference = inference_mode();
        using var pooled = nn.functional.normalize(BertModel.MeanPool(model.forward(ids, mask), mask), p: 2, dim: 1);
        var flat = pooled.contiguous().data<float>().ToArray();
        int h = (int)pooled.shape[1];
        return [.. Enumerable.Range(0, n).Select(i => flat.AsSpan(i * h, h).ToArray())];
    }

    private static double MaxDiff(float[][] a, float[][] b) =>
        a.Zip(b).Max(p => p.First.Zip(p.Second).Max(x => Math.Abs(x.First - x.Second)));

    [Theory]
    [InlineData("lora")]
    [InlineData("prefix")]
    [InlineData("prompt")]
    public void LoadEncoder_PeftWrittenAdapter_ReproducesPeftEmbeddings(string method)
    {
        var r = Read(method);
        var model = PeftAdapters.LoadEncoder(Path.Combine(Banking77.Fixture("minilm-peft"), method), MiniLmBackbone.Instance);
        var adapted = Embed(model, r);

        Assert.True(MaxDiff(adapted, r.Adapted) <= 1e-5, $"{method}: off by {MaxDiff(adapted, r.Adapted)}");
        Assert.True(MaxDiff(adapted, r.Base) > 1e-3, $"{method}: the adapter changed nothing");

        // What Winnow writes for the same adapter loads back the same way.
        var dir = Path.Combine(_dir, method);
        Directory.CreateDirectory(dir);
        MethodRegistry.Create(PeftAdapters.ReadOptions(Path.Combine(Banking77.Fixture("minilm-peft"), method))).Save(dir, model, MiniLm.ModelId);
        // … under PEFT's keys and shapes.
        var theirs = TorchSharp.PyBridge.Safetensors.LoadStateDict(Path.Combine(Banking77.Fixture("minilm-peft"), method, PeftFiles.WeightsFile));
        var ours = TorchSharp.PyBridge.Safetensors.LoadStateDict(Path.Combine(dir, PeftFiles.WeightsFile));
        Assert.Equal(theirs.Keys.Order(), ours.Keys.Order());
        foreach (var key in theirs.Keys) Assert.Equal(theirs[key].shape, ours[key].shape);
        var again = Embed(PeftAdapters.LoadEncoder(dir, MiniLmBackbone.Instance), r);
        Assert.True(MaxDiff(again, adapted) <= 1e-6, $"{method}: Winnow's files reload off by {MaxDiff(again, adapted)}");
    }

    [Fact]
    public void Pretrained_NoAdapter_ReproducesPeftBaseEmbeddings()
    {
        var r = Read("lora");
        var model = new EncoderOnly(MiniLmBackbone.Instance.Pretrained());
        model.eval();
        Assert.True(MaxDiff(Embed(model, r), r.Base) <= 1e-5);
    }
}
