using System.Runtime.CompilerServices;
using System.Text;
using Winnow.Core.Formats;
using Winnow.Core.IO;

namespace Winnow.Tuning.Tests.TestData;

/// <summary>
/// The real banking77 CSVs bundled with the example (<c>examples/banking77/</c>, CC BY 4.0, see its SOURCE.md), read
/// with Winnow's own CSV reader, and written as record JSONL for tests.
/// </summary>
internal static class Banking77
{
    public static string Csv(string split) => Path.Combine(RepoRoot(), "examples", "banking77", split + ".csv");

    /// <summary>A fixture folder bundled next to this file (TestData/NAME, see its SOURCE.md).</summary>
    public static string Fixture(string name) => Path.Combine(RepoRoot(), "tests", "Winnow.Tuning.Tests", "TestData", name);

    /// <summary>A file of a bundled example (examples/NAME/FILE).</summary>
    public static string Example(string name, string file) => Path.Combine(RepoRoot(), "examples", name, file);

    private static string RepoRoot([CallerFilePath] string caller = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(caller)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Winnow.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    /// <summary>(text, category) rows of train or test, in file order.</summary>
    public static List<(string Text, string Label)> Read(string split)
    {
        var spec = new InputSpec { Path = Csv(split), Format = "csv", Fields = FieldMapping.Default with { Label = "category" } };
        return [.. FormatRegistry.ReadAll(spec).Select(i => i.Parse()).Select(r => (r.Text!, r.Label!))];
    }

    /// <summary>
    /// Multi-label records from real banking77 texts (every <paramref name="stride"/>th row): <c>labels</c> holds the
    /// intent's first word (<c>card</c> for card_arrival, <c>top</c> for top_up_failed, …) and <c>question</c> when the
    /// text asks one (has a '?'), so examples carry one or two labels that follow from the text.
    /// </summary>
    public static string WriteMultiLabelJsonl(string split, string path, int take, int stride)
    {
        var rows = Read(split);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        for (int i = 0, n = 0; i < rows.Count && n < take; i += stride, n++)
        {
            var labels = new List<string> { rows[i].Label.Split('_')[0] };
            if (rows[i].Text.Contains('?')) labels.Add("question");
            w.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { id = $"{split}-{i + 2}", text = rows[i].Text, labels }));
        }
        return path;
    }

    /// <summary>Writes the first <paramref name="take"/> rows (every class present when taken evenly) as record JSONL.</summary>
    public static string WriteJsonl(string split, string path, int take = int.MaxValue, int stride = 1)
    {
        var rows = Read(split);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        int n = 0;
        for (int i = 0; i < rows.Count && n < take; i += stride, n++)
        {
            var line = System.Text.Json.JsonSerializer.Serialize(new
            {
                id = $"{split}-{i + 2}",
                text = rows[i].Text,
                label = rows[i].Label,
                meta = new { },
                provenance = new { source = $"{split}.csv:{i + 2}" },
            });
            w.WriteLine(line);
        }
        return path;
    }
}
