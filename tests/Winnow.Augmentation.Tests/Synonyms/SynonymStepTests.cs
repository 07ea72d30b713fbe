using Winnow.Augmentation.Synonyms;
using Winnow.Augmentation.Text;
using Winnow.Augmentation.Tests.WordNet;

namespace Winnow.Augmentation.Tests.Synonyms;

public sealed class SynonymStepTests
{
    private static SynonymStep Step(SynonymOptions? o = null) => new(o ?? new SynonymOptions(), stepSeed: 7);

    private static Record Rec(string id, string text, string? label = "card_arrival") => new() { Id = id, Text = text, Label = label };

    [Fact]
    public void Apply_Sentence_KeepsParentAndAddsVariantNamingIt()
    {
        var parent = Rec("r1", "I am still waiting for my new card to arrive in the mail.");
        var outcome = Step().Apply(parent, 0);
        Assert.Same(parent, outcome.Kept);
        var variant = Assert.Single(outcome.Created);
        Assert.Equal("r1~syn1", variant.Id);
        Assert.NotEqual(parent.Text, variant.Text);
        Assert.Equal("card_arrival", variant.Label);
        Assert.Equal("augment.synonyms from r1", variant.Provenance.Steps[^1]);
        Assert.Equal("augment.synonyms", variant.Meta.GetString("augmented_by"));
    }

    [Fact]
    public void Apply_SameRecordAtAnotherPosition_GivesTheSameVariant()
    {
        var parent = Rec("abc", "How long does a transfer from my account usually take?");
        var a = Step().Apply(parent, 0).Created;
        var b = Step().Apply(parent, 123_456).Created;
        Assert.Equal(a.Select(r => r.Text), b.Select(r => r.Text));
    }

    [Fact]
    public void Apply_DifferentIds_DrawDifferently()
    {
        const string text = "Why was my payment declined when I tried to buy groceries at the store yesterday?";
        var texts = Enumerable.Range(0, 20).Select(i => Step().Apply(Rec($"id{i}", text), 0).Created.Single().Text).Distinct().Count();
        Assert.True(texts > 3, $"only {texts} distinct variants over 20 ids");
    }

    [Fact]
    public void Apply_Copies_MakesDistinctVariants()
    {
        var parent = Rec("r2", "Please explain how I can change the currency of my savings account quickly.");
        var created = Step(new SynonymOptions { Copies = 4 }).Apply(parent, 0).Created;
        Assert.InRange(created.Length, 2, 4);
        Assert.Equal(created.Length, created.Select(r => r.Text).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, created.Length).Select(k => $"r2~syn{k}"), created.Select(r => r.Id));
    }

    [Fact]
    public void Apply_StopWordsNamesNumbersAndProtectedTerms_AreNeverReplaced()
    {
        var options = new SynonymOptions { P = 1.0, MaxChanges = 100, Copies = 5, Protected = ["Transfer"] };
        var parent = Rec("r3", "Can you tell Mary about the transfer of 500 dollars to Barclays in 5pm time?");
        foreach (var variant in Step(options).Apply(parent, 0).Created)
        {
            var words = WordTokens.Split(variant.Text!).Where(t => t.IsWord).Select(t => t.Of(variant.Text!)).ToList();
            foreach (var kept in new[] { "Can", "you", "Mary", "about", "the", "transfer", "of", "to", "Barclays", "in", "pm" })
                Assert.Contains(kept, words);
            Assert.Contains("500", variant.Text);
        }
    }

    [Fact]
    public void Apply_PluralAndPastForms_AreReinflected()
    {
        // p = 1: every word that has a usable synonym changes.
        var options = new SynonymOptions { P = 1.0, MaxChanges = 100, Copies = 8 };
        var parent = Rec("r4", "The cars stopped.");
        var variants = Step(options).Apply(parent, 0).Created.Select(r => r.Text!).ToList();
        Assert.NotEmpty(variants);
        // car's first sense: auto, automobile, machine, motorcar: plural forms, never the bare lemma.
        Assert.All(variants, v => Assert.DoesNotMatch(@"\b(auto|automobile|machine|motorcar)\b", v));
        Assert.Contains(variants, v => v.Contains("autos") || v.Contains("automobiles") || v.Contains("machines") || v.Contains("motorcars"));
    }

    [Fact]
    public void Apply_NoReplaceableWord_CreatesNothing()
    {
        var parent = Rec("r5", "It is what it is, and so it was.");
        var outcome = Step().Apply(parent, 0);
        Assert.True(outcome.Created.IsEmpty);
        Assert.Same(parent, outcome.Kept);
    }

    [Fact]
    public void Apply_ChatRecord_RewritesTheUserTurnOnly()
    {
        var parent = new Record
        {
            Id = "c1",
            Messages = [new("system", "Be brief."), new("user", "My card payment was declined at the store."), new("assistant", "Sorry to hear the payment was declined.")],
        };
        var variant = Step(new SynonymOptions { P = 1.0 }).Apply(parent, 0).Created.Single();
        Assert.Equal(parent.Messages[0], variant.Messages[0]);
        Assert.NotEqual(parent.Messages[1].Content, variant.Messages[1].Content);
        Assert.Equal(parent.Messages[2], variant.Messages[2]);
    }

    [Fact]
    public void Apply_AVariant_IsLeftAloneUnlessAsked()
    {
        var variant = Rec("v~eda1", "I am still waiting for my new card to arrive in the mail.") with
        {
            Meta = Winnow.Core.Records.Meta.Empty.Set("augmented_by", "augment.eda"),
        };
        Assert.True(Step().Apply(variant, 0).Created.IsEmpty);
        Assert.Single(Step(new SynonymOptions { AugmentVariants = true }).Apply(variant, 0).Created);
    }

    [Fact]
    public void Validate_MissingWordNet_NamesTheKey()
    {
        var problems = new SynonymOptions { Wordnet = "/nonexistent/wordnet" }.Validate().ToList();
        Assert.Equal("wordnet", Assert.Single(problems).Key);
        Assert.Contains("wordnet-base", problems[0].Problem);
    }
}
