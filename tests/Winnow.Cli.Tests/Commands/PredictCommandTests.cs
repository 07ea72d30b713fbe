using System.Text.Json;
using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Files;
using Winnow.Tuning.Methods;
using Winnow.Tuning.Tasks.TokenClassification;
using static TorchSharp.torch;

namespace Winnow.Cli.Tests.Commands;

/// <summary><c>winnow predict</c> with a token classifier: records with spans on the text as given, text steps applied.</summary>
[Collection(CliCollection.Name)]
public sealed class PredictCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// A head-only token classifier on MiniLM whose head ignores the encoder and tags every word B-person (zero weights,
    /// the bias on B-person): every word is an entity, so the spans show exactly where words land. Its text steps
    /// lower-case and collapse white space, so the model reads another text than the one given.
    /// </summary>
    private string EveryWordAPerson()
    {
        var model = new TokenClassifier(MiniLmBackbone.Instance.Pretrained(), 3, 0);
        using (no_grad())
        {
            model.Head!.weight!.zero_();
            model.Head.bias!.copy_(tensor(new[] { 0f, 5f, 0f }));
        }
        var dir = Path.Combine(_dir.Path, "model");
        ModelFolder.Save(dir, model, new ModelCard
        {
            Method = "head", MethodOptions = MethodRegistry.ToJson(MethodRegistry.Defaults("head")), Task = "token_classification",
            Labels = ["O", "B-person", "I-person"], MaxLength = 32,
        });
        File.WriteAllText(Path.Combine(dir, "text_steps.json"),
            """{"schema": "winnow.text_steps/1", "recipe": "test", "recipe_sha256": "0", "steps": [{"normalize": {"lowercase": true}}]}""");
        return dir;
    }

    private static List<(int Start, int End, string Label, string Text)> Spans(JsonElement record) =>
        [.. record.GetProperty("spans").EnumerateArray().Select(s => (s.GetProperty("start").GetInt32(), s.GetProperty("end").GetInt32(),
            s.GetProperty("label").GetString()!, s.GetProperty("text").GetString()!))];

    [Fact]
    public void Predict_TokenModelInlineText_WritesSpansOnTheTextAsGiven()
    {
        var model = EveryWordAPerson();

        var result = CliRunner.Run("predict", "--model", model, "--text", "  Ada   LOVELACE ");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("applying the training data's text steps (normalize)", result.Err);
        using var line = JsonDocument.Parse(result.Out.Trim());
        Assert.Equal("  Ada   LOVELACE ", line.RootElement.GetProperty("text").GetString());
        Assert.Equal([(2, 5, "person", "Ada"), (8, 16, "person", "LOVELACE")], Spans(line.RootElement));
        Assert.InRange(line.RootElement.GetProperty("spans")[0].GetProperty("score").GetDouble(), 0.9, 1.0);
    }

    [Fact]
    public void Predict_TokenModelStandardInputRaw_OneRecordPerLineOnTheRawText()
    {
        var model = EveryWordAPerson();
        var oldIn = Console.In;
        Console.SetIn(new StringReader("Grace  Hopper\n\nAlan Turing\n"));
        CliResult result;
        try { result = CliRunner.Run("predict", "--model", model, "-", "--raw"); }
        finally { Console.SetIn(oldIn); }

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("--raw", result.Err);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal([(0, 5, "person", "Grace"), (7, 13, "person", "Hopper")], Spans(lines[0]));
        Assert.Equal([(0, 4, "person", "Alan"), (5, 11, "person", "Turing")], Spans(lines[1]));
    }

    [Fact]
    public void AnnotateSpans_TaggerMethod_PutsTheModelsSpansOnRecordsWithoutSpans()
    {
        var model = EveryWordAPerson();
        _dir.WriteLines("in.jsonl", [
            """{"text": "Grace Hopper"}""",
            """{"text": "Ada Lovelace", "spans": [{"start": 0, "end": 3, "label": "location"}]}""",
        ]);
        _dir.WriteLines("recipe.yaml", [
            "name: tagger", "inputs:", "  - path: in.jsonl", "steps:",
            $"  - annotate.spans: {{method: tagger, model: {model}, held_out: 0}}", "outputs:", "  - path: out.jsonl",
        ]);

        var result = CliRunner.Run("run", Path.Combine(_dir.Path, "recipe.yaml"), "--output", Path.Combine(_dir.Path, "o"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var records = File.ReadAllLines(Path.Combine(_dir.Path, "o", "out.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var tagged = records[0].GetProperty("spans").EnumerateArray()
            .Select(s => (s.GetProperty("start").GetInt32(), s.GetProperty("end").GetInt32(), s.GetProperty("label").GetString())).ToList();
        Assert.Equal([(0, 5, "person"), (6, 12, "person")], tagged);
        // A record that had spans keeps them (overwrite is off).
        Assert.Equal("location", records[1].GetProperty("spans")[0].GetProperty("label").GetString());
        Assert.Single(records[1].GetProperty("spans").EnumerateArray());
    }

    [Fact]
    public void Merge_HeadModel_ExitsTwoNamingTheMethod()
    {
        var model = EveryWordAPerson();

        var result = CliRunner.Run("merge", "--model", model, "--output", Path.Combine(_dir.Path, "merged"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("method 'head' cannot be merged", result.Err);
        Assert.DoesNotContain("   at ", result.Err);
    }
}
