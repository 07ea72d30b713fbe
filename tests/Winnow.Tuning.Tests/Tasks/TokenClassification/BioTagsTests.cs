using Winnow.Core.Records;
using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Tasks.TokenClassification;

namespace Winnow.Tuning.Tests.Tasks.TokenClassification;

public sealed class BioTagsTests
{
    [Fact]
    public void Tag_SpansOverWords_GivesBeginThenInsideAndOutside()
    {
        const string text = "Paul Walker drove to New York City";
        var words = BioTags.Words(text);
        var tags = BioTags.Tag(words, [new TextSpan(0, 11, "person"), new TextSpan(21, 34, "location")]);
        Assert.Equal(["B-person", "I-person", "O", "O", "B-location", "I-location", "I-location"], tags);
        Assert.Equal([new TextSpan(0, 11, "person"), new TextSpan(21, 34, "location")], BioTags.Spans(words, BioTags.Entities(tags)));
    }

    [Fact]
    public void Entities_StrayInsideOrTypeChange_FollowSeqevalStrictMode()
    {
        // Strict IOB2: an I- without its B- starts no entity; a type change ends the entity.
        var entities = BioTags.Entities(["I-person", "O", "B-person", "I-location", "B-group", "I-group"]);
        Assert.Equal([new WordEntity(2, 2, "person"), new WordEntity(4, 5, "group")], entities);
    }

    [Fact]
    public void Score_ExactSpanAndType_CountsPartialMatchesAsBothErrors()
    {
        IReadOnlyList<IReadOnlyList<WordEntity>> gold = [[new(0, 1, "person"), new(4, 4, "location")]];
        IReadOnlyList<IReadOnlyList<WordEntity>> pred = [[new(0, 0, "person"), new(4, 4, "location")]];
        var report = EntityReport.Score(gold, pred, ["person", "location"], tokens: 5, correctTokens: 4);
        Assert.Equal(0.5, report.Precision, 6);
        Assert.Equal(0.5, report.Recall, 6);
        Assert.Equal(0.5, report.F1, 6);
        Assert.Equal(1.0, report.PerType.Single(t => t.Label == "location").F1, 6);
        Assert.Equal(0.0, report.PerType.Single(t => t.Label == "person").F1, 6);
        Assert.Equal(0.8, report.TokenAccuracy, 6);
    }

    [Fact]
    public void TokenDataset_WordSplitIntoPieces_TagsOnlyTheFirstPiece()
    {
        var tags = BioTags.Vocabulary(["location"]);
        var data = new TokenDataset([new SpannedText("visit Sonmarg now", [new TextSpan(6, 13, "location")])],
            MiniLmBackbone.Instance.Tokenizer(), 32, tags);
        using var batch = data.MakeBatch([0], TorchSharp.torch.CPU);
        var targets = batch.Targets!.data<long>().ToArray();
        var firsts = data.FirstTokens(0);
        Assert.Equal(["O", "B-location", "O"], data.GoldTags(0));
        // [CLS] visit son ##mar ##g now [SEP]: "Sonmarg" is several pieces; only the first learns B-location.
        Assert.True(firsts[2] - firsts[1] > 1, "Sonmarg should be more than one WordPiece");
        Assert.Equal(tags.ToList().IndexOf("B-location"), targets[firsts[1]]);
        for (int t = firsts[1] + 1; t < firsts[2]; t++) Assert.Equal(TokenDataset.Ignored, targets[t]);
        Assert.Equal(TokenDataset.Ignored, targets[0]);
        Assert.Equal(TokenDataset.Ignored, targets[^1]);
        Assert.Equal(0, targets[firsts[0]]);
    }
}
