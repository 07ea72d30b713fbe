using System.Text;
using Winnow.Core.Validation;
using static Winnow.Core.Tests.Validation.ValidatorHarness;

namespace Winnow.Core.Tests.Validation;

public sealed class RawFileValidationTests
{
    private const string Good =
        """{"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}""";

    [Fact]
    public void Validate_EmptyFile_IsAnError()
    {
        var report = RunBytes(ValidationFormat.OpenAiChat, []);
        Assert.Equal([0L], report.Issue(IssueCodes.EmptyFile).FirstLines);
        Assert.False(report.Ok);
        Assert.Equal(0, report.Billing.Epochs);
    }

    [Fact]
    public void Validate_OnlyBlankLines_IsAnEmptyFile()
    {
        var report = RunBytes(ValidationFormat.OpenAiChat, "\n  \n\n"u8.ToArray());
        Assert.Contains(IssueCodes.EmptyFile, report.Codes());
        Assert.Equal(3, report.Lines);
    }

    [Fact]
    public void Validate_Bom_IsAnErrorOnLineOneButTheLineIsStillChecked()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Good + "\n" + Good.Replace("\"q\"", "\"r\"") + "\n")).ToArray();
        var report = RunBytes(ValidationFormat.OpenAiChat, bytes);
        Assert.Equal([1L], report.Issue(IssueCodes.Utf8Bom).FirstLines);
        Assert.Equal(new[] { IssueCodes.Utf8Bom }, report.Codes());
        Assert.Equal(2, report.Tokens.PerExample.Count);
    }

    [Fact]
    public void Validate_InvalidUtf8_ReportsLineAndByte()
    {
        var bad = Encoding.UTF8.GetBytes("""{"messages": "x""").Concat(new byte[] { 0xC3, 0x28 }).Concat("\"}"u8.ToArray());
        var bytes = Encoding.UTF8.GetBytes(Good + "\n").Concat(bad).Concat("\n"u8.ToArray()).ToArray();
        var issue = RunBytes(ValidationFormat.OpenAiChat, bytes).Issue(IssueCodes.InvalidUtf8);
        Assert.Equal([2L], issue.FirstLines);
        Assert.Equal("at byte 15", issue.FirstDetail);
    }

    [Fact]
    public void Validate_CrlfLineEndsAndNoFinalNewline_AreFine()
    {
        var report = RunBytes(ValidationFormat.OpenAiChat, Encoding.UTF8.GetBytes(Good + "\r\n" + Good.Replace("\"q\"", "\"r\"") + "\r\n" + Good.Replace("\"q\"", "\"t\"")));
        Assert.True(report.Ok);
        Assert.Empty(report.Issues);
        Assert.Equal(3, report.Lines);
        Assert.Equal(3, report.Examples);
    }

    [Fact]
    public void Validate_BlankLineInTheMiddle_IsAWarning()
    {
        var report = Run(ValidationFormat.OpenAiChat, Good, "", Good);
        Assert.True(report.Ok);
        Assert.Equal([2L], report.Issue(IssueCodes.BlankLine).FirstLines);
        Assert.Equal(2, report.Examples);
    }

    [Fact]
    public void Validate_NulByteInLine_IsInvalidJson()
    {
        var report = Run(ValidationFormat.OpenAiChat, Good, "{\"messages\": \0}");
        Assert.Equal([2L], report.Issue(IssueCodes.InvalidJson).FirstLines);
    }

    [Fact]
    public void Validate_LineLongerThanTheBuffer_IsReadWhole()
    {
        var big = new string('x', 300_000);
        var line = $$"""{"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "{{big}}"}, {"role": "assistant", "content": "a"}]}""";
        var report = Run(ValidationFormat.OpenAiChat, Good, line, Good);
        Assert.True(report.Ok, string.Join(", ", report.Codes()));
        Assert.Equal(3, report.Examples);
        Assert.True(report.Tokens.PerExample.Max > 10_000);
    }

    [Fact]
    public void Validate_StreamFailsMidway_ThrowsTheIOExceptionItself()
    {
        using var stream = new FailingStream(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Good + "\n", 5000))));
        var e = Assert.Throws<IOException>(() =>
            DatasetValidator.Validate(stream, "x.jsonl", new ValidationOptions()));
        Assert.Equal("disk gone", e.Message);
    }

    /// <summary>Serves the first 100 KB of its bytes, then fails as a broken disk would.</summary>
    private sealed class FailingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position > 100_000 ? throw new IOException("disk gone") : base.Read(buffer, offset, Math.Min(count, 4096));
    }

    [Fact]
    public void ValidateFile_MissingFile_IsAUsageError()
    {
        var e = Assert.Throws<WinnowException>(() =>
            DatasetValidator.ValidateFile("/nonexistent/x.jsonl", new ValidationOptions()));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("/nonexistent/x.jsonl", e.Message);
    }
}
