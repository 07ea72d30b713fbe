using Winnow.Core.Records;
using Winnow.Curation.Enrich;

namespace Winnow.Curation.Tests.Enrich;

public sealed class EnrichStepTests
{
    [Fact]
    public void Apply_AddsLengthsTokensHashAndSource()
    {
        var record = Rec.Text("hello world") with { Provenance = Provenance.From("data/a.csv:7") };
        var meta = new EnrichStep(new EnrichOptions()).Apply(record, 0).Kept!.Meta;
        Assert.Equal(11, meta["chars"].GetInt32());
        Assert.Equal(2, meta["words"].GetInt32());
        Assert.Equal(2, meta["tokens"].GetInt32());
        Assert.Equal(RecordIds.ContentHash("hello world"), meta.GetString("content_hash"));
        Assert.Equal("data/a.csv", meta.GetString("source"));
    }

    [Fact]
    public void Readability_SimpleTextScoresHigherThanDenseText()
    {
        var simple = Readability.FleschReadingEase("The cat sat on the mat. It was fun.");
        var dense = Readability.FleschReadingEase("Institutional considerations necessitate comprehensive organizational restructuring.");
        Assert.True(simple > 90, $"{simple}");
        Assert.True(dense < 0, $"{dense}");
    }

    [Theory]
    [InlineData("cat", 1)]
    [InlineData("make", 1)]
    [InlineData("banana", 3)]
    [InlineData("readability", 5)]
    public void Syllables_CountsVowelGroups(string word, int expected) => Assert.Equal(expected, Readability.Syllables(word));

    [Fact]
    public void Apply_Map_CopiesMetaFields()
    {
        var record = Rec.Text("x") with { Meta = Meta.Empty.Set("user", "ana") };
        var meta = new EnrichStep(new EnrichOptions { Map = new Dictionary<string, string> { ["author"] = "user" } }).Apply(record, 0).Kept!.Meta;
        Assert.Equal("ana", meta.GetString("author"));
    }
}

public sealed class EnrichLanguageTests
{
    private static Meta Enrich(EnrichOptions options, Record record) => new EnrichStep(options).Apply(record, 0).Kept!.Meta;

    [Fact]
    public void Apply_Default_WritesLanguageAndScore()
    {
        var meta = Enrich(new EnrichOptions(), Rec.Text("I would like to know why my card payment was declined yesterday."));
        Assert.Equal("en", meta.GetString("lang"));
        Assert.True(meta["lang_score"].GetDouble() > 0.9, meta["lang_score"].ToString());
    }

    [Fact]
    public void Apply_LangAlreadySet_KeepsFilterLanguagesAnswer()
    {
        var record = Rec.Text("I would like to know why my card payment was declined.") with
        {
            Meta = Meta.Empty.Set("lang", "fr").Set("lang_score", 0.5),
        };
        var meta = Enrich(new EnrichOptions(), record);
        Assert.Equal("fr", meta.GetString("lang"));
        Assert.Equal(0.5, meta["lang_score"].GetDouble());
    }

    [Fact]
    public void Apply_Languages_AnswersOnlyACandidate()
    {
        const string spanish = "¿Por qué rechazaron el pago con mi tarjeta ayer por la tarde?";
        Assert.Equal("es", Enrich(new EnrichOptions(), Rec.Text(spanish)).GetString("lang"));
        var lang = Enrich(new EnrichOptions { Languages = ["en", "de"] }, Rec.Text(spanish)).GetString("lang");
        Assert.Contains(lang, new[] { "en", "de" });
    }

    [Fact]
    public void Apply_LanguageOff_WritesNoLanguage()
    {
        var meta = Enrich(new EnrichOptions { Language = false }, Rec.Text("Where is my new card?"));
        Assert.False(meta.ContainsKey("lang"));
        Assert.False(meta.ContainsKey("lang_score"));
    }
}
