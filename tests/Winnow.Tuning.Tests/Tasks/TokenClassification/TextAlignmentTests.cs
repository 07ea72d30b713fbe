using Winnow.Core.Records;
using Winnow.Tuning.Tasks.TokenClassification;

namespace Winnow.Tuning.Tests.Tasks.TokenClassification;

public sealed class TextAlignmentTests
{
    private static string? Back(string raw, string seen, string covered)
    {
        int start = seen.IndexOf(covered, StringComparison.Ordinal);
        var span = TextAlignment.Of(raw, seen).ToFirst(new TextSpan(start, start + covered.Length, "x"));
        return span?.Of(raw);
    }

    [Theory]
    [InlineData("  Call  JOHN Smith\tnow ", "call john smith now", "john smith", "JOHN Smith")]      // white space collapsed, lower-cased
    [InlineData("ring +44 7911 123456 today", "ring <PHONE> today", "<PHONE>", "+44 7911 123456")] // redacted: the whole number
    [InlineData("the \uFB01nal cut", "the final cut", "final", "\uFB01nal")]                        // NFKC: the ligature
    [InlineData("shares of AT&amp;T rose", "shares of AT&T rose", "AT&T", "AT&amp;T")]               // an HTML entity decoded
    [InlineData("Paris in spring", "Paris in spring", "Paris", "Paris")]                              // unchanged
    public void ToFirst_SpanOfRewrittenText_CoversWhatItCameFrom(string raw, string seen, string covered, string expected) =>
        Assert.Equal(expected, Back(raw, seen, covered));

    [Fact]
    public void ToSecond_GoldSpanOfRawText_MovesOntoTheRewrittenText()
    {
        const string raw = "Call  JOHN   Smith at +44 7911 123456", seen = "call john smith at <PHONE>";
        var alignment = TextAlignment.Of(raw, seen);

        var person = alignment.ToSecond(new TextSpan(raw.IndexOf("JOHN", StringComparison.Ordinal), raw.IndexOf("Smith", StringComparison.Ordinal) + 5, "person"));
        var phone = alignment.ToSecond(new TextSpan(raw.IndexOf('+'), raw.Length, "phone"));

        Assert.Equal("john smith", person!.Value.Of(seen));
        Assert.Equal("<PHONE>", phone!.Value.Of(seen));
    }

    [Fact]
    public void ToFirst_SpanOfInsertedCharactersOnly_IsNull()
    {
        var alignment = TextAlignment.Of("ab", "a xyz b");
        Assert.Null(alignment.ToFirst(new TextSpan(2, 5, "x")));
    }

    [Fact]
    public void Of_LongRewrittenTexts_StaysLinearAndMapsTheCommonEnds()
    {
        // Every character changed: more edits than the script keeps; the common start and end still map.
        var raw = "Start " + new string('a', 3000) + " end";
        var seen = "Start " + new string('b', 3000) + " end";
        var alignment = TextAlignment.Of(raw, seen);

        Assert.Equal("Start", alignment.ToFirst(new TextSpan(0, 5, "x"))!.Value.Of(raw));
        Assert.Equal("end", alignment.ToFirst(new TextSpan(seen.Length - 3, seen.Length, "x"))!.Value.Of(raw));
        Assert.Equal(new string('a', 3000), alignment.ToFirst(new TextSpan(6, 3006, "x"))!.Value.Of(raw));
    }
}
