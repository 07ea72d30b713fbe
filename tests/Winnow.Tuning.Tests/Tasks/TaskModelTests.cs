using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Tasks;
using Winnow.Tuning.Tasks.FeatureExtraction;
using Winnow.Tuning.Tasks.SequenceClassification;
using Winnow.Tuning.Tasks.TokenClassification;

namespace Winnow.Tuning.Tests.Tasks;

public sealed class TaskModelTests
{
    private static readonly BertConfig Small = new() { VocabSize = 100, HiddenSize = 32, NumLayers = 2, NumHeads = 4, IntermediateSize = 64, MaxPositions = 16 };

    public static TheoryData<string> Tasks() => ["sequence", "token"];

    private static TaskModel Create(string task, BertModel encoder) =>
        task == "sequence" ? new SequenceClassifier(encoder, 5, 0.1) : new TokenClassifier(encoder, 5, 0.1);

    /// <summary>Saved keys and the optimizer's order follow the registration: transformers' names, encoder first, then the head.</summary>
    [Theory]
    [MemberData(nameof(Tasks))]
    public void NamedParameters_Classifier_AreTheEncodersUnderBertThenTheHead(string task)
    {
        var encoder = new BertModel(Small);
        var encoderNames = encoder.named_parameters().Select(p => "bert." + p.name).ToList();

        var names = Create(task, encoder).named_parameters().Select(p => p.name).ToList();

        Assert.Equal([.. encoderNames, "classifier.weight", "classifier.bias"], names);
    }

    [Fact]
    public void EncoderOnly_NoHead_HasOnlyTheEncodersParameters()
    {
        var model = new EncoderOnly(new BertModel(Small));

        Assert.Null(model.Head);
        Assert.Equal(0, model.NumLabels);
        Assert.Empty(model.HeadParameters());
        Assert.All(model.named_parameters(), p => Assert.StartsWith("bert.", p.name));
    }
}
