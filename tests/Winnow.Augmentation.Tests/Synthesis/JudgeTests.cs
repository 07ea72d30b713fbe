using System.Text.Json.Nodes;
using Winnow.Augmentation.Chat;
using Winnow.Augmentation.Synthesis;
using Winnow.Augmentation.Tests.Chat;
using static Winnow.Augmentation.Tests.Chat.ChatTestKit;

namespace Winnow.Augmentation.Tests.Synthesis;

public sealed class JudgeTests
{
    [Fact]
    public async Task JudgeAsync_Scores_KeepAtOrAboveTheThresholdDropBelow()
    {
        await using var server = await ScriptedChatServer.StartAsync(r =>
            r.Body.ToJsonString().Contains("garbled", StringComparison.Ordinal) ? new ScriptedReply.Answer("{\"score\": 9}")
            : new ScriptedReply.Answer(new JsonObject
            {
                ["score"] = r.LastUser.Contains("helpful", StringComparison.Ordinal) ? 5 : 2,
                ["reason"] = "because",
            }.ToJsonString()));
        using var endpoint = new ChatEndpoint(Options(server));
        var judge = new Judge(endpoint.ForStep(endpoint.NewUsage()), new JudgeOptions { Rubric = "Helpful, correct answers.", MaxAttempts = 2 });
        var batch = new[]
        {
            new Record { Id = "1", Prompt = "q", Completion = "a helpful answer" },
            new Record { Id = "2", Prompt = "q", Completion = "a rude answer" },
            new Record { Id = "3", Text = "garbled" },
        };
        var verdicts = await judge.JudgeAsync(batch);
        Assert.True(verdicts[0].Kept);
        Assert.Equal("5", verdicts[0].Record.Meta.GetString("judge_score"));
        Assert.Equal("because", verdicts[0].Record.Meta.GetString("judge_reason"));
        Assert.Equal(("judge_below_threshold", 2), (verdicts[1].DropReason, verdicts[1].Score));
        Assert.StartsWith("score 2 < 4", verdicts[1].Detail);
        Assert.Equal("judge_invalid_output", verdicts[2].DropReason);
        Assert.Contains("score 9 is not between 1 and 5", verdicts[2].Detail);
        Assert.Contains("Rubric:\nHelpful, correct answers.", server.Log.First().LastUser);
    }

    [Fact]
    public void Validate_NoRubric_IsAProblem() => Assert.Equal("rubric", Assert.Single(new JudgeOptions().Validate()).Key);
}
