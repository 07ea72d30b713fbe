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
