using System.Collections.Immutable;
using Winnow.Augmentation.Chat;
using Winnow.Augmentation.Guards;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Augmentation.Steps;

/// <summary>What every augmenter step shares besides its own options.</summary>
/// <param name="Chat">The step's chat model, when it uses one (its tokens go into the step's counts).</param>
/// <param name="AugmentVariants">Also augment records another augmenter made; default false, so chained augmenters do not multiply.</param>
public sealed record AugmentSettings(string Name, int BatchSize, int Concurrency, bool AugmentVariants, StepChat? Chat = null);

/// <summary>
/// An augmenter as a step (<see cref="IBatchStep"/>): each parent is kept, and its variants that pass the guards are
/// added after it; variants the augmenter or a guard turned away go to the step's rejects with their reasons. Counts per
/// batch: <c>variants</c> (made, kept), <c>variants_dropped</c> (by reason) and, with a chat model, <c>chat</c> (answers,
/// tokens, estimated cost). Records with no text to rewrite, and variants (unless <c>augment_variants</c>), pass untouched.
/// </summary>
public sealed class AugmentStep(AugmentSettings settings, Func<IChatClientScope, IAugmenter> augmenter, VariantGuards guards)
    : IBatchStep, IRecordStep
{
    private readonly VariantGuards _guards = guards;

    public string Name => settings.Name;

    public int BatchSize => settings.BatchSize;

    public int Concurrency => settings.Concurrency;

    public async Task<BatchOutcome> ApplyAsync(IReadOnlyList<Record> batch, long firstIndex, CancellationToken cancellationToken)
    {
        var outcomes = batch.Select(Outcome.Keep).ToArray();
        var parents = Enumerable.Range(0, batch.Count)
            .Where(i => (settings.AugmentVariants || !Variants.IsDerived(batch[i])) && Variants.Source(batch[i]) is { Length: > 0 }).ToList();
        if (parents.Count == 0) return new BatchOutcome(outcomes);

        var scope = new ChatScope(settings.Chat);
        var made = await augmenter(scope).AugmentAsync(parents.Select(i => batch[i]).ToList(), cancellationToken);
        var results = await _guards.ApplyAsync(made, cancellationToken);

        long created = 0, rejected = 0;
        var reasons = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var k = 0; k < parents.Count; k++)
        {
            var r = results[k];
            created += r.Created.Length;
            rejected += r.Rejected.Length;
            foreach (var x in r.Rejected) reasons[x.Reason] = reasons.GetValueOrDefault(x.Reason) + 1;
            var outcome = r.Created.IsEmpty ? Outcome.Keep(r.Parent) : Outcome.KeepAndCreate(r.Parent, r.Created);
            outcomes[parents[k]] = r.Rejected.IsEmpty ? outcome
                : outcome.WithRejected(r.Rejected.Select(x => new RejectedRecord(x.Variant, x.Reason, x.Detail)).ToImmutableArray());
        }
        var counts = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal)
        {
            ["variants"] = new Dictionary<string, long>(StringComparer.Ordinal) { ["made"] = created + rejected, ["kept"] = created },
        };
        if (reasons.Count > 0) counts["variants_dropped"] = reasons;
        if (scope.Usage is { } usage) counts["chat"] = StepChat.Counts(usage);
        return new BatchOutcome(outcomes, counts);
    }

    Outcome IRecordStep.Apply(Record record, long index) => throw BatchPlans.NotPerRecord(Name);

    /// <summary>The batch's chat client, made on first use, with its own account.</summary>
    private sealed class ChatScope(StepChat? chat) : IChatClientScope
    {
        private (Microsoft.Extensions.AI.IChatClient Client, ChatUsage Usage)? _made;

        public ChatUsage? Usage => _made?.Usage;

        public Microsoft.Extensions.AI.IChatClient Client
        {
            get
            {
                _made ??= (chat ?? throw new InvalidOperationException("this step has no chat model")).ForBatch();
                return _made.Value.Client;
            }
        }
    }
}

/// <summary>A batch's chat client (made on first use, so steps without a model never need one).</summary>
public interface IChatClientScope
{
    Microsoft.Extensions.AI.IChatClient Client { get; }
}
