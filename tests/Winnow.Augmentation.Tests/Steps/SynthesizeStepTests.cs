using System.Text.Json.Nodes;
using Winnow.Augmentation.Tests.Chat;

namespace Winnow.Augmentation.Tests.Steps;

public sealed class SynthesizeStepTests
{
    [Fact]
    public async Task Synthesize_ClassBelowTarget_FillsWithinTheShareCapAtTheEndNamingThePrompt()
    {
        var counter = 0;
        await using var server = await ScriptedChatServer.StartAsync(r =>
        {
            var n = Interlocked.Increment(ref counter);
            // One text repeats a real record: it must be rejected, not added.
            var texts = new JsonArray(Enumerable.Range(0, 5).Select(k => (JsonNode)(n == 1 && k == 0 ? "b example 0" : $"new text {n}.{k}")).ToArray());
            return new ScriptedReply.Answer(new JsonObject { ["texts"] = texts }.ToJsonString());
        });
        using var run = new StepRun();
        run.Input(Enumerable.Range(0, 10).Select(i => ($"a example {i}", "a")).Concat(Enumerable.Range(0, 7).Select(i => ($"b example {i}", "b"))));
        var result = run.Run(run.Llm(server.BaseUrl) + "inputs: [in.jsonl]\nsteps:\n  - synthesize: {target_per_class: 10}\noutputs: [out.jsonl]\n");

        var records = run.Records("out");
        var synthetic = records.Skip(17).ToList();
        // b: 7 real, target 10, cap 30 % → ⌊0.3 × 7 ÷ 0.7⌋ = 3 synthetic, after the real records.
        Assert.Equal(3, synthetic.Count);
        Assert.All(synthetic, r =>
        {
            Assert.Equal("b", r.Label);
            Assert.Equal("true", r.Meta.GetString("synthetic"));
            Assert.StartsWith("synthesize.class from prompt ", r.Provenance.Steps[^1], StringComparison.Ordinal);
        });
        Assert.DoesNotContain(synthetic, r => r.Text == "b example 0");
        var details = result.Manifest.Steps.Single().Details!;
        Assert.Equal(7, details["classes_before"]["b"]);
        Assert.Equal(10, details["classes_after"]["b"]);
        Assert.Equal(3, details["synthetic"]["b"]);
        Assert.Equal(1, details["synthetic_dropped"]["duplicate_of_real"]);
        Assert.Contains("duplicate_of_real", Assert.Single(run.Rejects("out", "synthesize")), StringComparison.Ordinal);
    }

    [Fact]
    public void Synthesize_NoModelConfigured_FailsValidationAtItsLine()
    {
        using var run = new StepRun();
        run.Input([("x", "a")]);
        var saved = Core.Recipes.RecipeLoader.Environment;
        try
        {
            Core.Recipes.RecipeLoader.Environment = _ => null;
            var e = Assert.Throws<Core.RecipeException>(() => run.Recipe("inputs: [in.jsonl]\nsteps:\n  - synthesize: {}\noutputs: [out.jsonl]\n"));
            Assert.Equal(3, e.Line);
            Assert.Contains("set WINNOW_LLM_BASE_URL", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Core.Recipes.RecipeLoader.Environment = saved;
        }
    }
}
