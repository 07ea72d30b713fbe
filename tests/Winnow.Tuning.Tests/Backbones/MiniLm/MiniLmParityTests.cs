using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Modules;
using Winnow.Tuning.Tasks.SequenceClassification;
using Winnow.Tuning.Tests.TestData;
using Winnow.Embeddings;
using static TorchSharp.torch;

namespace Winnow.Tuning.Tests.Backbones;

public sealed class MiniLmParityTests
{
    [Fact]
    public void Load_RealBanking77Sentences_PooledOutputMatchesOnnxRuntimeWithin1e4()
    {
        // 320 real sentences spread over the test split (every 9th), batched with padding like training does.
        var texts = Banking77.Read("test").Where((_, i) => i % 9 == 0).Take(320).Select(r => r.Text).ToList();
        var tokenizer = WordPieceTokenizer.MiniLm();
        using var model = MiniLm.Load();
        model.eval();
        using var session = new InferenceSession(Winnow.Embeddings.MiniLmResources.ReadOnnx());

        double worst = 0;
        const int batch = 32;
        for (int start = 0; start < texts.Count; start += batch)
        {
            var ids = texts.Skip(start).Take(batch).Select(t => tokenizer.Encode(t, 128)).ToList();
            int b = ids.Count, t = ids.Max(x => x.Length);
            var flatIds = new long[b * t];
            var flatMask = new long[b * t];
            for (int i = 0; i < b; i++)
                for (int j = 0; j < ids[i].Length; j++) { flatIds[i * t + j] = ids[i][j]; flatMask[i * t + j] = 1; }

            var reference = OnnxPooled(session, flatIds, flatMask, b, t);
            float[] ours;
            using (no_grad())
            using (var idT = tensor(flatIds, [b, t]))
            using (var maskT = tensor(flatMask, [b, t]))
            using (var hidden = model.forward(idT, maskT))
            using (var pooled = BertModel.MeanPool(hidden, maskT))
            using (var normed = nn.functional.normalize(pooled, p: 2, dim: 1))
                ours = normed.data<float>().ToArray();

            Assert.Equal(reference.Length, ours.Length);
            for (int k = 0; k < ours.Length; k++) worst = Math.Max(worst, Math.Abs(ours[k] - reference[k]));
        }
        Assert.True(worst < 1e-4, $"largest difference {worst:E3}");
    }

    /// <summary>ONNX Runtime's last_hidden_state, mean-pooled over the mask and L2-normalised: (B, 384) flat.</summary>
    private static float[] OnnxPooled(InferenceSession session, long[] ids, long[] mask, int b, int t)
    {
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, [b, t])),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, [b, t])),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[b * t], [b, t])),
        };
        using var results = session.Run(inputs);
        var hidden = results.First(r => r.Name == "last_hidden_state").AsTensor<float>();
        int h = hidden.Dimensions[2];
        var pooled = new float[b * h];
        for (int i = 0; i < b; i++)
        {
            double count = 0;
            var acc = new double[h];
            for (int j = 0; j < t; j++)
            {
                if (mask[i * t + j] == 0) continue;
                count++;
                for (int k = 0; k < h; k++) acc[k] += hidden[i, j, k];
            }
            double norm = Math.Sqrt(acc.Sum(a => (a / count) * (a / count)));
            for (int k = 0; k < h; k++) pooled[i * h + k] = (float)(acc[k] / count / norm);
        }
        return pooled;
    }
}
