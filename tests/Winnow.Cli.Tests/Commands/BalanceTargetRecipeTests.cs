using System.Text.Json;

namespace Winnow.Cli.Tests.Commands;

/// <summary>
/// <c>balance</c> with <c>strategy: target</c> from a recipe, through the CLI's composition root, with the real
/// augmenters as generators (WordNet synonyms, Apertium back-translation: scripts/setup.sh), and its recipe checks.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class BalanceTargetRecipeTests : IDisposable
{
    private static readonly string[] Queries =
    [
        "I am still waiting on my new card to arrive.", "Why was my transfer to another account declined?",
        "How do I change the currency of my savings account?", "My payment was charged twice at the store yesterday.",
        "Can I top up my account with a cheque?", "Where can I find the exchange rate for today?",
        "Why has my card payment not gone through yet?", "How long does a transfer to a friend usually take?",
        "I would like to close my account today.", "Somebody stole my wallet and my card.",
        "Is there a fee for receiving money from abroad?", "What happens if I forget my passcode?",
        "The machine kept my card after I typed the number.", "Can I order a second card for my partner?",
        "How do I verify my identity in the app?", "My refund has still not arrived after two weeks.",
    ];

    private readonly TempFolder _dir = new();

    public BalanceTargetRecipeTests()
    {
        // Class big: 24 records; small: 8; tiny: 3 (a cap of ⌊0.3 × 3 ÷ 0.7⌋ = 1 variant).
        var rows = Enumerable.Range(0, 24).Select(i => ("big", $"{Queries[i % Queries.Length]} Ref {i}."))
            .Concat(Enumerable.Range(0, 8).Select(i => ("small", Queries[(i * 3 + 1) % Queries.Length])))
            .Concat(Enumerable.Range(0, 3).Select(i => ("tiny", Queries[(i * 5 + 2) % Queries.Length])));
        _dir.WriteLines("data.jsonl", rows.Select((r, i) => JsonSerializer.Serialize(new { id = $"r{i}", text = r.Item2, label = r.Item1 })).ToArray());
    }

    private string P(string name) => Path.Combine(_dir.Path, name);

    private string Recipe(string balance, string name = "recipe.yaml", string after = "")
    {
        _dir.WriteLines(name, $$"""
            name: target
            seed: 5
            inputs:
              - path: data.jsonl
            steps:
              - balance: {{balance}}
            {{after}}
            outputs:
              - path: "{split}.jsonl"
            """);
        return P(name);
    }

    private const string Fill = "{strategy: target, min_per_class: 12, max_synthetic_share: 0.3, fill: [{augment.synonyms: {copies: 2, guards: {similarity: false}}}, {augment.backtranslate: {via: spa, guards: {similarity: false}}}]}";

    [Fact]
    public void Run_Target_FillsDeficitsWithGeneratorVariantsWithinTheCap_ReportsTheShortfall_KeepsThemInTrain()
    {
        var r = CliRunner.Run("run", Recipe(Fill, after: "  - split: {train: 0.5, validation: 0.25, test: 0.25}"), "--output", P("a"));
        Assert.True(r.ExitCode == 0, r.ToString());
        var records = new[] { "train", "validation", "test" }.SelectMany(s => File.ReadAllLines(P($"a/{s}.jsonl")).Select(l => (Split: s, Json: JsonDocument.Parse(l).RootElement))).ToList();
        var ids = records.Select(x => x.Json.GetProperty("id").GetString()!).ToHashSet();
        var variants = records.Where(x => x.Json.GetProperty("meta").TryGetProperty("augmented_by", out _)).ToList();

        // small: 8 → 11 (deficit 4, cap ⌊0.3 × 8 ÷ 0.7⌋ = 3); tiny: 3 → 4 (cap 1); big untouched. split then keeps
        // validation and test real: a variant whose parent is held out goes to rejects (variant_of_held_out).
        var heldOut = File.Exists(P("a/rejects/split.jsonl")) ? File.ReadAllLines(P("a/rejects/split.jsonl")).Length : 0;
        Assert.Equal(4, variants.Count + heldOut);
        Assert.True(variants.Count > 0);
        foreach (var (split, v) in variants)
        {
            // A generator's variant, not a repeated record: its own text, its augmenter and its parent named.
            var by = v.GetProperty("meta").GetProperty("augmented_by").GetString()!;
            Assert.Contains(by, new[] { "augment.synonyms", "augment.backtranslate" });
            var id = v.GetProperty("id").GetString()!;
            var parent = id[..id.LastIndexOf('~')];
            Assert.Contains(parent, ids);
            Assert.Equal($"{by} from {parent}", v.GetProperty("provenance").GetProperty("steps").EnumerateArray().Last().GetString());
            Assert.DoesNotContain(records, x => x.Json.GetProperty("id").GetString() == parent && x.Json.GetProperty("text").GetString() == v.GetProperty("text").GetString());
            Assert.Equal("train", split);
        }
        using var manifest = JsonDocument.Parse(File.ReadAllText(P("a/manifest.json")));
        var details = manifest.RootElement.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("name").GetString() == "balance").GetProperty("details");
        var after = details.GetProperty("classes_after");
        Assert.Equal((24, 11, 4), (after.GetProperty("big").GetInt32(), after.GetProperty("small").GetInt32(), after.GetProperty("tiny").GetInt32()));
        Assert.True(details.GetProperty("fill_by").GetProperty("augment.backtranslate").GetInt64() > 0, details.ToString());
        Assert.Equal(1, details.GetProperty("short").GetProperty("small").GetInt64());
        Assert.Equal(8, details.GetProperty("short").GetProperty("tiny").GetInt64());
        Assert.Equal(8, details.GetProperty("short_by_cap").GetProperty("tiny").GetInt64());
        Assert.Equal(4, details.GetProperty("variants").GetProperty("kept").GetInt64());
        Assert.Contains("stayed below the target of 12", File.ReadAllText(P("a/report.html")));

        Assert.Equal(0, CliRunner.Run("run", P("recipe.yaml"), "--output", P("b")).ExitCode);
        Assert.Equal(File.ReadAllBytes(P("a/train.jsonl")), File.ReadAllBytes(P("b/train.jsonl")));
    }

    [Fact]
    public void Run_TargetWhoseGeneratorsRejectEverything_ReportsTheShortfallByGenerators()
    {
        // A similarity window no variant can be in (MiniLM cosine exactly 0.999): every variant is turned away.
        var r = CliRunner.Run("run", Recipe("{strategy: target, min_per_class: 12, fill: [{augment.synonyms: {guards: {min_similarity: 0.999, max_similarity: 0.999}}}]}"), "--output", P("c"));
        Assert.True(r.ExitCode == 0, r.ToString());
        using var manifest = JsonDocument.Parse(File.ReadAllText(P("c/manifest.json")));
        var details = manifest.RootElement.GetProperty("steps").EnumerateArray().Single().GetProperty("details");
        // small: quota 3 (the cap), none made; tiny: quota 1, none made.
        Assert.Equal(3, details.GetProperty("short_by_generators").GetProperty("small").GetInt64());
        Assert.Equal(1, details.GetProperty("short_by_generators").GetProperty("tiny").GetInt64());
        Assert.Equal(4, details.GetProperty("short").GetProperty("small").GetInt64());
        Assert.Equal(0, details.GetProperty("variants").GetProperty("kept").GetInt64());
        Assert.True(File.Exists(P("c/rejects/balance.jsonl")));   // what the guards turned away, with reasons
        Assert.Equal(24 + 8 + 3, File.ReadAllLines(P("c/unsplit.jsonl")).Length);
    }

    [Theory]
    [InlineData("{strategy: target, fill: [augment.synonym]}", "did you mean 'augment.synonyms'")]
    [InlineData("{strategy: target, fill: [dedup.exact]}", "makes no variants")]
    [InlineData("{strategy: target}", "needs fill")]
    [InlineData("{strategy: cap, max_per_class: 3, fill: [augment.synonyms]}", "fill is for strategy target")]
    [InlineData("{strategy: target, fill: [{augment.synonyms: {where: {label: [tiny]}}}]}", "takes no where")]
    [InlineData("{strategy: target, fill: [{augment.synonyms: {p: 2}}]}", "balance.fill[0].augment.synonyms.p")]
    [InlineData("{strategy: target, max_synthetic_share: 0.95, fill: [augment.synonyms]}", "max_synthetic_share")]
    public void Run_BadFill_ExitsWith2NamingFileLineAndKey(string balance, string expected)
    {
        var r = CliRunner.Run("run", Recipe(balance, "bad.yaml"), "--output", P("bad"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bad.yaml:6", r.Err);
        Assert.Contains(expected, r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void Run_FillNamesSynthesize_ExitsWith2SayingItFillsOnItsOwn()
    {
        var previous = Winnow.Core.Recipes.RecipeLoader.Environment;
        Winnow.Core.Recipes.RecipeLoader.Environment = n => n switch { "WINNOW_LLM_BASE_URL" => "http://127.0.0.1:9/v1", "WINNOW_LLM_MODEL" => "m", _ => null };
        try
        {
            var r = CliRunner.Run("run", Recipe("{strategy: target, fill: [synthesize]}", "synth.yaml"), "--output", P("synth"));
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("synth.yaml:6", r.Err);
            Assert.Contains("synthesize fills classes on its own", r.Err);
        }
        finally { Winnow.Core.Recipes.RecipeLoader.Environment = previous; }
    }

    [Fact]
    public void Run_FillNeedsAChatModelNoneConfigured_ExitsWith2SayingWhatToSet()
    {
        var previous = Winnow.Core.Recipes.RecipeLoader.Environment;
        Winnow.Core.Recipes.RecipeLoader.Environment = _ => null;
        try
        {
            var r = CliRunner.Run("run", Recipe("{strategy: target, fill: [augment.synonyms, augment.paraphrase]}", "chat.yaml"), "--output", P("chat"));
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("chat.yaml:6", r.Err);
            Assert.Contains("WINNOW_LLM", r.Err);
        }
        finally { Winnow.Core.Recipes.RecipeLoader.Environment = previous; }
    }

    public void Dispose() => _dir.Dispose();
}
