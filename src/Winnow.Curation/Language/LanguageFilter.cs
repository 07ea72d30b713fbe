using System.Globalization;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Curation.Language;

/// <summary>
/// <c>filter.language</c>: writes <c>meta.lang</c> (a language code or <c>und</c>) and <c>meta.lang_score</c>
/// (0–1, 4 decimals) on every kept record; drops records under <c>min_score</c> (<c>language_low_score</c>) or
/// outside <c>keep</c> (<c>language_not_kept</c>), the detail naming the detected language and score.
/// </summary>
internal sealed class LanguageFilter : IRecordStep
{
    private readonly LanguageIdentifier _identifier;
    private readonly LanguageFilterOptions _options;
    private readonly Func<Record, string> _read;
    private readonly HashSet<string>? _keep;

    public LanguageFilter(LanguageFilterOptions options, LanguageIdentifier? identifier = null)
    {
        _options = options;
        _identifier = identifier ?? (options.IsDefaultModel
            ? LanguageIdentifier.Default
            : LanguageIdentifier.Create(options.Languages, options.PriorMap(), options.Words));
        _read = FieldText.Reader(options.Field);
        _keep = options.KeepsAny ? null : new HashSet<string>(options.Keep, StringComparer.OrdinalIgnoreCase);
    }

    public string Name => "filter.language";

    public Outcome Apply(Record record, long index)
    {
        var guess = _identifier.Detect(_read(record));
        var score = Math.Round(guess.Score, 4);
        if (score < _options.MinScore)
            return Outcome.Drop("language_low_score", $"{guess.Language} {Format(score)} < {Format(_options.MinScore)}");
        if (_keep is not null && !_keep.Contains(guess.Language))
            return Outcome.Drop("language_not_kept", $"{guess.Language} {Format(score)}");
        return Outcome.Keep(record with { Meta = record.Meta.Set("lang", guess.Language).Set("lang_score", score) });
    }

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
