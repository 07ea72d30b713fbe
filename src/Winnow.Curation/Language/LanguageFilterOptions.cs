using System.ComponentModel.DataAnnotations;

namespace Winnow.Curation.Language;

/// <summary>
/// Options of <c>filter.language</c>: identify each record's language (55 langdetect profiles, function
/// words, a web prior), write it to <c>meta.lang</c> and its score to <c>meta.lang_score</c>, and drop what is not wanted.
/// </summary>
public sealed record LanguageFilterOptions
{
    /// <summary>
    /// Languages to keep (codes as in <c>the README (filter.language)</c>: <c>en</c>, <c>es</c>, <c>zh-cn</c>, …, plus <c>und</c> for
    /// text with nothing to identify), or <c>any</c> (default) to only annotate. Others drop with reason
    /// <c>language_not_kept</c>.
    /// </summary>
    public IReadOnlyList<string> Keep { get; init; } = ["any"];

    /// <summary>Drop records whose score is below this, with reason <c>language_low_score</c>. Default 0 (off).</summary>
    [Range(0.0, 1.0)]
    public double MinScore { get; init; }

    /// <summary>
    /// Which text to identify: unset (default) = the record's content text (text, else prompt + completion, else the
    /// chat's turns); or <c>text</c>, <c>prompt</c>, <c>completion</c>, <c>label</c>, <c>meta.NAME</c>.
    /// </summary>
    public string? Field { get; init; }

    /// <summary>
    /// The languages an answer may be (default unset: all 55 profiles). Listing the languages a dataset can hold
    /// removes confusions between close ones (Dutch/Afrikaans, Spanish/Galician, Norwegian/Danish).
    /// </summary>
    public IReadOnlyList<string>? Languages { get; init; }

    /// <summary>
    /// The class prior: <c>web</c> (default) weighs each language by its share of Common Crawl's pages (CC-MAIN-2024-42,
    /// see <see cref="WebPrior"/>), as langdetect's <c>set_prior_map</c> would; <c>uniform</c> switches it off.
    /// </summary>
    [AllowedValues("web", "uniform")]
    public string Prior { get; init; } = "web";

    /// <summary>
    /// Weights that replace the prior's for the listed codes (percent of pages, the unit of <see cref="WebPrior"/>; with
    /// <c>prior: uniform</c> every other language weighs 1). Default empty. E.g. <c>{af: 5}</c> for data known to hold much Afrikaans.
    /// </summary>
    public IReadOnlyDictionary<string, double> PriorWeights { get; init; } = new Dictionary<string, double>();

    /// <summary>Whether function words (16 languages' stop word lists) add word-level evidence. Default true.</summary>
    public bool Words { get; init; } = true;

    internal bool IsDefaultModel => Languages is null && Prior == "web" && PriorWeights.Count == 0 && Words;

    /// <summary>The prior these options describe: per-code weights, or null for uniform.</summary>
    internal IReadOnlyDictionary<string, double>? PriorMap()
    {
        if (Prior == "uniform" && PriorWeights.Count == 0) return null;
        var map = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in LanguageIdentifier.Default.Languages) map[code] = Prior == "web" ? WebPrior.Percent[code] : 1;
        foreach (var (code, weight) in PriorWeights) map[code] = weight;
        return map;
    }

    internal bool KeepsAny => Keep.Count == 1 && string.Equals(Keep[0], "any", StringComparison.OrdinalIgnoreCase);

    internal IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Keep.Count == 0) yield return ("keep", "needs at least one language code, or 'any'");
        if (Keep.Count > 1 && Keep.Any(k => string.Equals(k, "any", StringComparison.OrdinalIgnoreCase)))
            yield return ("keep", "'any' keeps every language; do not list it with language codes");
        if (!KeepsAny)
        {
            var known = LanguageIdentifier.Default.Languages;
            foreach (var code in Keep)
                if (!string.Equals(code, LanguageIdentifier.Undetermined, StringComparison.OrdinalIgnoreCase)
                    && !known.Contains(code, StringComparer.OrdinalIgnoreCase))
                    yield return ("keep", $"'{code}' is not a known language; use 'any', 'und' or one of: {string.Join(", ", known)}");
        }
        if (Languages is { Count: 0 }) yield return ("languages", "needs at least one language code (or leave it unset for all)");
        foreach (var code in Languages ?? [])
            if (!LanguageIdentifier.Default.Languages.Contains(code, StringComparer.OrdinalIgnoreCase))
                yield return ("languages", $"'{code}' is not a known language; use: {string.Join(", ", LanguageIdentifier.Default.Languages)}");
        foreach (var (code, weight) in PriorWeights)
        {
            if (!LanguageIdentifier.Default.Languages.Contains(code, StringComparer.OrdinalIgnoreCase))
                yield return ("prior_weights", $"'{code}' is not a known language; use: {string.Join(", ", LanguageIdentifier.Default.Languages)}");
            else if (!(weight > 0)) yield return ("prior_weights", $"the weight of '{code}' must be above 0 (got {weight})");
        }
        if (Field is not null && FieldText.Problem(Field) is { } problem) yield return ("field", problem);
    }
}
