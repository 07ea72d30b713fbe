using Winnow.Cli.Tests.Commands.ScaleOut;
using Winnow.Core.Running;

namespace Winnow.Cli.Tests.Traps;

/// <summary>
/// Issue #15, item 2: nothing leaks that the recipe removes. Rejects of steps under <c>where</c>, an <c>export</c> tap
/// before <c>pii.redact</c>, a <c>pii.redact</c> that is itself under <c>where</c>, and malformed input: in one
/// process and in a sharded run, the raw phone numbers and emails appear in no file of the output folder.
/// </summary>
public sealed class LeaksTests : IDisposable
{
    private const string Recipe = """
        name: leaks
        seed: 1
        chunk_size: 10
        inputs:
          - path: pii.jsonl
            on_error: skip
        steps:
          - dedup.exact: {where: {label: [ham]}}
          - dedup.minhash: {threshold: 0.7, where: {label: [spam]}}
          - filter.length: {max_chars: 80}
          - export: {path: before.jsonl}
          - pii.redact: {where: {label: [ham, spam]}}
        outputs:
          - path: data.jsonl
        """;

    /// <summary>What the recipe removes: planted in duplicates, a long record, a kept record and a malformed line.</summary>
    private static readonly string[] Raw = ["+44 20 7946 0958", "claim.now@example.com", "+1 415 555 0132", "jane.roe@example.org", "+33 1 42 68 53 00"];

    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write()
    {
        var lines = new List<string>
        {
            """{"text": "Call me on +44 20 7946 0958 about the party", "label": "ham"}""",
            """{"text": "WIN a prize now, email claim.now@example.com to get your reward", "label": "spam"}""",
            """{"text": "Call me on +44 20 7946 0958 about the party", "label": "ham"}""",
            """{"text": "WIN a prize now, email claim.now@example.com to get your reward", "label": "spam"}""",
            """{"text": "call +1 415 555 0132""",
            """{"text": "This message is far too long for the length filter of this recipe; write to jane.roe@example.org today", "label": "ham"}""",
            """{"text": "Kept as it is, but redacted: ring +33 1 42 68 53 00", "label": "ham"}""",
        };
        lines.AddRange(Enumerable.Range(0, 40).Select(i => $$"""{"text": "record number {{i}} says hello to team {{i * 7}}", "label": "ham"}"""));
        _dir.WriteLines("pii.jsonl", [.. lines]);
        return _dir.Write("recipe.yaml", System.Text.Encoding.UTF8.GetBytes(Recipe));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Run_RejectsUnderWhereExportTapAndMalformedInput_HoldNoRawValue(int shards)
    {
        var recipe = Write();
        var output = Path.Combine(_dir.Path, "out");
        if (shards == 0) new Runner(ScaleOutData.Load(recipe), new RunOptions { OutputDirectory = output }).Run();
        else ScaleOutData.RunSharded(recipe, output, shards);

        string Read(string name) => File.ReadAllText(Path.Combine(output, name));
        Assert.Contains("<PHONE>", Read("rejects/dedup.exact.jsonl"));
        Assert.Contains("<EMAIL>", Read("rejects/dedup.minhash.jsonl"));
        Assert.Contains("<EMAIL>", Read("rejects/filter.length.jsonl"));
        Assert.Contains("<PHONE>", Read("rejects/input.jsonl"));
        Assert.Contains("<PHONE>", Read("before.jsonl"));
        var files = Directory.GetFiles(output, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("report.html", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var value in Raw) Assert.False(text.Contains(value, StringComparison.Ordinal), $"{Path.GetRelativePath(output, file)} holds {value}");
        }
    }
}
