using System.Text.Json;

namespace Winnow.Cli.Tests.Commands;

/// <summary>augment.synonyms and augment.eda from a recipe, through the CLI's composition root, on real WordNet.</summary>
[Collection(CliCollection.Name)]
public sealed class AugmentRecipeTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public AugmentRecipeTests()
    {
        var texts = new[]
        {
            "I am still waiting on my new card to arrive.",
            "Why was my transfer to another account declined?",
            "How do I change the currency of my savings account?",
            "My payment was charged twice at the store yesterday.",
            "Can I top up my account with a cheque?",
        };
        _dir.WriteLines("data.jsonl", texts.Select((t, i) => JsonSerializer.Serialize(new { id = $"r{i}", text = t, label = $"c{i % 2}" })).ToArray());
        _dir.WriteLines("recipe.yaml", """
            name: augment
            inputs:
              - path: data.jsonl
            steps:
              - augment.synonyms: {copies: 2, protected: [account]}
              - augment.eda: {copies: 2, where: {label: [c0]}}
            outputs:
              - path: out.jsonl
            """);
    }

    private string P(string name) => Path.Combine(_dir.Path, name);

    [Fact]
    public void Run_AugmentSteps_AddVariantsNamingTheirParentsReproducibly()
    {
        var r = CliRunner.Run("run", P("recipe.yaml"), "--output", P("a"));
        Assert.True(r.ExitCode == 0, r.ToString());
        var records = File.ReadAllLines(P("a/out.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var variants = records.Where(x => x.TryGetProperty("meta", out var m) && m.TryGetProperty("augmented_by", out _)).ToList();
        Assert.True(variants.Count >= 8, $"{variants.Count} variants");
        foreach (var v in variants)
        {
            var id = v.GetProperty("id").GetString()!;
            var parent = id[..id.LastIndexOf('~')];
            var by = v.GetProperty("meta").GetProperty("augmented_by").GetString();
            Assert.Equal($"{by} from {parent}", v.GetProperty("provenance").GetProperty("steps").EnumerateArray().Last().GetString());
            Assert.DoesNotContain("~", parent); // chained augmenters leave each other's variants alone by default
        }
        using var manifest = JsonDocument.Parse(File.ReadAllText(P("a/manifest.json")));
        var steps = manifest.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(records.Count - 5, steps.Sum(s => s.GetProperty("created").GetInt64()));

        Assert.Equal(0, CliRunner.Run("run", P("recipe.yaml"), "--output", P("b")).ExitCode);
        Assert.Equal(File.ReadAllBytes(P("a/out.jsonl")), File.ReadAllBytes(P("b/out.jsonl")));
    }

    [Fact]
    public void Run_EdaWithoutCopies_TakesNAugFromThePapersTable()
    {
        _dir.WriteLines("eda.yaml", """
            inputs:
              - path: data.jsonl
            steps:
              - augment.eda: {guards: {similarity: false}}
            outputs:
              - path: out.jsonl
            """);
        var r = CliRunner.Run("run", P("eda.yaml"), "--output", P("e"));
        Assert.True(r.ExitCode == 0, r.ToString());
        using var manifest = JsonDocument.Parse(File.ReadAllText(P("e/manifest.json")));
        var step = manifest.RootElement.GetProperty("steps").EnumerateArray().Single();
        Assert.Equal(16, step.GetProperty("details").GetProperty("n_aug").GetProperty("n_aug").GetInt64()); // 5 records ≤ 500
        Assert.InRange(step.GetProperty("created").GetInt64(), 5 * 8, 5 * 16);
    }

    [Fact]
    public void Run_MissingWordNet_ExitsWith2NamingTheKey()
    {
        _dir.WriteLines("bad.yaml", """
            inputs:
              - path: data.jsonl
            steps:
              - augment.synonyms: {wordnet: /nonexistent/wordnet}
            outputs:
              - path: out.jsonl
            """);
        var r = CliRunner.Run("run", P("bad.yaml"), "--output", P("c"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("wordnet", r.Err);
        Assert.Contains("wordnet-base", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    public void Dispose() => _dir.Dispose();
}
