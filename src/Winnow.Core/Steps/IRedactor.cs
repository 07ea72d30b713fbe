using Winnow.Core.Records;

namespace Winnow.Core.Steps;

/// <summary>
/// Implemented by a step that removes something from texts (<c>pii.redact</c>), so that what the recipe removes
/// does not leak through the other files a run writes. The runner passes every record a step rejects through the
/// first redactor at or after that step in the recipe (a dedup before <c>pii.redact</c> would otherwise write raw
/// phone numbers to <c>rejects/dedup.exact.jsonl</c>, and the report quotes rejects), and the <c>raw</c> text of
/// malformed input through the recipe's first redactor. Pure and thread-safe.
/// </summary>
public interface IRedactor
{
    /// <summary>The record with its texts redacted (nothing else changed).</summary>
    Record Redact(Record record);

    /// <summary>One text redacted.</summary>
    string RedactText(string text);
}
