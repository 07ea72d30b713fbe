namespace Winnow.Cli.Tests.Commands.Annotate;

[Collection(CliCollection.Name)]
public sealed class AgreementCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Agreement_Json_ReportsCohenKappaOfThePair()
    {
        var file = _dir.WriteLines("rows.jsonl",
            "{\"item\":1,\"annotator\":\"ann\",\"label\":\"pos\"}", "{\"item\":1,\"annotator\":\"bob\",\"label\":\"pos\"}",
            "{\"item\":2,\"annotator\":\"ann\",\"label\":\"neg\"}", "{\"item\":2,\"annotator\":\"bob\",\"label\":\"pos\"}",
            "{\"item\":3,\"annotator\":\"ann\",\"label\":\"neg\"}", "{\"item\":3,\"annotator\":\"bob\",\"label\":\"neg\"}");
        var result = CliRunner.Run("annotate", "agreement", file, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        Assert.Equal("winnow.agreement/1", json.GetProperty("schema").GetString());
        // p_o = 2/3, p_e = (1/3·2/3 + 2/3·1/3) = 4/9 → κ = (2/3 − 4/9) / (5/9) = 0.4.
        Assert.Equal(0.4, json.GetProperty("pairs")[0].GetProperty("cohen_kappa").GetDouble(), 6);
    }

    [Fact]
    public void Agreement_BadRow_ExitsOneNamingTheLine()
    {
        var file = _dir.WriteLines("rows.jsonl", "{\"item\":1,\"annotator\":\"ann\",\"label\":\"pos\"}", "not json");
        var result = CliRunner.Run("annotate", "agreement", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("rows.jsonl:2", result.Err);
    }
}

[Collection(CliCollection.Name)]
public sealed class CrowdCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ExportThenImportResults_MTurk_AggregatesWorkersAndKeepsPreLabels()
    {
        var data = _dir.WriteLines("data.jsonl",
            "{\"id\":\"a\",\"text\":\"where is my card\",\"label\":\"card_arrival\",\"meta\":{\"label_confidence\":0.8}}",
            "{\"id\":\"b\",\"text\":\"top up failed\",\"label\":\"top_up_failed\"}");
        var input = Path.Combine(_dir.Path, "input.csv");
        var export = CliRunner.Run("annotate", "export", data, "--format", "mturk", "--output", input);
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.True(File.Exists(input + ".template.html"));
        var inputLines = File.ReadAllLines(input);
        Assert.Equal("id,text,prelabel,prelabel_confidence,prespans", inputLines[0]);
        var results = new List<string> { "HITId,WorkerId,AssignmentStatus,Input.id,Input.text,Input.prelabel,Input.prelabel_confidence,Input.prespans,Answer.label.label" };
        foreach (var row in inputLines.Skip(1))
        {
            var label = row.StartsWith("a,", StringComparison.Ordinal) ? "card_arrival" : "top_up_failed";
            results.Add($"H,w1,Approved,{row},{label}");
            results.Add($"H,w2,Approved,{row},{label}");
            results.Add($"H,w3,Approved,{row},card_arrival");
        }
        var resultsFile = _dir.WriteLines("results.csv", [.. results]);
        var rows = Path.Combine(_dir.Path, "rows.jsonl");
        var import = CliRunner.Run("annotate", "import-results", resultsFile, "--format", "mturk", "--output", rows, "--aggregate", "dawid-skene", "--json");
        Assert.True(import.ExitCode == 0, import.ToString());
        var json = import.Json();
        Assert.Equal(6, json.GetProperty("annotations").GetInt32());
        Assert.Equal(2, json.GetProperty("predictions").GetInt32());
        var labels = json.GetProperty("labels").EnumerateArray().ToDictionary(l => l.GetProperty("item").GetString()!, l => l.GetProperty("label").GetString());
        Assert.Equal("top_up_failed", labels["b"]);
        Assert.Equal(8, File.ReadAllLines(rows).Length);
    }

    [Fact]
    public void ImportResults_UnknownFormat_ExitsTwo()
    {
        var file = _dir.WriteLines("r.csv", "x");
        Assert.Equal(2, CliRunner.Run("annotate", "import-results", file, "--format", "crowdflower").ExitCode);
    }
}

[Collection(CliCollection.Name)]
public sealed class AnnotateStepsRunTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Run_RulesThenApply_LabelsFromRulesAndPeopleWithSources()
    {
        _dir.WriteLines("data.jsonl",
            "{\"id\":\"1\",\"text\":\"my card never arrived\"}",
            "{\"id\":\"2\",\"text\":\"I lost my card\"}",
            "{\"id\":\"3\",\"text\":\"what is the weather\"}");
        _dir.WriteLines("people.jsonl", "{\"item\":\"3\",\"label\":\"off_topic\",\"confidence\":1.0,\"votes\":2}");
        var recipe = _dir.WriteLines("recipe.yaml",
            "inputs: [{path: data.jsonl}]",
            "steps:",
            "  - annotate.rules: {functions: [{name: arrive, label: card_arrival, keywords: [arrived]}, {name: lost, label: lost_card, regex: 'lost .*card'}], combine: majority}",
            "  - annotate.apply: {results: people.jsonl}",
            "outputs: [{path: out.jsonl}]");
        var result = CliRunner.Run("run", recipe, "--output", Path.Combine(_dir.Path, "out"));
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(Path.Combine(_dir.Path, "out", "out.jsonl"));
        Assert.Contains("\"label\":\"card_arrival\"", lines[0]);
        Assert.Contains("\"label_source\":\"rule\"", lines[0]);
        Assert.Contains("\"label\":\"lost_card\"", lines[1]);
        Assert.Contains("\"label\":\"off_topic\"", lines[2]);
        Assert.Contains("\"label_source\":\"human\"", lines[2]);
        Assert.Contains("\"matched\"", File.ReadAllText(Path.Combine(_dir.Path, "out", "manifest.json")));
    }

    [Fact]
    public void Run_LabelIssuesWithUnknownMode_ExitsTwoNamingTheKey()
    {
        _dir.WriteLines("data.jsonl", "{\"id\":\"1\",\"text\":\"a\",\"label\":\"x\"}");
        var recipe = _dir.WriteLines("recipe.yaml", "inputs: [{path: data.jsonl}]", "steps:", "  - annotate.label_issues: {mode: fix}", "outputs: [{path: out.jsonl}]");
        var result = CliRunner.Run("run", recipe, "--output", Path.Combine(_dir.Path, "out"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("mode", result.Err);
    }
}

public sealed class AnnotateExampleRecipesTests
{
    [Theory]
    [InlineData("examples/banking77/prelabel.yaml")]
    [InlineData("examples/banking77/label-issues.yaml")]
    public void Load_AnnotationExample_BindsEveryStep(string path)
    {
        var recipe = Winnow.Core.Recipes.RecipeLoader.Load(RepoFiles.Path(path), Composition.Steps());
        Assert.Contains(recipe.Steps, s => s.Name.StartsWith("annotate.", StringComparison.Ordinal));
    }

    [Fact]
    public void RulesFile_Banking77_CompilesThirtyFunctions()
    {
        var rules = Winnow.Annotation.Rules.RuleSet.Load(RepoFiles.Path("examples/banking77/rules.yaml"));
        Assert.Equal(30, rules.Functions.Count);
    }
}
