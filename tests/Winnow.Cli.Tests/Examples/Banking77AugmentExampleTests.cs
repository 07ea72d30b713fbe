using System.Globalization;
using System.Text.Json;

namespace Winnow.Cli.Tests.Examples;

[Collection(CliCollection.Name)]
public sealed class Banking77AugmentExampleTests : IDisposable
{
    private static readonly string[] Smallest = ["contactless_not_working", "virtual_card_not_working", "card_acceptance", "card_swallowed"];

    private readonly TempFolder _dir = new();

    [Fact]
    public void AugmentRecipe_SmallestClasses_GrowAndEveryVariantNamesItsParent()
    {
        var run = CliRunner.Run("run", RepoFiles.Path("examples/banking77/augment.yaml"), "--output", _dir.Path);
        Assert.True(run.ExitCode == 0, run.ToString());

        var train = File.ReadLines(Path.Combine(_dir.Path, "train.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var ids = train.Select(r => r.GetProperty("id").GetString()!).ToHashSet();
        var variants = train.Where(r => r.GetProperty("meta").TryGetProperty("augmented_by", out _)).ToList();
        var originals = train.Except(variants).ToList();

        // Only the four smallest classes grew, each by at least half of itself; the others are as they were.
        foreach (var label in train.Select(r => r.GetProperty("label").GetString()!).Distinct())
        {
            var before = originals.Count(r => r.GetProperty("label").GetString() == label);
            var after = train.Count(r => r.GetProperty("label").GetString() == label);
            if (Smallest.Contains(label)) Assert.True(after >= before * 3 / 2, $"{label}: {before} → {after}");
            else Assert.Equal(before, after);
        }

        // Every variant names a parent that is in the output, with the same label.
        Assert.NotEmpty(variants);
        var byId = train.ToDictionary(r => r.GetProperty("id").GetString()!);
        foreach (var v in variants)
        {
            // Provenance keeps the parent's earlier steps (normalize, when it changed the text), then names the parent.
            var by = v.GetProperty("meta").GetProperty("augmented_by").GetString()!;
            var step = Assert.Single(v.GetProperty("provenance").GetProperty("steps").EnumerateArray()
                .Select(s => s.GetString()!), s => s.StartsWith(by + " from ", StringComparison.Ordinal));
            var parent = step[(by + " from ").Length..];
            Assert.Contains(parent, ids);
            Assert.StartsWith(parent + (by == "augment.synonyms" ? "~syn" : "~bt"), v.GetProperty("id").GetString());
            Assert.Equal(byId[parent].GetProperty("label").GetString(), v.GetProperty("label").GetString());
            Assert.NotEqual(byId[parent].GetProperty("text").GetString(), v.GetProperty("text").GetString());
        }

        Assert.Contains(variants, v => v.GetProperty("meta").GetProperty("augmented_by").GetString() == "augment.backtranslate");

        // The report shows the derived records per label, and per augmenter what was made, kept and dropped by the guards.
        var report = File.ReadAllText(Path.Combine(_dir.Path, "report.html"));
        Assert.Contains("<h2 id=\"augmentation\">Augmentation</h2>", report);
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "manifest.json"))).RootElement;
        foreach (var s in manifest.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("name").GetString()!.StartsWith("augment.", StringComparison.Ordinal)))
        {
            var counts = s.GetProperty("details").GetProperty("variants");
            Assert.Equal(s.GetProperty("created").GetInt64(), counts.GetProperty("kept").GetInt64());
            Assert.True(counts.GetProperty("made").GetInt64() > counts.GetProperty("kept").GetInt64(), "the guards dropped nothing");
        }
        Assert.Contains($"Derived records (augmented, oversampled or synthetic, named by provenance): {variants.Count.ToString("N0", CultureInfo.InvariantCulture)} of", report);
        Assert.Equal(3_080, File.ReadLines(Path.Combine(_dir.Path, "test.jsonl")).Count());
    }

    public void Dispose() => _dir.Dispose();
}
