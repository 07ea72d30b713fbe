using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Modules;
using Winnow.Tuning.Tasks.SequenceClassification;
using Winnow.Tuning.Methods;
using Winnow.Tuning.Methods.Full;
using Winnow.Tuning.Methods.Head;
using Winnow.Tuning.Methods.Lora;
using Winnow.Tuning.Tasks;

namespace Winnow.Tuning.Tests.Methods;

public sealed class MethodTests
{
    // A small BERT keeps these fast; the counts follow from its shape (H 32, I 64, 2 layers, 10 labels).
    private static readonly BertConfig Small = new() { VocabSize = 100, HiddenSize = 32, NumLayers = 2, NumHeads = 4, IntermediateSize = 64, MaxPositions = 16 };

    private static SequenceClassifier Model() => new(new BertModel(Small), numLabels: 10, headDropout: 0);

    [Fact]
    public void Apply_LoraQueryValue_WrapsTargetsAndTrainsOnlyAdaptersAndHead()
    {
        var model = Model();
        MethodRegistry.Create(new LoraOptions { Type = "lora", R = 4, Alpha = 8 }).Apply(model);
        var wrapped = LoraMethod.Wrapped(model);

        Assert.Equal(
            ["bert.encoder.layer.0.attention.self.query", "bert.encoder.layer.0.attention.self.value",
             "bert.encoder.layer.1.attention.self.query", "bert.encoder.layer.1.attention.self.value"], wrapped);
        var counts = ParameterCounts.Of(model);
        long adapters = 4 * (32 * 4 + 4 * 32), head = 32 * 10 + 10;
        Assert.Equal(adapters + head, counts.Trainable);
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name).ToList();
        Assert.Contains("bert.encoder.layer.0.attention.self.query.lora_A.weight", trainable);
        Assert.Contains("bert.encoder.layer.0.attention.self.query.base_layer.weight", model.named_parameters().Select(p => p.name));
        Assert.DoesNotContain("bert.encoder.layer.0.attention.self.query.base_layer.weight", trainable);
    }

    [Fact]
    public void Apply_Head_TrainsOnlyClassifier()
    {
        var model = Model();
        MethodRegistry.Create(new HeadOptions { Type = "head" }).Apply(model);
        Assert.Equal(32 * 10 + 10, ParameterCounts.Of(model).Trainable);
    }

    [Fact]
    public void Apply_Full_TrainsEverything()
    {
        var model = Model();
        MethodRegistry.Create(new FullOptions { Type = "full" }).Apply(model);
        var counts = ParameterCounts.Of(model);
        Assert.Equal(counts.Total, counts.Trainable);
    }

    [Fact]
    public void Apply_TargetsMatchNothing_ThrowsWinnowException()
    {
        var ex = Assert.Throws<Winnow.Core.WinnowException>(() =>
            MethodRegistry.Create(new LoraOptions { Type = "lora", TargetModules = TargetModules.Of("q_proj") }).Apply(Model()));
        Assert.Contains("q_proj", ex.Message);
    }

    [Fact]
    public void Count_MiniLmLoraR8_MatchesPeftFigures()
    {
        var model = new SequenceClassifier(new BertModel(BertConfig.MiniLmL6), 77, 0);
        MethodRegistry.Create(new LoraOptions { Type = "lora", R = 8, Alpha = 16 }).Apply(model);
        var counts = ParameterCounts.Of(model);
        // 6 layers × (query, value) × (384·8 + 8·384) + head 384·77 + 77
        Assert.Equal(103_373, counts.Trainable);
        // encoder without pooler: embeddings 11,918,592 + 6 layers × 1,774,464 = 22,565,376
        Assert.Equal(22_565_376 + 29_645 + 73_728, counts.Total);
        Assert.StartsWith("trainable params: 103,373 || all params:", counts.ToString());
    }

    [Fact]
    public void ToString_AnyCulture_IsPeftsLine()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            // PEFT: f"trainable params: {trainable_params:,d} || all params: {all_param:,d} || trainable%: {100 * trainable_params / all_param:.4f}"
            Assert.Equal("trainable params: 103,373 || all params: 22,668,749 || trainable%: 0.4560", new ParameterCounts(103_373, 22_668_749).ToString());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }
}
