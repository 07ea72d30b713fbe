using System.Text.Json;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Curation.Pii;

/// <summary>
/// <c>pii.redact</c>: finds emails, phone numbers, card numbers, IBANs, IP addresses, SSNs, password URLs and
/// secrets in every text of a record (text, prompt/completion, chat turns). <c>replace</c> puts a type token in
/// place of each find, writes per-type counts to <c>meta.pii</c> and names the types in provenance
/// (<c>pii.redact email,phone</c>); <c>drop</c> drops the record with reason <c>pii</c> and the counts as detail.
/// </summary>
internal sealed class PiiRedactStep(PiiRedactOptions options) : IRecordStep, IRedactor
{
    private readonly PiiScanner _scanner = new(options);
    private readonly bool _drop = options.Mode == "drop";

    public string Name => "pii.redact";

    public Outcome Apply(Record record, long index)
    {
        // One scan of the whole content first: most records hold nothing, and then nothing is copied.
        var matches = _scanner.Scan(record.ContentText);
        if (matches.Count == 0) return Outcome.Keep(record);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (_drop)
        {
            Count(matches, counts);
            return Outcome.Drop("pii", Describe(counts));
        }

        // Each text (text, prompt, completion, every chat turn) is redacted on its own, so a find never spans two.
        var redacted = record.MapContent(text =>
        {
            var found = _scanner.Scan(text);
            Count(found, counts);
            return PiiScanner.Redact(text, found);
        });
        if (counts.Count == 0) return Outcome.Keep(record);
        var meta = redacted.Meta.Set(options.MetaField, JsonSerializer.SerializeToElement(counts));
        // Types in priority order, so the provenance entry reads the same for the same finds.
        var types = string.Join(',', PiiTypes.All.Where(counts.ContainsKey));
        return Outcome.Keep((redacted with { Meta = meta }).ChangedBy($"{Name} {types}"));
    }

    /// <summary>For the run's rejects (also in drop mode): every text with its finds replaced by type tokens.</summary>
    public Record Redact(Record record) =>
        _scanner.Scan(record.ContentText).Count == 0 ? record : record.MapContent(RedactText);

    public string RedactText(string text)
    {
        var found = _scanner.Scan(text);
        return found.Count == 0 ? text : PiiScanner.Redact(text, found);
    }

    private static void Count(List<PiiMatch> matches, SortedDictionary<string, int> counts)
    {
        foreach (var m in matches) counts[m.Type] = counts.GetValueOrDefault(m.Type) + 1;
    }

    /// <summary>"email=1,phone=2".</summary>
    internal static string Describe(SortedDictionary<string, int> counts) =>
        string.Join(',', counts.Select(kv => $"{kv.Key}={kv.Value}"));
}
