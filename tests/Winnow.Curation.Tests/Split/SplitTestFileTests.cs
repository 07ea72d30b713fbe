using Winnow.Core;
using Winnow.Core.IO;
using Winnow.Core.Records;
using Winnow.Core.Steps;
using Winnow.Curation.Dedup.MinHash;
using Winnow.Curation.Split;
using Winnow.Curation.Tests.Quality;

namespace Winnow.Curation.Tests.Split;

public sealed class SplitTestFileTests : IDisposable
{
    private const string Banking77Test = "examples/banking77/test.csv";
    private readonly string _root = Directory.CreateTempSubdirectory("winnow-split-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static StepContext Context(string root) => new("split", 0, 1, Path.GetTempPath(), root);

    private static List<Record> Run(SplitOptions options, string root, IReadOnlyList<Record> data, List<(string Reason, string Detail)>? drops = null)
    {
        var step = new SplitStep(options, Context(root));
        var plan = step.Plan(new DatasetStepHarness.ListSource(data), default);
        var output = new List<Record>();
        for (var i = 0; i < data.Count; i++)
        {
            var o = plan.Apply(data[i], i);
            if (o.Kept is { } k) output.Add(k);
            else drops?.Add((o.DropReason!, o.DropDetail!));
            output.AddRange(o.Created);
        }
        return output;
    }

    private string WriteTest(params string[] lines)
    {
        File.WriteAllLines(Path.Combine(_root, "test.jsonl"), lines.Select((t, i) => $$"""{"id":"t{{i}}","text":"{{t}}","label":"x"}"""));
        return "test.jsonl";
    }

    private static readonly List<Record> Pipeline = Enumerable.Range(0, 200)
        .Select(i => Rec.Text($"pipeline record number {i} about topic {i % 7} and nothing else", i % 2 == 0 ? "a" : "b", $"p{i}")).ToList();

    [Fact]
    public void Plan_TestFile_TestRecordsAreTheTestSplitOnce_PipelineGoesToTrainAndValidation()
    {
        var file = WriteTest("the quick brown fox jumps over the lazy dog near the river bank today", "completely unrelated words here");
        var output = Run(new SplitOptions { TestFile = file, Validation = 0.1 }, _root, Pipeline);

        Assert.Equal(["t0", "t1"], output.Where(r => r.Meta.GetString("split") == "test").Select(r => r.Id));
        var mine = output.Where(r => r.Id.StartsWith('p')).ToList();
        Assert.Equal(Pipeline.Count, mine.Count);
        Assert.Equal(20, mine.Count(r => r.Meta.GetString("split") == "validation"), 2.0);
        Assert.Equal(180, mine.Count(r => r.Meta.GetString("split") == "train"), 2.0);
    }

    [Fact]
    public void Plan_TestFile_OverlappingRecordsDroppedWithTheTestRecordNamed()
    {
        var file = WriteTest(
            "the quick brown fox jumps over the lazy dog near the river bank today",   // 14 words: 13-grams
            "reset my debit card pin please");   // 6 words: too short for n-grams, near duplicates by shingles
        var data = Pipeline.Take(50).Concat([
            Rec.Text("Note: THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG NEAR THE RIVER! bank today, said someone.", "a", "n1"),
            Rec.Text("Reset my DEBIT card PIN -- please!", "b", "n2"),
            Rec.Text("how do i change the pin of my credit card", "b", "keep"),
        ]).ToList();
        var drops = new List<(string Reason, string Detail)>();
        var output = Run(new SplitOptions { TestFile = file, Train = 1 }, _root, data, drops);

        Assert.DoesNotContain(output, r => r.Id is "n1" or "n2");
        Assert.Contains(output, r => r.Id == "keep");
        Assert.Equal(2, drops.Count);
        Assert.All(drops, d => Assert.Equal("contaminated_by_test", d.Reason));
        Assert.StartsWith("test.jsonl: test record t0, 13-gram \"THE QUICK BROWN FOX", drops[0].Detail);
        Assert.StartsWith("test.jsonl: test record t1, jaccard 1.00", drops[1].Detail);
    }


    [Fact]
    public void Plan_TestFile_VariantsOfAnOverlappingRecordGoWithIt()
    {
        var file = WriteTest("the quick brown fox jumps over the lazy dog near the river bank today");
        var parent = Rec.Text("the quick brown fox jumps over the lazy dog near the river bank today", "a", "parent");
        var child = Rec.Text("a fast auburn fox leaps above an idle hound", "a", "child") with { Provenance = parent.Provenance.With("augment.synonyms from parent") };
        var drops = new List<(string Reason, string Detail)>();
        var output = Run(new SplitOptions { TestFile = file, Train = 1 }, _root, [.. Pipeline.Take(20), parent, child], drops);

        Assert.DoesNotContain(output, r => r.Id is "parent" or "child");
        Assert.Equal(2, drops.Count);
        Assert.Equal("test.jsonl: in the group of record parent, which overlaps test record t0", drops[1].Detail);
    }
    [Fact]
    public void Plan_TestFileWithOtherFields_ReadWithTheMapping()
    {
        File.WriteAllText(Path.Combine(_root, "t.csv"), "body,category\n\"hello there, friend\",greeting\n");
        var output = Run(new SplitOptions { TestFile = "t.csv", TestFields = new Dictionary<string, string> { ["text"] = "body", ["label"] = "category" } }, _root, Pipeline);
        var test = Assert.Single(output, r => r.Meta.GetString("split") == "test");
        Assert.Equal(("hello there, friend", "greeting"), (test.Text, test.Label));
        Assert.All(output.Where(r => r.Id.StartsWith('p')), r => Assert.Equal("train", r.Meta.GetString("split")));
    }

    [Fact]
    public void Plan_EveryRecordInTheTestSet_ClearError()
    {
        var file = WriteTest("the quick brown fox jumps over the lazy dog near the river bank today");
        var e = Assert.Throws<WinnowException>(() => Run(new SplitOptions { TestFile = file }, _root, [Rec.Text("the quick brown fox jumps over the lazy dog near the river bank today", "a")]));
        Assert.Contains("every record overlaps the test set", e.Message);
    }

    [Fact]
    public void Validate_TestShareAndTestFile_Conflict() =>
        Assert.Contains(new SplitOptions { TestFile = "t.csv", Test = 0.1, Train = 0.9 }.Validate(), p => p.Key == "test");

    [Fact]
    public void Validate_TestFileWithValidationShare_TrainTakesTheRest()
    {
        Assert.Empty(new SplitOptions { TestFile = "t.csv", Validation = 0.1 }.Validate());
        Assert.Contains(new SplitOptions { TestFile = "t.csv", Validation = 1.5 }.Validate(), p => p.Problem.Contains("at most 1"));
        Assert.Contains(new SplitOptions { TestFile = "t.csv", TestFields = new Dictionary<string, string> { ["body"] = "x" } }.Validate(), p => p.Key == "test_fields.body");
    }

    [Fact]
    public void Plan_Banking77OfficialTestFile_PlantedCopiesDropped_NothingElse_NoNearDuplicateLeft()
    {
        var test = BundledData.Read(new InputSpec { Path = BundledData.Path(Banking77Test), Fields = new FieldMapping { Label = "category" } });
        var train = BundledData.Banking77();
        // Plant 30 test texts in train: 10 verbatim, 10 re-cased and re-punctuated, 10 long ones with a word added in front.
        var planted = new List<Record>();
        for (var k = 0; k < 10; k++) planted.Add(Rec.Text(test[k * 97].Text!, test[k * 97].Label, $"planted-copy-{k}"));
        for (var k = 0; k < 10; k++) planted.Add(Rec.Text(test[k * 89 + 5].Text!.ToUpperInvariant().Replace("?", " ?!").Replace(",", " ;"), test[k * 89 + 5].Label, $"planted-case-{k}"));
        foreach (var (t, k) in test.Where(t => t.Text!.Split(' ').Length >= 20).Take(10).Select((t, k) => (t, k)))
            planted.Add(Rec.Text("Hello, " + t.Text, t.Label, $"planted-long-{k}"));
        Assert.Equal(30, planted.Count);
        var data = train.Take(4000).Concat(planted).Concat(train.Skip(4000)).ToList();

        var drops = new List<(string Reason, string Detail)>();
        var output = Run(new SplitOptions
        {
            TestFile = Banking77Test,
            TestFields = new Dictionary<string, string> { ["label"] = "category" },
            Validation = 0.1,
        }, BundledData.Root, data, drops);

        var kept = output.Where(r => r.Meta.GetString("split") != "test").ToList();
        var keptIds = kept.Select(r => r.Id).ToHashSet();
        var dropped = data.Where(r => !keptIds.Contains(r.Id)).ToList();
        Assert.Equal(test.Count, output.Count(r => r.Meta.GetString("split") == "test"));
        Assert.Equal(planted.Select(p => p.Id).Order(), dropped.Select(r => r.Id).Where(id => id.StartsWith("planted", StringComparison.Ordinal)).Order());
        Assert.All(drops, d => Assert.Equal("contaminated_by_test", d.Reason));
        // banking77's own train shares 89 records with its official test set (exact copies, re-punctuated copies,
        // and long queries sharing a 13-word passage): they go too, and each is checked below apart from the step.
        Assert.Equal(30 + 89, dropped.Count);

        // Checked apart from the step, by brute force: a dropped record shares a 13-word window (or a whole test text
        // of 8–12 words) with a test record or reaches Jaccard 0.8 on 5-word shingles with one; a kept record does neither.
        var hasher = new MinHasher(5, 1, 1, 1, 1);
        var testSets = test.Select(t => hasher.ShingleSet(t.Text!)).ToList();
        var byShingle = new Dictionary<ulong, List<int>>();
        for (var t = 0; t < testSets.Count; t++)
            foreach (var s in testSets[t]) { if (!byShingle.TryGetValue(s, out var l)) byShingle[s] = l = []; l.Add(t); }
        var passages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in test.Select(t => Words(t.Text!)))
            if (t.Length >= 13) for (var i = 0; i + 13 <= t.Length; i++) passages.Add(string.Join(' ', t[i..(i + 13)]));
            else if (t.Length >= 8) passages.Add(string.Join(' ', t));
        bool Overlaps(Record r)
        {
            var set = hasher.ShingleSet(r.Text!);
            if (set.SelectMany(s => byShingle.GetValueOrDefault(s) ?? []).Distinct().Any(t => MinHasher.Jaccard(set, testSets[t]) >= 0.8)) return true;
            var w = Words(r.Text!);
            for (var n = 8; n <= 13; n++)
                for (var i = 0; i + n <= w.Length; i++)
                    if (passages.Contains(string.Join(' ', w[i..(i + n)]))) return true;
            return false;
        }
        Assert.All(dropped, r => Assert.True(Overlaps(r), $"dropped but no overlap: {r.Text}"));
        Assert.All(kept, r => Assert.False(Overlaps(r), $"kept but overlaps the test set: {r.Text}"));
    }

    private static string[] Words(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text.ToLowerInvariant(), @"[\p{L}\p{N}]+").Select(m => m.Value).ToArray();
}
