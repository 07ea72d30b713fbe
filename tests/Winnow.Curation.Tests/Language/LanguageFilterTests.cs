using System.Text.Json;
using Winnow.Core.Records;
using Winnow.Curation.Language;

namespace Winnow.Curation.Tests.Language;

public sealed class LanguageFilterTests
{
    private const string English = "I still have not received my new card, what should I do?";
    private const string Spanish = "¿Dónde puedo cambiar el número secreto de mi tarjeta de crédito?";
    private const string German = "Ich habe meine neue Karte immer noch nicht erhalten, was soll ich tun?";

    private static LanguageFilter Filter(LanguageFilterOptions options) => new(options);

    [Fact]
    public void Apply_KeepAny_AnnotatesLangAndScoreAndKeepsAll()
    {
        var outcomes = Rec.Run(Filter(new LanguageFilterOptions()), Rec.Text(English), Rec.Text(German), Rec.Text(""));
        Assert.All(outcomes, o => Assert.NotNull(o.Kept));
        Assert.Equal(["en", "de", "und"], outcomes.Select(o => o.Kept!.Meta.GetString("lang")));
        var score = outcomes[0].Kept!.Meta["lang_score"].GetDouble();
        Assert.InRange(score, 0.9, 1.0);
        Assert.Equal(0, outcomes[2].Kept!.Meta["lang_score"].GetDouble());
    }

    [Fact]
    public void Apply_KeepList_DropsOtherLanguagesWithLanguageAndScore()
    {
        var outcomes = Rec.Run(Filter(new LanguageFilterOptions { Keep = ["en", "es"] }), Rec.Text(English), Rec.Text(Spanish), Rec.Text(German));
        Assert.NotNull(outcomes[0].Kept);
        Assert.Equal("es", outcomes[1].Kept!.Meta.GetString("lang"));
        Assert.Null(outcomes[2].Kept);
        Assert.Equal("language_not_kept", outcomes[2].DropReason);
        Assert.StartsWith("de ", outcomes[2].DropDetail);
        Assert.InRange(double.Parse(outcomes[2].DropDetail!.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), 0.5, 1.0);
    }

    [Fact]
    public void Apply_KeepList_EmptyTextIsUndAndDroppedUnlessUndIsKept()
    {
        Assert.Equal("language_not_kept", Rec.Run(Filter(new LanguageFilterOptions { Keep = ["en"] }), Rec.Text("  ")).Single().DropReason);
        Assert.NotNull(Rec.Run(Filter(new LanguageFilterOptions { Keep = ["en", "und"] }), Rec.Text("  ")).Single().Kept);
    }

    [Fact]
    public void Apply_MinScore_DropsShortTextAsLowScoreButKeepsASentence()
    {
        var outcomes = Rec.Run(Filter(new LanguageFilterOptions { MinScore = 0.5 }), Rec.Text("casa"), Rec.Text(English));
        Assert.Equal("language_low_score", outcomes[0].DropReason);
        Assert.Contains("< 0.5", outcomes[0].DropDetail);
        Assert.NotNull(outcomes[1].Kept);
    }

    [Fact]
    public void Apply_FieldMeta_IdentifiesThatFieldNotTheContent()
    {
        var record = Rec.Text(English) with { Meta = Meta.Empty.Set("original", German) };
        var kept = Rec.Run(Filter(new LanguageFilterOptions { Field = "meta.original" }), record).Single().Kept!;
        Assert.Equal("de", kept.Meta.GetString("lang"));
        Assert.Equal(English, kept.Text);
    }

    [Fact]
    public void Apply_DefaultField_ReadsChatTurnsAndPromptCompletion()
    {
        var chat = new Record { Id = "c", Messages = [new ChatMessage("user", German), new ChatMessage("assistant", "Das tut mir leid, ich sehe sofort nach.")] };
        var pair = new Record { Id = "p", Prompt = Spanish, Completion = "Lo siento mucho, lo revisamos enseguida." };
        var outcomes = Rec.Run(Filter(new LanguageFilterOptions()), chat, pair);
        Assert.Equal("de", outcomes[0].Kept!.Meta.GetString("lang"));
        Assert.Equal("es", outcomes[1].Kept!.Meta.GetString("lang"));
    }

    [Fact]
    public void Apply_FieldCompletion_ReadsOnlyTheCompletion()
    {
        var pair = new Record { Id = "p", Prompt = English, Completion = German };
        Assert.Equal("de", Rec.Run(Filter(new LanguageFilterOptions { Field = "completion" }), pair).Single().Kept!.Meta.GetString("lang"));
    }

    [Fact]
    public void Apply_PriorAndWords_DecideBetweenDutchAndAfrikaans()
    {
        // Against all 55 profiles with neither the web prior nor function words, this Dutch sentence reads as Afrikaans.
        const string dutch = "Hoe kan ik een kaart koppelen die ik al heb?";
        string Lang(LanguageFilterOptions options) => Rec.Run(Filter(options), Rec.Text(dutch)).Single().Kept!.Meta.GetString("lang")!;
        Assert.Equal("af", Lang(new LanguageFilterOptions { Prior = "uniform", Words = false }));
        Assert.Equal("nl", Lang(new LanguageFilterOptions()));
        Assert.Equal("nl", Lang(new LanguageFilterOptions { Prior = "uniform" }));
        Assert.Equal("nl", Lang(new LanguageFilterOptions { Prior = "uniform", Words = false, Languages = ["en", "nl", "de"] }));
    }

    [Fact]
    public void Apply_PriorWeights_OverrideTheWebPrior()
    {
        // One word shared by many Romance languages: the prior decides it.
        string Lang(LanguageFilterOptions options) => Rec.Run(Filter(options), Rec.Text("casa")).Single().Kept!.Meta.GetString("lang")!;
        Assert.Equal("pt", Lang(new LanguageFilterOptions { PriorWeights = new Dictionary<string, double> { ["pt"] = 1e6 } }));
        Assert.Equal("it", Lang(new LanguageFilterOptions { Prior = "uniform", PriorWeights = new Dictionary<string, double> { ["it"] = 1e6 } }));
    }

    [Fact]
    public void Apply_ExistingMeta_IsKeptAndLangReplaced()
    {
        var record = Rec.Text(English) with { Meta = Meta.Empty.Set("source", "x").Set("lang", "fr") };
        var meta = Rec.Run(Filter(new LanguageFilterOptions()), record).Single().Kept!.Meta;
        Assert.Equal("x", meta.GetString("source"));
        Assert.Equal("en", meta.GetString("lang"));
        Assert.Equal(JsonValueKind.Number, meta["lang_score"].ValueKind);
    }
}
