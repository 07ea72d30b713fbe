using System.Collections.Immutable;
using Winnow.Augmentation.Chat;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Augmentation.Synthesis;

/// <summary>
/// <c>synthesize</c>: a whole-dataset step. Planning reads the input (the real records: class counts, few-shot examples,
/// texts to dedup against); the generation itself is asynchronous and runs in the batch that holds the input's last
/// record, whose outcome carries the synthetic records after it, so they come last in the stream, in the same order in
/// every run and sharding. Rejected candidates (invalid answers, duplicates of real records, too close to the pool) go
/// to the step's rejects. Counts: <c>classes_before</c> and <c>classes_after</c> (the report's class bars),
/// <c>synthetic</c> (per label), <c>synthetic_dropped</c> and <c>chat</c>.
/// </summary>
public sealed class SynthesizeStep(SynthesizeOptions options, StepChat chat, IReadOnlyList<SeedTask>? seeds) : IDatasetStep
{
    public const string StepName = "synthesize";

    public string Name => StepName;

    private SynthesisMode Mode => options.Mode;

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken)
    {
        var real = options.Mode == SynthesisMode.Class ? input.Read(cancellationToken).Where(r => !Variants.IsDerived(r)).ToList() : [];
        var count = input.Count ?? input.Read(cancellationToken).LongCount();
        return new Planned(this, real, count - 1);
    }

    private async Task<(SynthesisResult Result, ChatUsage Usage)> GenerateAsync(IReadOnlyList<Record> real, CancellationToken cancellationToken)
    {
        var (client, usage) = chat.ForBatch();
        var result = options.Mode == SynthesisMode.Class
            ? await new ClassSynthesizer(client, options.ForClasses()).SynthesizeAsync(real, cancellationToken)
            : await new SelfInstructGenerator(client, options.ForSelfInstruct(), seeds!).GenerateAsync(cancellationToken);
        return (result, usage);
    }

    private sealed class Planned(SynthesizeStep step, List<Record> real, long last) : IBatchStep, IRecordStep
    {
        public string Name => StepName;

        public int BatchSize => 1024;

        public int Concurrency => 1;

        public async Task<BatchOutcome> ApplyAsync(IReadOnlyList<Record> batch, long firstIndex, CancellationToken cancellationToken)
        {
            var outcomes = batch.Select(Outcome.Keep).ToArray();
            var at = last - firstIndex;
            if (at < 0 || at >= batch.Count) return new BatchOutcome(outcomes);
            var (result, usage) = await step.GenerateAsync(real, cancellationToken);
            outcomes[at] = Outcome.KeepAndCreate(batch[(int)at], result.Created)
                .WithRejected(result.Rejected.Select(x => new RejectedRecord(x.Variant, x.Reason, x.Detail)).ToImmutableArray());
            var counts = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal)
            {
                ["synthetic"] = Table(result.Created.GroupBy(r => r.Label ?? "(none)").Select(g => (g.Key, (long)g.Count()))),
                ["chat"] = StepChat.Counts(usage),
            };
            if (!result.Rejected.IsEmpty) counts["synthetic_dropped"] = Table(result.Rejected.GroupBy(r => r.Reason).Select(g => (g.Key, (long)g.Count())));
            if (step.Mode == SynthesisMode.Class)
            {
                var before = real.Where(r => r.Label is not null).GroupBy(r => r.Label!).Select(g => (g.Key, (long)g.Count())).ToList();
                counts["classes_before"] = Table(before);
                var added = result.Created.Where(r => r.Label is not null).GroupBy(r => r.Label!).ToDictionary(g => g.Key, g => (long)g.Count());
                counts["classes_after"] = Table(before.Select(b => (b.Key, b.Item2 + added.GetValueOrDefault(b.Key))));
            }
            return new BatchOutcome(outcomes, counts);
        }

        Outcome IRecordStep.Apply(Record record, long index) => throw BatchPlans.NotPerRecord(Name);

        private static Dictionary<string, long> Table(IEnumerable<(string Key, long N)> rows) => rows.ToDictionary(r => r.Key, r => r.N, StringComparer.Ordinal);
    }
}
