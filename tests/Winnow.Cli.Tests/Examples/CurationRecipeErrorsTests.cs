namespace Winnow.Cli.Tests.Examples;

/// <summary>
/// Bad options of the curation steps through <c>winnow run</c>: a message naming the recipe file, line and key,
/// exit code 2, no stack trace, and nothing embedded or written first.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class CurationRecipeErrorsTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public CurationRecipeErrorsTests() =>
        _dir.WriteLines("data.jsonl", "{\"text\":\"where is my card\",\"label\":\"card_arrival\"}", "{\"text\":\"top up failed\",\"label\":\"top_up_failed\"}");

    [Theory]
    [InlineData("dedup.minhash: {shards: 0}", "'dedup.minhash.shards'", "valid: 1 to 1024")]
    [InlineData("filter.outliers: {length: median}", "'filter.outliers.length'", "iqr")]
    [InlineData("filter.relevance: {exemplars: missing.csv, mode: flag}", "'filter.relevance'", "missing.csv")]
    [InlineData("decontaminate: {files: [eval/missing.jsonl]}", "'decontaminate'", "missing.jsonl")]
    public void Run_BadStepOption_NamesRecipeLineAndKey_ExitsWith2(string step, string key, string hint)
    {
        var recipe = _dir.WriteLines("recipe.yaml", "inputs: [data.jsonl]", "steps:", "  - normalize: {}", $"  - {step}", "outputs: [out.jsonl]");

        var r = CliRunner.Run("run", recipe, "--output", Path.Combine(_dir.Path, "o"));

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains($"recipe.yaml:4: {key}", r.Err);
        Assert.Contains(hint, r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "o", "out.jsonl")));
    }

    public void Dispose() => _dir.Dispose();
}
