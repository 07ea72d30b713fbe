using System.Collections.Frozen;
using Winnow.Augmentation.Text;
using Winnow.Augmentation.WordNet;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Augmentation.Synonyms;

/// <summary>
/// <c>augment.synonyms</c>: keeps each record and adds up to <c>copies</c> variants with WordNet synonyms in place of
/// some words. Randomness is keyed on the record's id (not its position), so a record gets the same variants in any
/// run, shard or core count. A variant equal to its source or to an earlier variant is not made.
/// </summary>
internal sealed class SynonymStep : IRecordStep
{
    public const string StepName = "augment.synonyms";

    private readonly SynonymReplacer _replacer;
    private readonly SynonymOptions _options;
    private readonly long _seed;

    public SynonymStep(SynonymOptions options, long stepSeed)
    {
        _options = options;
        _seed = options.Seed ?? stepSeed;
        var protectedTerms = options.Protected.Select(w => w.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);
        _replacer = new SynonymReplacer(new SynonymFinder(WordNetDatabase.Open(options.Wordnet), StopWords.English, protectedTerms));
    }

    public string Name => StepName;

    public Outcome Apply(Record record, long index)
    {
        if ((!_options.AugmentVariants && Variants.IsDerived(record)) || Variants.Source(record) is not { Length: > 0 } source) return Outcome.Keep(record);
        var texts = new string?[_options.Copies];
        for (var k = 0; k < texts.Length; k++)
        {
            var random = RecordRandom.For(_seed, record.Id, k);
            texts[k] = _replacer.Replace(source, ref random, _options.P, _options.MaxChanges);
        }
        var created = Variants.Distinct(record, source, texts, StepName, "syn");
        return created.IsEmpty ? Outcome.Keep(record) : Outcome.KeepAndCreate(record, created);
    }
}
