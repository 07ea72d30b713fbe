using System.Text.Json;
using System.Text.Unicode;
using Winnow.Core.Stats;
using Winnow.Core.Text;

namespace Winnow.Core.Validation;

/// <summary>
/// <c>winnow validate</c>: reads a JSONL file as raw bytes, line by line (not through the record readers, as
/// it must see the raw shape), checks each line as a fine-tuning service would, and estimates tokens and
/// billing as the OpenAI cookbook does. Streaming: memory is one line plus counts per distinct token count.
/// </summary>
public static class DatasetValidator
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Validates the file at <paramref name="path"/>; a missing file is a usage error (exit code 2).</summary>
    public static ValidationReport ValidateFile(string path, ValidationOptions options, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(path)) throw new WinnowException($"{path}: is a folder, not a file", 2);
        if (!File.Exists(path)) throw new WinnowException($"{path}: file not found", 2);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Validate(stream, path, options, cancellationToken);
    }

    public static ValidationReport Validate(Stream stream, string displayName, ValidationOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var counter = TokenCounter.Get(options.Tokenizer);
        var checker = IExampleChecker.For(options.Format);
        var tally = new IssueTally(options.LinesPerIssue);
        var perExample = new ValueCounts();
        var assistant = new ValueCounts();
        var messages = new ValueCounts();
        long lines = 0, examples = 0, valid = 0, overLimit = 0, billed = 0;

        // Lines are read in order, checked and counted in parallel (tokenizing is the costly part), and
        // tallied in order again, so the report does not depend on the core count. A line is copied out of
        // the reader's buffer, as that is reused.
        var results = RawLineReader.Read(stream, cancellationToken)
            .Select(l => (l.Line, Bytes: l.Bytes.ToArray()))
            .AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(l => CheckOne(l.Line, l.Bytes, checker, counter, options.MaxTokens));
        var seen = new Dictionary<ulong, long>(); // each example's hash → its first line (16 bytes per example)
        foreach (var r in Unwrapped(results))
        {
            lines = r.Line;
            if (!r.Blank && r.Hash != 0 && !seen.TryAdd(r.Hash, r.Line))
                r.Issues.Add(new(IssueCodes.DuplicateExample, $"same as line {seen[r.Hash]}"));
            tally.Add(r.Line, r.Issues);
            if (r.Blank) continue;
            examples++;
            if (!r.Issues.Any(i => IssueCodes.SeverityOf(i.Code) == Severity.Error)) valid++;
            if (r.Tokens is not { } tokens) continue;
            perExample.Add(tokens);
            assistant.Add(r.AssistantTokens);
            messages.Add(r.Messages);
            billed += CookbookEstimate.BilledTokens(tokens, options.MaxTokens);
            if (tokens > options.MaxTokens) overLimit++;
        }
        if (examples == 0) tally.Add(0, [new(IssueCodes.EmptyFile, lines == 0 ? "0 bytes" : $"{lines} blank lines")]);

        var epochs = CookbookEstimate.DefaultEpochs(perExample.Count);
        return new ValidationReport
        {
            File = displayName,
            Format = ValidationFormats.Name(options.Format),
            Tokenizer = counter.Name,
            MaxTokens = options.MaxTokens,
            Lines = lines,
            Examples = examples,
            ValidExamples = valid,
            Errors = tally.ErrorLines,
            Warnings = tally.WarningLines,
            Issues = tally.Summaries(),
            Tokens = new TokenStats(perExample.Summarize(), assistant.Summarize(), messages.Summarize(), perExample.Sum, overLimit),
            Billing = new BillingEstimate(perExample.Count, billed, epochs, billed * epochs),
        };
    }

    /// <summary>The results, with an error from reading (an I/O error) thrown as itself, not as an AggregateException.</summary>
    private static IEnumerable<LineResult> Unwrapped(ParallelQuery<LineResult> results)
    {
        using var e = results.GetEnumerator();
        while (true)
        {
            try
            {
                if (!e.MoveNext()) yield break;
            }
            catch (AggregateException x)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(x.Flatten().InnerExceptions[0]);
                throw;
            }
            yield return e.Current;
        }
    }

    /// <summary>What one line holds: its issues and, when its shape could be counted, its token estimates.</summary>
    private sealed record LineResult(long Line, bool Blank, List<Issue> Issues, int? Tokens, int AssistantTokens, int Messages)
    {
        /// <summary>XxHash3 of the line's bytes, trimmed (0: not computed).</summary>
        public ulong Hash { get; init; }
    }

    private static LineResult CheckOne(long line, byte[] raw, IExampleChecker checker, TokenCounter counter, int maxTokens)
    {
        var issues = new List<Issue>();
        ReadOnlySpan<byte> bytes = raw;
        if (line == 1 && bytes.StartsWith(Bom))
        {
            issues.Add(new(IssueCodes.Utf8Bom));
            bytes = bytes[Bom.Length..];
        }
        if (bytes.Trim(" \t"u8).IsEmpty)
        {
            if (issues.Count == 0) issues.Add(new(IssueCodes.BlankLine));
            return new LineResult(line, true, issues, null, 0, 0);
        }
        var hash = System.IO.Hashing.XxHash3.HashToUInt64(bytes.Trim(" \t\r"u8)) | 1;
        var turns = CheckLine(bytes, checker, issues);
        if (turns is null) return new LineResult(line, false, issues, null, 0, 0) { Hash = hash };
        var tokens = CookbookEstimate.ExampleTokens(turns, counter.Count);
        if (tokens > maxTokens) issues.Add(new(IssueCodes.TooManyTokens, $"{tokens} tokens > {maxTokens}"));
        return new LineResult(line, false, issues, tokens, CookbookEstimate.AssistantTokens(turns, counter.Count), turns.Count) { Hash = hash };
    }

    private static IReadOnlyList<Turn>? CheckLine(ReadOnlySpan<byte> bytes, IExampleChecker checker, List<Issue> issues)
    {
        if (!Utf8.IsValid(bytes))
        {
            issues.Add(new(IssueCodes.InvalidUtf8, $"at byte {FirstInvalidByte(bytes)}"));
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.ToArray(), new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            issues.Add(new(IssueCodes.InvalidJson, JsonProblem(e)));
            return null;
        }
        using (document)
        {
            return checker.Check(document.RootElement, issues);
        }
    }

    /// <summary>The parser's message without its "LineNumber: 0 | BytePositionInLine: 17." tail, with the byte.</summary>
    private static string JsonProblem(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        return e.BytePositionInLine is { } b ? $"{message} (at byte {b})" : message;
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        // Shrink the prefix until it is valid: the first invalid byte follows the longest valid prefix.
        int lo = 0, hi = bytes.Length;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (Utf8.IsValid(bytes[..mid])) lo = mid; else hi = mid - 1;
        }
        return lo;
    }
}
