using System.Text.Json;
using TorchSharp;
using TorchSharp.PyBridge;
using Winnow.Tuning.Files;
using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Modules;
using Winnow.Tuning.Tasks.SequenceClassification;
using Winnow.Tuning.Methods;
using Winnow.Tuning.Methods.Full;
using Winnow.Tuning.Methods.Head;
using Winnow.Tuning.Methods.Lora;
using Winnow.Tuning.Tasks;
using Winnow.Tuning.Tests.TestData;
using static TorchSharp.torch;

namespace Winnow.Tuning.Tests.Methods.Lora;

public sealed class LoraFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("winnow-peft-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static readonly BertConfig Small = new() { VocabSize = 100, HiddenSize = 32, NumLayers = 2, NumHeads = 4, IntermediateSize = 64, MaxPositions = 16 };

    [Fact]
    public void Write_LoraModel_HasPeftConfigAndKeyLayout()
    {
        var model = new SequenceClassifier(new BertModel(Small), 3, 0);
        var options = new LoraOptions { Type = "lora", R = 4, Alpha = 16, Dropout = 0.05, TargetModules = TargetModules.Of("query", "value") };
        MethodRegistry.Create(options).Apply(model);
        LoraFiles.Write(_dir, model, options, MiniLm.ModelId);

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "adapter_config.json")));
        var c = config.RootElement;
        Assert.Equal("LORA", c.GetProperty("peft_type").GetString());
        Assert.Equal(4, c.GetProperty("r").GetInt32());
        Assert.Equal(16, c.GetProperty("lora_alpha").GetDouble());
        Assert.Equal(["query", "value"], c.GetProperty("target_modules").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["classifier"], c.GetProperty("modules_to_save").EnumerateArray().Select(e => e.GetString()));
        // Every key real PEFT writes in adapter_config.json is present here too.
        using var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(Banking77.Fixture("gpt2-tiny-lora"), "adapter_config.json")));
        var ours = c.EnumerateObject().Select(p => p.Name).ToHashSet();
        var missing = reference.RootElement.EnumerateObject().Select(p => p.Name)
            .Where(n => n is not ("auto_mapping" or "loftq_config" or "megatron_config" or "megatron_core") && !ours.Contains(n)).ToList();
        Assert.Empty(missing);

        var keys = Safetensors.LoadStateDict(Path.Combine(_dir, "adapter_model.safetensors")).Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            "base_model.model.bert.encoder.layer.0.attention.self.query.lora_A.weight",
            "base_model.model.bert.encoder.layer.0.attention.self.query.lora_B.weight",
            "base_model.model.bert.encoder.layer.0.attention.self.value.lora_A.weight",
            "base_model.model.bert.encoder.layer.0.attention.self.value.lora_B.weight",
            "base_model.model.bert.encoder.layer.1.attention.self.query.lora_A.weight",
            "base_model.model.bert.encoder.layer.1.attention.self.query.lora_B.weight",
            "base_model.model.bert.encoder.layer.1.attention.self.value.lora_A.weight",
            "base_model.model.bert.encoder.layer.1.attention.self.value.lora_B.weight",
            "base_model.model.classifier.bias",
            "base_model.model.classifier.weight",
        ], keys);
    }

    [Fact]
    public void Load_RealPeftKeyShape_IsTheSameAsOurs()
    {
        // Real peft: base_model.model.<module path>.lora_A.weight (no adapter name): the shape our keys follow.
        var keys = Safetensors.LoadStateDict(Path.Combine(Banking77.Fixture("gpt2-tiny-lora"), "adapter_model.safetensors")).Keys;
        Assert.All(keys, k => Assert.Matches(@"^base_model\.model\.[\w.]+\.lora_[AB]\.weight$", k));
    }

    [Fact]
    public void SaveLoadMerge_MiniLmLora_SameLogitsThroughAdapterFilesAndMergedModel()
    {
        torch.manual_seed(3);
        var model = new SequenceClassifier(MiniLm.Load(), 4, 0);
        var options = new LoraOptions { Type = "lora", R = 4, Alpha = 8 };
        MethodRegistry.Create(options).Apply(model);
        using (no_grad())
            foreach (var (_, layer) in AdapterModules.Of<LoraLinear>(model)) layer.LoraB.normal_(0, 0.02); // as after training
        model.eval();
        var card = new ModelCard { Method = "lora", Labels = ["a", "b", "c", "d"], Lora = new LoraCard(4, 8, 0, false, ["query", "value"], null) };
        var loraDir = Path.Combine(_dir, "lora");
        ModelFolder.Save(loraDir, model, card);

        using var ids = tensor(new long[] { 101, 2026, 4003, 2038, 2025, 3369, 102, 101, 7592, 102, 0, 0, 0, 0 }, [2, 7]);
        using var mask = tensor(new long[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0 }, [2, 7]);
        using var expected = model.forward(ids, mask);

        var (reloaded, _) = ModelFolder.Load(loraDir);
        using var viaAdapter = reloaded.forward(ids, mask);
        Assert.True(viaAdapter.allclose(expected, atol: 1e-5));

        var mergedDir = Path.Combine(_dir, "merged");
        ModelFolder.Merge(loraDir, mergedDir);
        var mergedKeys = Safetensors.LoadStateDict(Path.Combine(mergedDir, "model.safetensors")).Keys.ToList();
        Assert.Contains("bert.encoder.layer.0.attention.self.query.weight", mergedKeys);
        Assert.DoesNotContain(mergedKeys, k => k.Contains("lora_") || k.Contains("base_layer"));
        var (merged, mergedCard) = ModelFolder.Load(mergedDir);
        Assert.Equal("full", mergedCard.Method);
        using var viaMerged = merged.forward(ids, mask);
        Assert.True(viaMerged.allclose(expected, atol: 1e-4), $"max diff {(viaMerged - expected).abs().max().item<float>()}");
        // The adapter changed the output: merging was not a no-op.
        var plain = new SequenceClassifier(MiniLm.Load(), 4, 0);
        plain.eval();
        using (no_grad()) { plain.Head!.weight!.copy_(model.Head!.weight!); plain.Head.bias!.copy_(model.Head.bias!); }
        using var without = plain.forward(ids, mask);
        Assert.False(without.allclose(expected, atol: 1e-4));
    }
}
