using Winnow.Augmentation.Chat;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Augmentation.Synthesis;

/// <summary>
/// <c>judge</c>: LLM-as-judge as a filter (<see cref="Judge"/>). Kept records carry <c>meta.judge_score</c> and
/// <c>meta.judge_reason</c>; the others drop with <c>judge_below_threshold</c> or <c>judge_invalid_output</c>. With
/// <c>only_synthetic</c> (default true) real records pass unjudged: the judge is there to filter what a model made.
/// Counts: <c>scores</c> (records per score) and <c>chat</c>.
/// </summary>
public sealed class JudgeStep(JudgeOptions options, StepChat chat) : IBatchStep
{
    public string Name => Judge.StepName;

    public int BatchSize => options.BatchSize;

    public int Concurrency => options.Concurrency;

    public async Task<BatchOutcome> ApplyAsync(IReadOnlyList<Record> batch, long firstIndex, CancellationToken cancellationToken)
    {
        var outcomes = batch.Select(Outcome.Keep).ToArray();
        var judged = Enumerable.Range(0, batch.Count).Where(i => !options.OnlySynthetic || Variants.IsDerived(batch[i])).ToList();
        if (judged.Count == 0) return new BatchOutcome(outcomes);
        var (client, usage) = chat.ForBatch();
        var verdicts = await new Judge(client, options).JudgeAsync(judged.Select(i => batch[i]).ToList(), cancellationToken);
        var scores = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var k = 0; k < judged.Count; k++)
        {
            var v = verdicts[k];
            var key = v.Score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "invalid";
            scores[key] = scores.GetValueOrDefault(key) + 1;
            outcomes[judged[k]] = v.Kept ? Outcome.Keep(v.Record) : Outcome.Drop(v.DropReason!, v.Detail);
        }
        return new BatchOutcome(outcomes, new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal)
        {
            ["scores"] = scores,
            ["chat"] = StepChat.Counts(usage),
        });
    }
}
