using System.Collections.Frozen;
using Winnow.Augmentation.Synonyms;
using Winnow.Augmentation.Text;
using Winnow.Augmentation.WordNet;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Augmentation.Eda;

/// <summary>
/// <c>augment.eda</c>: keeps each record and adds up to n_aug EDA variants (fewer when some repeat the text or each
/// other). With <c>copies</c> set it is a per-record step; without, it first counts its input to take n_aug from the
/// paper's table (<see cref="EdaPlanStep"/>). Randomness is keyed on the record's id.
/// </summary>
internal sealed class EdaStep(EdaOptions options, EdaAugmenter augmenter, long seed, int copies) : IRecordStep
{
    public const string StepName = "augment.eda";

    public string Name => StepName;

    /// <summary>The per-record EDA step with <paramref name="copies"/> variants per record.</summary>
    public static EdaStep Create(EdaOptions options, long stepSeed, int copies)
    {
        var protectedTerms = options.Protected.Select(w => w.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);
        var augmenter = new EdaAugmenter(new SynonymFinder(WordNetDatabase.Open(options.Wordnet), StopWords.English, protectedTerms));
        return new EdaStep(options, augmenter, options.Seed ?? stepSeed, copies);
    }

    public static IStep Create(EdaOptions options, long stepSeed)
    {
        var protectedTerms = options.Protected.Select(w => w.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);
        var augmenter = new EdaAugmenter(new SynonymFinder(WordNetDatabase.Open(options.Wordnet), StopWords.English, protectedTerms));
        var seed = options.Seed ?? stepSeed;
        return options.Copies is { } copies ? new EdaStep(options, augmenter, seed, copies) : new EdaPlanStep(options, augmenter, seed);
    }

    public Outcome Apply(Record record, long index)
    {
        if ((!options.AugmentVariants && Variants.IsDerived(record)) || Variants.Source(record) is not { Length: > 0 } source) return Outcome.Keep(record);
        var random = RecordRandom.For(seed, record.Id, 0);
        var texts = augmenter.Augment(source, ref random, options.Rates, copies);
        var created = Variants.Distinct(record, source, texts!, StepName, "eda");
        return created.IsEmpty ? Outcome.Keep(record) : Outcome.KeepAndCreate(record, created);
    }
}

/// <summary><c>augment.eda</c> without <c>copies</c>: counts the records it sees, then takes n_aug from EDA's table.</summary>
internal sealed class EdaPlanStep(EdaOptions options, EdaAugmenter augmenter, long seed) : IDatasetStep
{
    public string Name => EdaStep.StepName;

    public IRecordStep Plan(IRecordSource input, CancellationToken cancellationToken)
    {
        var count = input.Count ?? input.Read(cancellationToken).LongCount();
        var copies = EdaOptions.RecommendedCopies(count);
        return new Planned(new EdaStep(options, augmenter, seed, copies), new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal)
        {
            ["n_aug"] = new Dictionary<string, long>(StringComparer.Ordinal) { ["records_seen"] = count, ["n_aug"] = copies },
        });
    }

    /// <summary>The per-record step, with the count and the n_aug it chose for the manifest.</summary>
    private sealed class Planned(EdaStep inner, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> details) : IRecordStep, IStepDetails
    {
        public string Name => inner.Name;

        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Details => details;

        public Outcome Apply(Record record, long index) => inner.Apply(record, index);
    }
}
