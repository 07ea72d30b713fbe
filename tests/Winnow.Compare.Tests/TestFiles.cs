using System.Text.Json;
using Winnow.Compare.Recipe;

namespace Winnow.Compare.Tests;

/// <summary>A temp folder with small labelled JSONL files and comparison recipes, deleted on dispose.</summary>
public sealed class TestFiles : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("winnow-compare-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(Dir, true); }
        catch (IOException) { /* best effort: a temp folder */ }
    }

    /// <summary><paramref name="perClass"/> records for each of <paramref name="classes"/> labels ("c0", "c1", …), as JSONL.</summary>
    public string Labelled(string name, int classes, int perClass, string prefix = "text")
    {
        var path = Path.Combine(Dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var w = new StreamWriter(path);
        for (int c = 0; c < classes; c++)
            for (int i = 0; i < perClass; i++)
                w.Write(JsonSerializer.Serialize(new { id = $"{prefix}-{c}-{i}", text = $"{prefix} {c} {i}", label = $"c{c}" }) + "\n");
        return path;
    }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A recipe over train.jsonl (3 classes × 20) and test.jsonl (3 × 5), with <paramref name="extra"/> lines appended.</summary>
    public CompareRecipe Recipe(string extra = "", string methods = "[lora, head]")
    {
        if (!File.Exists(Path.Combine(Dir, "train.jsonl"))) Labelled("train.jsonl", 3, 20);
        if (!File.Exists(Path.Combine(Dir, "test.jsonl"))) Labelled("test.jsonl", 3, 5, "test");
        var yaml = $"name: t\nmethods: {methods}\ndatasets:\n  - {{name: raw, path: train.jsonl}}\ntest: {{path: test.jsonl}}\nbudget: {{epochs: 1}}\n{extra}";
        return CompareRecipeLoader.Parse(yaml, Write("compare.yaml", yaml));
    }
}
