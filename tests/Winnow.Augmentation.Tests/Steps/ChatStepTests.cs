using System.Text.Json.Nodes;
using Winnow.Augmentation.Tests.Chat;
using Winnow.Core.Running;

namespace Winnow.Augmentation.Tests.Steps;

/// <summary>
/// The chat steps from recipes, through the real runner and the real HTTP client, against the scripted OpenAI-compatible
/// server on loopback: faults, limits, the cache across reruns and resumes, guards, rejects and counts.
/// </summary>
public sealed class ChatStepTests
{
    private static string Text(int i) => $"text number {i} about my card";

    private static IEnumerable<(string, string)> Texts(int n) => Enumerable.Range(0, n).Select(i => (Text(i), i % 2 == 0 ? "a" : "b"));

    private static string Tail(ScriptedRequest r) => r.LastUser[(r.LastUser.LastIndexOf("Text: ", StringComparison.Ordinal) + 6)..];

    /// <summary>Three paraphrases of the text; t1's third is t2's text (a duplicate of an existing record).</summary>
    private static ScriptedReply Paraphrases(ScriptedRequest r, int delayMs = 0)
    {
        var tail = Tail(r);
        var third = tail == Text(1) ? Text(2) : $"{tail} (c)";
        return new ScriptedReply.Answer(new JsonObject { ["paraphrases"] = new JsonArray($"{tail} (a)", $"{tail} (b)", third) }.ToJsonString(), delayMs);
    }

    /// <summary>Faults on the first attempt of some texts: 429 with Retry-After, 500, malformed JSON, a hang (time-out).</summary>
    private static ScriptedReply Faulty(ScriptedRequest r)
    {
        if (r.Attempt == 1)
        {
            var tail = Tail(r);
            if (tail == Text(3)) return new ScriptedReply.Status(429, RetryAfter: "0");
            if (tail == Text(5)) return new ScriptedReply.Status(500);
            if (tail == Text(7)) return new ScriptedReply.Malformed();
            if (tail == Text(9)) return new ScriptedReply.Hang();
        }
        return Paraphrases(r, delayMs: 20);
    }

    private static string Recipe(string llm, string step = "augment.paraphrase: {guards: {similarity: false}, batch_size: 4, concurrency: 4}", int chunk = 8) =>
        llm + $"chunk_size: {chunk}\ninputs: [in.jsonl]\nsteps:\n  - {step}\noutputs: [out.jsonl]\n";

    [Fact]
    public async Task Paraphrase_FaultsOnTheWire_RunCompletesNothingLostAndConcurrencyHolds()
    {
        await using var server = await ScriptedChatServer.StartAsync(Faulty);
        using var run = new StepRun();
        run.Input(Texts(24));
        var result = run.Run(Recipe(run.Llm(server.BaseUrl, concurrency: 3, timeout: 0.5)));

        var records = run.Records("out");
        var step = result.Manifest.Steps.Single();
        Assert.Equal(24, step.In);
        Assert.Equal(24 * 3 - 1, step.Created);                    // t1's third paraphrase is t2's text
        Assert.Equal(step.In + step.Created, step.Out);
        Assert.Equal(24 * 4 - 1, records.Count);
        // Every parent, then its paraphrases, in input order; each names its parent and says who made it.
        Assert.Equal(["t0", "t0~para1", "t0~para2", "t0~para3", "t1"], records.Take(5).Select(r => r.Id));
        Assert.All(records.Where(r => r.Id.Contains('~')), r =>
        {
            Assert.Equal("augment.paraphrase", r.Meta.GetString("augmented_by"));
            Assert.StartsWith("augment.paraphrase from t", r.Provenance.Steps[^1], StringComparison.Ordinal);
        });
        var rejected = Assert.Single(run.Rejects("out", "augment.paraphrase"));
        Assert.Contains("\"reason\":\"duplicate_of_existing\"", rejected, StringComparison.Ordinal);
        Assert.Equal(1, step.Details!["variants_dropped"]["duplicate_of_existing"]);
        Assert.Equal(72, step.Details["variants"]["made"]);
        Assert.Equal(71, step.Details["variants"]["kept"]);

        // Retried: each faulty first attempt was followed by a good one; the limit held under the retries.
        // (A loaded machine may time out a slow good answer too: at least the four faults are retried.)
        Assert.InRange(server.Requests, 24 + 4, 24 + 8);
        Assert.All(new[] { 3, 5, 7, 9 }, i => Assert.True(server.Log.Count(r => Tail(r) == Text(i)) >= 2, $"text {i} was not retried"));
        Assert.InRange(server.MaxInFlight, 2, 3);
        var chat = step.Details["chat"];
        Assert.Equal(24, chat["answers"]);
        Assert.Equal(24 * 11, chat["prompt_tokens"]);
        Assert.Equal(24 * 7, chat["completion_tokens"]);
        Assert.Equal((long)Math.Round((24 * 11 * 2.5 + 24 * 7 * 10.0)), chat["estimated_cost_micros"]);   // per million tokens → micros
    }

