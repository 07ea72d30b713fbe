using Winnow.Core.Recipes;
using Winnow.Core.Running;
using Winnow.Core.Steps;

namespace Winnow.Curation.Tests.Traps;

/// <summary>Issue #15, trap 5: the recipe's text steps are written by a run and replay on new texts as in training.</summary>
public sealed class TextStepsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("winnow-textsteps-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static StepRegistry Registry() => new StepRegistry().AddCore().AddCuration();

    private Recipe Recipe(string steps)
    {
        var yaml = $"inputs: [data.jsonl]\nsteps:\n{steps}\noutputs: [o.jsonl]\n";
        var path = Path.Combine(_root, "r.yaml");
        File.WriteAllText(path, yaml);
        return RecipeLoader.Parse(yaml, path, Registry());
    }

    [Fact]
    public void WriteThenLoad_ReplaysNormalizeAndRedaction()
    {
        var recipe = Recipe("""
              - normalize: {form: nfkc, lowercase: true}
              - dedup.exact: {}
              - pii.redact: {types: [phone, email], min_entropy: ~}
              - normalize: {where: {split: [train]}}
              - split: {train: 0.8, test: 0.2}
            """);
        var file = TextSteps.Write(recipe, _root)!;
        var (apply, names) = TextSteps.Load(file, Registry());
        Assert.Equal(["normalize", "pii.redact"], names);
        Assert.Equal("call <PHONE> now & win", apply("CALL 09061701461 now &amp;   win"));
        Assert.Equal("mail <EMAIL>", apply("Mail ann@example.com"));
    }

    [Fact]
    public void Write_NoTextStep_NoFile()
    {
        Assert.Null(TextSteps.Write(Recipe("  - dedup.exact: {}"), _root));
        Assert.False(File.Exists(Path.Combine(_root, TextSteps.FileName)));
    }

    [Fact]
    public void FindForData_LooksInTheRunFolderAboveASplitFile()
    {
        Directory.CreateDirectory(Path.Combine(_root, "out", "train"));
        File.WriteAllText(Path.Combine(_root, "out", TextSteps.FileName), "{}");
        Assert.Equal(Path.Combine(_root, "out", TextSteps.FileName), TextSteps.FindForData(Path.Combine(_root, "out", "train", "data.jsonl")));
    }
}
