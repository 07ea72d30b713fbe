using Winnow.Annotation.Rules;
using Winnow.Core.Records;

namespace Winnow.Annotation.Tests.Rules;

public sealed class RulesTests
{
    private static RuleSet Rules(params LabelingFunctionSpec[] functions) => new(new RulesFile { Functions = functions }, "test", ".");

    private static readonly Record[] Cards =
    [
        new() { Id = "1", Text = "my card arrived", Label = "card" },
        new() { Id = "2", Text = "I lost my card", Label = "lost" },
        new() { Id = "3", Text = "Lost phone", Label = "lost" },
        new() { Id = "4", Text = "hello cardigan", Label = "card" },
    ];

    [Fact]
    public void Analyse_TwoFunctions_MatchesSnorkelsSummaryByHand()
    {
        var rules = Rules(new() { Name = "kw_card", Label = "card", Keywords = ["card"] }, new() { Name = "kw_lost", Label = "lost", Keywords = ["lost"] });
        var report = LfAnalysis.Analyse(rules, Cards);
        var card = report.Functions[0];
        // "card" matches records 1 and 2 (whole words: not "cardigan"); record 2 also has "lost" (overlap and conflict).
        Assert.Equal((0.5, 0.25, 0.25, 1, 1, 0.5), (card.Coverage, card.Overlaps, card.Conflicts, card.Correct!.Value, card.Incorrect!.Value, card.EmpiricalAccuracy!.Value));
        var lost = report.Functions[1];
        Assert.Equal((0.5, 0.25, 0.25, 2, 0, 1.0), (lost.Coverage, lost.Overlaps, lost.Conflicts, lost.Correct!.Value, lost.Incorrect!.Value, lost.EmpiricalAccuracy!.Value));
        Assert.Equal(0.75, report.Coverage);
        // Majority: record 2 is a tie (abstains); records 1 and 3 are right.
        Assert.Equal(1.0, report.MajorityAccuracy);
        Assert.Equal(0.5, report.MajorityCoverage);
    }

    [Fact]
    public void LabelModel_TwoAccurateThreeWeakFunctions_BeatsMajorityAndLearnsAccuracies()
    {
        var random = new Random(5);
        const int n = 600;
        var truth = new int[n];
        var votes = new int[n][];
        double[] accuracy = [0.95, 0.95, 0.55, 0.55, 0.55];
        for (var i = 0; i < n; i++)
        {
            truth[i] = random.Next(2);
            votes[i] = [.. accuracy.Select(a => random.NextDouble() < a ? truth[i] : 1 - truth[i])];
        }
        string[] labels = ["no", "yes"];
        var (majority, _) = LabelModel.Combine(votes, labels, "majority");
        var (model, learned) = LabelModel.Combine(votes, labels, "label_model");
        double Acc(RuleDecision[] d) => Enumerable.Range(0, n).Count(i => d[i].Label == labels[truth[i]]) / (double)n;
        Assert.True(Acc(model) > Acc(majority) + 0.03, $"label model {Acc(model)}, majority {Acc(majority)}");
        Assert.True(learned![0] > 0.85 && learned[1] > 0.85, string.Join(", ", learned));
        Assert.True(learned[2] < 0.7 && learned[3] < 0.7 && learned[4] < 0.7, string.Join(", ", learned));
    }

    [Fact]
    public void Vote_FieldRuleAndRegex_NeedEveryCondition()
    {
        var lf = new LabelingFunction(new LabelingFunctionSpec { Label = "spam", Regex = @"\bfree\b", Field = "meta.source", Values = ["sms"] }, 0, "t");
        Assert.Equal("spam", lf.Vote(new Record { Id = "a", Text = "FREE tickets", Meta = Meta.Empty.Set("source", "SMS") }));
        Assert.Null(lf.Vote(new Record { Id = "b", Text = "FREE tickets", Meta = Meta.Empty.Set("source", "email") }));
        Assert.Null(lf.Vote(new Record { Id = "c", Text = "tickets", Meta = Meta.Empty.Set("source", "sms") }));
    }

    [Fact]
    public void Function_WithoutCondition_IsAnOptionsError()
    {
        var e = Assert.Throws<Winnow.Core.WinnowException>(() => new LabelingFunction(new LabelingFunctionSpec { Name = "x", Label = "a" }, 3, "rules.yaml"));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("functions[3]", e.Message);
    }

    [Fact]
    public void RulesStep_UnlabelledRecords_GetTheRuleLabelWithSourceAndConfidence()
    {
        var yaml = Path.GetTempFileName();
        File.WriteAllText(yaml, "functions:\n  - {name: kw_card, label: card, keywords: [card]}\n  - {name: kw_lost, label: lost, keywords: [lost, stolen]}\n" +
            "spans:\n  - {label: thing, terms: [card, phone]}\n");
        var step = new RulesStep(new RulesOptions { File = yaml, Combine = "majority" }, StepHarness.Context("annotate.rules"));
        var records = Cards.Select(r => r with { Label = null }).ToList();
        var output = StepHarness.Run(step, records);
        File.Delete(yaml);
        Assert.Equal("card", output[0].Label);
        Assert.Equal("rule", output[0].Meta.GetString("label_source"));
        Assert.Equal(1.0, output[0].Meta["label_confidence"].GetDouble());
        Assert.Null(output[1].Label); // a tie abstains
        Assert.Equal("lost", output[2].Label);
        Assert.Null(output[3].Label);
        Assert.Equal(new TextSpan(3, 7, "thing"), Assert.Single(output[0].Spans));
        Assert.Equal("Lost phone".IndexOf("phone", StringComparison.Ordinal), output[2].Spans[0].Start);
        Assert.Empty(output[3].Spans); // "cardigan" is not the word "card"
    }
}
