using Winnow.Augmentation.Translation;

namespace Winnow.Augmentation.Tests.Translation;

/// <summary>Against the real Apertium eng-spa pair (scripts/setup.sh installs apertium and apertium-eng-spa).</summary>
public sealed class BackTranslatorTests
{
    private static Record Rec(string id, string text) => new() { Id = id, Text = text, Label = "l" };

    [Fact]
    public async Task AugmentAsync_Batch_OneResultPerRecordInOrder()
    {
        var batch = new[]
        {
            Rec("a", "The cat sat on the mat."),
            Rec("b", "Hello"),
            Rec("c", "I lost my card yesterday,\nwhat should I do?"),
            Rec("d", "Why was my transfer declined?"),
        };
        var results = await new BackTranslator(new ApertiumRoundTrip("eng-spa")).AugmentAsync(batch);
        Assert.Equal(batch.Select(r => r.Id), results.Select(r => r.Parent.Id));

        var cat = Assert.Single(results[0].Created);
        Assert.Equal("a~bt1", cat.Id);
        Assert.Equal("augment.backtranslate from a", cat.Provenance.Steps[^1]);
        Assert.Equal("augment.backtranslate", cat.Meta.GetString("augmented_by"));
        Assert.StartsWith("El gato", cat.Meta.GetString("pivot"));
        Assert.NotEqual("The cat sat on the mat.", cat.Text);
        Assert.Contains("cat", cat.Text);

        // "Hello" → "Hola" → "Hello": no variant, rejected with a reason.
        Assert.Empty(results[1].Created);
        Assert.Equal("no_change", Assert.Single(results[1].Rejected).Reason);

        // The line break inside a text does not shift the texts after it.
        Assert.Contains("card", results[2].Created.Single().Text);
        Assert.Contains("transfer", (results[3].Created.IsEmpty ? results[3].Rejected[0].Variant : results[3].Created[0]).Text);
    }

    [Fact]
    public async Task TranslateAsync_ManyLines_KeepsCountAndOrder()
    {
        var lines = Enumerable.Range(1, 300).Select(i => $"I have {i} cards in my wallet.").ToList();
        var (back, pivot) = await new ApertiumRoundTrip().TranslateAsync(lines);
        Assert.Equal(300, back.Length);
        for (var i = 0; i < 300; i++)
        {
            Assert.Contains($"{i + 1}", pivot[i]);
            Assert.Contains($"{i + 1}", back[i]);
        }
    }

    [Fact]
    public void Problem_UninstalledPair_SaysWhatToInstall()
    {
        var problem = ApertiumPairs.Problem("eng-xxx");
        Assert.NotNull(problem);
        Assert.Contains("eng-xxx", problem);
        Assert.Null(ApertiumPairs.Problem("eng-spa"));
    }
}
