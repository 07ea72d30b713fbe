using Winnow.Core;
using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Curation.Split;

/// <summary>
/// The existing test set of <c>split</c>: its records, read with Winnow's readers (a malformed one stops the run with
/// its file and line) and marked <c>meta.&lt;field&gt; = test</c>, and the <see cref="TestOverlap"/> index of their
/// content. Read once, when the step is built. Memory: the test records themselves plus the index.
/// </summary>
internal sealed class TestSet
{
    private TestSet(string path, List<Record> records, TestOverlap overlap) => (Path, Records, Overlap) = (path, records, overlap);

    /// <summary>The path as the recipe wrote it.</summary>
    public string Path { get; }

    public IReadOnlyList<Record> Records { get; }

    public TestOverlap Overlap { get; }

    public static TestSet Read(SplitOptions options, StepContext context)
    {
        var path = options.TestFile!;
        var spec = new InputSpec { Path = path, BaseDirectory = context.BaseDirectory, Format = options.TestFormat, Fields = Mapping(options.TestFields), HasHeader = options.TestHeader };
        var overlap = new TestOverlap(options.Decontaminate);
        var records = new List<Record>();
        foreach (var item in FormatRegistry.ReadAll(spec))
        {
            var record = item.Parse();
            records.Add(record with { Meta = record.Meta.Set(options.Field, "test") });
            overlap.Add(record.ContentText);
        }
        if (records.Count == 0) throw new WinnowException($"split: test_file '{path}' holds no records");
        return new TestSet(path, records, overlap);
    }

    /// <summary>An input's <c>fields</c> semantics: the named record fields come from those source fields, which must be present.</summary>
    private static FieldMapping Mapping(IReadOnlyDictionary<string, string>? fields)
    {
        if (fields is null || fields.Count == 0) return FieldMapping.Default;
        var mapping = FieldMapping.Default;
        foreach (var (field, source) in fields) mapping = mapping.With(field, source); // names checked at load (SplitOptions.Validate)
        return mapping with { Required = fields.Values.ToHashSet(StringComparer.Ordinal) };
    }
}
