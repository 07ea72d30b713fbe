using System.Text.Json;
using Winnow.Core.Running;

namespace Winnow.Curation.Tests.Pii;

/// <summary>pii.redact in a real run: the counts and the provenance entry reach the written records, drops reach the rejects.</summary>
public sealed class PiiRecipeTests : IDisposable
{
    private readonly OneStepRecipe _recipe = new();

    public void Dispose() => _recipe.Dispose();

    private RunResult Run(string step)
    {
        File.WriteAllText(Path.Combine(_recipe.Root, "data.jsonl"),
            "{\"text\": \"mail me at jane.doe@example.com or call +44 20 7946 0958\"}\n" +
            "{\"text\": \"my card has not arrived\"}\n" +
            "{\"text\": \"card 4111 1111 1111 1111 was charged twice\"}\n");
        return _recipe.Run(step);
    }

    [Fact]
    public void Run_Replace_WritesTokensCountsAndProvenance()
    {
        Run("pii.redact: {}");
        var lines = File.ReadAllLines(Path.Combine(_recipe.Root, "out", "out.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal("mail me at <EMAIL> or call <PHONE>", lines[0].GetProperty("text").GetString());
        var json = lines[0].ToString();
        Assert.Contains("\"pii\":{\"email\":1,\"phone\":1}", json.Replace(" ", ""));
        Assert.Contains("pii.redact email,phone", json);
        Assert.Equal("card <CREDIT_CARD> was charged twice", lines[2].GetProperty("text").GetString());
    }

    [Fact]
    public void Run_Drop_CountsInStatsAndDetailInRejects()
    {
        var result = Run("pii.redact: {mode: drop}");
        Assert.Equal(2, result.Manifest.Steps[0].Dropped["pii"]);
        var details = File.ReadAllLines(Path.Combine(_recipe.Root, "out", "rejects", "pii.redact.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("detail").GetString()).ToList();
        Assert.Equal(["email=1,phone=1", "credit_card=1"], details);
    }

    [Fact]
    public void Run_Report_CountsPiiByTypeReplacedAndDropped()
    {
        Run("pii.redact: {}");
        var replaced = File.ReadAllText(Path.Combine(_recipe.Root, "out", "report.html"));
        // replaced, records with one, in dropped records
        Assert.Contains("<td>email</td><td class=n>1</td><td class=n>1</td><td class=n>0</td>", replaced);
        Assert.Contains("<td>credit_card</td><td class=n>1</td><td class=n>1</td><td class=n>0</td>", replaced);

        Run("pii.redact: {mode: drop}");
        var dropped = File.ReadAllText(Path.Combine(_recipe.Root, "out", "report.html"));
        Assert.Contains("<td>phone</td><td class=n>0</td><td class=n>0</td><td class=n>1</td>", dropped);
    }
}
