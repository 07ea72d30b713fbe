namespace Winnow.Curation.Language;

/// <summary>
/// The default class prior of <c>filter.language</c>: how often each language is the primary language of a web
/// page, as Common Crawl measured it for its October 2024 crawl CC-MAIN-2024-42 (CLD2 on every HTML page; the
/// <c>%pages/crawl</c> column of <c>plots/languages.csv</c> in github.com/commoncrawl/cc-crawl-statistics, read on
/// 2026-11-25). Percent of pages. langdetect takes a prior the same way (<c>set_prior_map</c>); with none, a
/// sentence that close languages share (Dutch and Afrikaans share most n-grams) is decided by the profiles' small
/// differences, and the language 176 times rarer on the web wins as often as the common one.
/// </summary>
internal static class WebPrior
{
    /// <summary>Percent of CC-MAIN-2024-42 pages per langdetect code. <c>no</c> is Bokmål + Nynorsk (nor + nno);
    /// Chinese (zho) is split evenly between <c>zh-cn</c> and <c>zh-tw</c>, which CLD2's table does not separate.</summary>
    public static IReadOnlyDictionary<string, double> Percent { get; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["af"] = 0.0103, ["ar"] = 0.6709, ["bg"] = 0.2992, ["bn"] = 0.1186, ["ca"] = 0.2085, ["cs"] = 1.0630,
        ["cy"] = 0.0117, ["da"] = 0.4640, ["de"] = 5.3038, ["el"] = 0.5728, ["en"] = 43.4241, ["es"] = 4.5387,
        ["et"] = 0.1326, ["fa"] = 0.7051, ["fi"] = 0.3444, ["fr"] = 4.3960, ["gu"] = 0.0113, ["he"] = 0.2473,
        ["hi"] = 0.2089, ["hr"] = 0.2149, ["hu"] = 0.5649, ["id"] = 1.1235, ["it"] = 2.5282, ["ja"] = 5.0419,
        ["kn"] = 0.0142, ["ko"] = 0.7388, ["lt"] = 0.1668, ["lv"] = 0.0942, ["mk"] = 0.0383, ["ml"] = 0.0269,
        ["mr"] = 0.0258, ["ne"] = 0.0493, ["nl"] = 1.8145, ["no"] = 0.3190, ["pa"] = 0.0079, ["pl"] = 1.8065,
        ["pt"] = 2.3146, ["ro"] = 0.5978, ["ru"] = 6.0444, ["sk"] = 0.3705, ["sl"] = 0.1558, ["so"] = 0.0050,
        ["sq"] = 0.0497, ["sv"] = 0.6649, ["sw"] = 0.0096, ["ta"] = 0.0473, ["te"] = 0.0220, ["th"] = 0.4071,
        ["tl"] = 0.0088, ["tr"] = 1.2422, ["uk"] = 0.6037, ["ur"] = 0.0306, ["vi"] = 1.0454,
        ["zh-cn"] = 2.4065, ["zh-tw"] = 2.4064,
    };
}