    [Fact]
    public async Task Paraphrase_RerunAndResumeAfterAStop_SendNoCachedRequestAndWriteTheSameBytes()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => Paraphrases(r));
        using var run = new StepRun();
        run.Input(Texts(24));
        var yaml = Recipe(run.Llm(server.BaseUrl));

        // Killed after its first chunk (8 records sent and cached), then resumed: the 8 are not asked again.
        Assert.Throws<RunStoppedException>(() => run.Run(yaml, "a", stopAfter: 1));
        Assert.Equal(8, server.Requests);
        run.Run(yaml, "a", resume: true);
        Assert.Equal(24, server.Requests);
        Assert.All(server.Log.GroupBy(r => r.LastUser), g => Assert.Single(g));

        // A rerun into a new folder pays for nothing and writes the same bytes.
        run.Run(yaml, "b");
        Assert.Equal(24, server.Requests);
        foreach (var file in new[] { "out.jsonl", "manifest.json", "rejects/augment.paraphrase.jsonl" })
            Assert.Equal(run.Hash("a", file), run.Hash("b", file));
    }

    [Fact]
    public async Task Paraphrase_AlwaysInvalidAnswers_ParentKeptVariantRejectedWithReason()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => new ScriptedReply.Answer("""{"paraphrases": ["only one"]}"""));
        using var run = new StepRun();
        run.Input(Texts(3));
        var step = run.Run(Recipe(run.Llm(server.BaseUrl), "augment.paraphrase: {guards: {similarity: false, dedup: false}, max_attempts: 2}")).Manifest.Steps.Single();
        Assert.Equal(3, step.Out);
        Assert.Equal(0, step.Created);
        Assert.Equal(3, step.Details!["variants_dropped"]["invalid_output"]);
        Assert.Equal(6, server.Requests);                          // each record: the first answer and one retry
        Assert.All(run.Rejects("out", "augment.paraphrase"), l => Assert.Contains("\"reason\":\"invalid_output\"", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Backtranslate_ChatEngine_TwoRequestsPerCopyAndPivotInMeta()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => new ScriptedReply.Answer(
            r.LastUser.Contains("into Spanish", StringComparison.Ordinal) ? "texto " + r.LastUser[^6..] : "back: " + r.LastUser[^6..]));
        using var run = new StepRun();
        run.Input(Texts(4));
        var step = run.Run(Recipe(run.Llm(server.BaseUrl), "augment.backtranslate: {engine: chat, copies: 2, seed: 3, guards: {similarity: false}}")).Manifest.Steps.Single();
        var records = run.Records("out");
        Assert.Equal(16, server.Requests);                          // 4 records × 2 copies × (there + back)
        Assert.Equal(8, server.Log.Select(r => r.Seed).Distinct().Count());   // a seed per record and copy, shared by there and back
        var variant = records.Single(r => r.Id == "t0~bt1");
        Assert.StartsWith("texto ", variant.Meta.GetString("pivot"), StringComparison.Ordinal);
        Assert.StartsWith("back: ", variant.Text, StringComparison.Ordinal);
        // Both copies come back the same here: the second is no change.
        Assert.Equal(4, step.Created);
        Assert.Equal(4, step.Details!["variants_dropped"]["no_change"]);
    }

    [Fact]
    public async Task Judge_KeepsSyntheticAtOrAboveMinScore_RealRecordsPassUnjudged()
    {
        await using var server = await ScriptedChatServer.StartAsync(r => new ScriptedReply.Answer(
            r.LastUser.Contains("(a)", StringComparison.Ordinal) ? """{"score": 5, "reason": "fine"}""" : """{"score": 2, "reason": "weak"}"""));
        using var run = new StepRun();
        run.Input(Texts(2));
        var variants = string.Concat(new[] { "t0~x (a)", "t0~y (b)" }.Select(t =>
            $"{{\"id\":\"{t[..4]}\",\"text\":\"{t}\",\"label\":\"a\",\"meta\":{{\"synthetic\":true}}}}\n"));
        File.AppendAllText(Path.Combine(run.Root, "in.jsonl"), variants);
        var step = run.Run(Recipe(run.Llm(server.BaseUrl), "judge: {rubric: 'a clear banking request', min_score: 4}")).Manifest.Steps.Single();
        Assert.Equal(2, server.Requests);
        Assert.Equal(["t0", "t1", "t0~x"], run.Records("out").Select(r => r.Id));
        Assert.Equal(1, step.Dropped["judge_below_threshold"]);
        Assert.Equal("5", run.Records("out")[2].Meta.GetString("judge_score"));
    }
}
