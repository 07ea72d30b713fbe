using System.Text;
using System.Text.Json;

namespace Winnow.Cli.Tests.Traps;

/// <summary>
/// Issue #15, trap 5: a model trained on redacted text gets redacted text at prediction. <c>predict</c> and
/// <c>eval</c> apply the training data's text steps unless <c>--raw</c>; <c>predict</c> takes <c>--text</c> and
/// standard input (<c>-</c>). One head-only model on 60 SMS messages whose phone numbers the run redacted.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class PredictTrapsTests : IClassFixture<PredictTrapsTests.Model>
{
    public sealed class Model : IDisposable
    {
        public TempFolder Dir { get; } = new();
        public string Final => Path.Combine(Dir.Path, "model", "final");
        public string Data => Path.Combine(Dir.Path, "out", "data.jsonl");

        public Model()
        {
            var csv = new StringBuilder("text,label\n");
            foreach (var line in File.ReadLines(RepoFiles.Path("tests/Winnow.Core.Tests/TestData/sms_spam/SMSSpamCollection")).Take(60))
            {
                var tab = line.IndexOf('\t');
                csv.Append('"').Append(line[(tab + 1)..].Replace("\"", "\"\"")).Append("\",").Append(line[..tab]).Append('\n');
            }
            Dir.Write("data.csv", Encoding.UTF8.GetBytes(csv.ToString()));
            Dir.WriteLines("recipe.yaml", "inputs:", "  - path: data.csv", "steps:", "  - pii.redact: {}", "outputs:", "  - path: data.jsonl");
            Dir.WriteLines("train.yaml", "data: {train: out/data.jsonl}", "method: {type: head, feature_cache: false}", "training: {epochs: 1}", "output: model");
            Check(CliRunner.RunIn(Dir.Path, "run", "recipe.yaml", "--output", "out"));
            Check(CliRunner.RunIn(Dir.Path, "train", "train.yaml"));
        }

        public void Dispose() => Dir.Dispose();
    }

    private const string Raw = "URGENT call 09061701461 to claim your prize";
    private const string Redacted = "URGENT call <PHONE> to claim your prize";

    private readonly Model _model;

    public PredictTrapsTests(Model model) => _model = model;

    private static CliResult Check(CliResult r)
    {
        Assert.True(r.ExitCode == 0, r.ToString());
        return r;
    }

    /// <summary>The top labels with their probabilities, per output line, in order.</summary>
    private static List<string> Probabilities(CliResult r) =>
        [.. r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("top").GetRawText())];

    [Fact]
    public void Predict_RawPhoneNumber_SeenAsTheRedactedTextUnlessRaw()
    {
        var applied = Check(CliRunner.Run("predict", "--model", _model.Final, "--text", Raw, "--text", Redacted));
        Assert.Contains("applying the training data's text steps (pii.redact)", applied.Err);
        var p = Probabilities(applied);
        Assert.Equal(p[0], p[1]);
        Assert.Contains($"\"text\":\"{Raw}\"", applied.Out);   // the output names the text the user gave

        var raw = Check(CliRunner.Run("predict", "--model", _model.Final, "--raw", "--text", Raw, "--text", Redacted));
        Assert.Contains("--raw: not applying", raw.Err);
        var q = Probabilities(raw);
        Assert.NotEqual(q[0], q[1]);
    }

    [Fact]
    public void Predict_StandardInput_SameAsInlineTexts()
    {
        var inline = Check(CliRunner.Run("predict", "--model", _model.Final, "--text", Raw, "--text", "see you at lunch"));
        var old = Console.In;
        Console.SetIn(new StringReader($"{Raw}\nsee you at lunch\n"));
        try
        {
            var piped = Check(CliRunner.Run("predict", "--model", _model.Final, "-"));
            Assert.Equal(inline.Out, piped.Out);
        }
        finally { Console.SetIn(old); }
    }

    [Fact]
    public void Train_ForceOnAFinishedTraining_ClearsTheFolderFirst()
    {
        var stray = Path.Combine(_model.Dir.Path, "model", "stray.txt");
        File.WriteAllText(stray, "left from another run");
        var before = File.ReadAllBytes(Path.Combine(_model.Final, "head.safetensors"));
        Check(CliRunner.RunIn(_model.Dir.Path, "train", "train.yaml", "--force"));
        Assert.False(File.Exists(stray));
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(_model.Final, "head.safetensors")));
    }

    [Fact]
    public void Eval_AppliesTheTextStepsUnlessRaw()
    {
        Assert.Contains("applying the training data's text steps (pii.redact)", Check(CliRunner.Run("eval", "--model", _model.Final, _model.Data)).Err);
        Assert.Contains("--raw: not applying", Check(CliRunner.Run("eval", "--model", _model.Final, "--raw", _model.Data)).Err);
    }
}
