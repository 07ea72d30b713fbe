using Winnow.Compare.Data;
using Winnow.Compare.Recipe;
using Winnow.Core;

namespace Winnow.Compare.Tests.Data;

public sealed class VariantDataTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static List<LabeledRow> Rows(int classes, int perClass) =>
        [.. Enumerable.Range(0, classes).SelectMany(c => Enumerable.Range(0, perClass).Select(i => new LabeledRow($"{c}-{i}", $"t {c} {i}", $"c{c}")))];

    [Fact]
    public void Stratified_TakesTheShareOfEveryClass_AtLeastOne_SameForTheSameSeed()
    {
        var rows = Rows(3, 10).Concat([new LabeledRow("rare", "rare", "rare")]).ToList();

        var a = VariantData.Stratified(rows, 0.25, seed: 5, keepOneBehind: false);
        var b = VariantData.Stratified(rows, 0.25, seed: 5, keepOneBehind: false);
        var c = VariantData.Stratified(rows, 0.25, seed: 6, keepOneBehind: false);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(3 * 3 + 1, a.Count); // round(2.5) = 3 per class, and the single rare record
        Assert.Equal(a.Order(), a);
        Assert.Contains(rows.Count - 1, a);
    }

    [Fact]
    public void Stratified_KeepOneBehind_NeverTakesAClassWhole()
    {
        var rows = Rows(2, 2).Concat([new LabeledRow("only", "only", "solo")]).ToList();

        var held = VariantData.Stratified(rows, 0.5, seed: 1, keepOneBehind: true);

        Assert.Equal(2, held.Count);
        Assert.DoesNotContain(rows.Count - 1, held);
    }

    [Fact]
    public void Stratified_CopiesOfOneText_StayOnOneSide()
    {
        // Each of 10 texts per class three times (as balance's oversampling writes copies).
        var rows = Rows(2, 10).SelectMany(r => new[] { r, r with { Id = r.Id + "a" }, r with { Id = r.Id + "b" } }).ToList();

        var held = VariantData.Stratified(rows, 0.2, seed: 9, keepOneBehind: true).ToHashSet();

        Assert.Equal(2 * 2 * 3, held.Count);
        Assert.All(rows.GroupBy(r => r.Text), g => Assert.Single(g.Select(r => held.Contains(rows.IndexOf(r))).Distinct()));
    }

    [Fact]
    public void Prepare_NoValidationFile_HoldsOutAStratifiedShare_WithoutOverlap()
    {
        var recipe = _files.Recipe("validation_fraction: 0.2\n");

        var v = VariantData.Prepare(recipe.Main, recipe, Path.Combine(_files.Dir, "out"));

        Assert.True(v.HeldOut);
        Assert.Equal(12, v.ValidationCount); // 20% of 20 in each of 3 classes
        Assert.Equal(48, v.TrainCount);
        var train = VariantData.Read(v.Train, null, "text", "label").Select(r => r.Id).ToHashSet();
        var validation = VariantData.Read(v.Validation, null, "text", "label").Select(r => r.Id).ToList();
        Assert.DoesNotContain(validation, train.Contains);
    }

    [Fact]
    public void Prepare_FolderWithValidationJsonl_UsesIt_AndReadsCsvFieldsAsMapped()
    {
        _files.Labelled("run/train.jsonl", 2, 6);
        _files.Labelled("run/validation.jsonl", 2, 2, "val");
        var recipe = _files.Recipe();

        var v = VariantData.Prepare(new DatasetOptions { Name = "run", Path = Path.Combine(_files.Dir, "run") }, recipe, Path.Combine(_files.Dir, "out"));
        var csv = _files.Write("raw.csv", "text,category\nhello there,greet\n\"bye, now\",leave\n");
        var raw = VariantData.Prepare(new DatasetOptions { Name = "csv", Path = csv, LabelField = "category", Validation = csv }, recipe, Path.Combine(_files.Dir, "out"));

        Assert.False(v.HeldOut);
        Assert.Equal((12, 4), (v.TrainCount, v.ValidationCount));
        Assert.Equal(["greet", "leave"], VariantData.Read(raw.Train, null, "text", "label").Select(r => r.Label));
        Assert.Equal("bye, now", VariantData.Read(raw.Train, null, "text", "label")[1].Text);
    }

    [Fact]
    public void Fraction_WritesAStratifiedSubsetPerSeed_AndTheWholeFileAtOne()
    {
        var recipe = _files.Recipe();
        var v = VariantData.Prepare(recipe.Main, recipe, Path.Combine(_files.Dir, "out"));

        var (path, count) = VariantData.Fraction(v, 0.5, seed: 3);
        var whole = VariantData.Fraction(v, 1.0, seed: 3);

        Assert.Equal(v.Train, whole.Path);
        Assert.Equal(VariantData.Read(path, null, "text", "label").Count, count);
        Assert.Equal(3, VariantData.Read(path, null, "text", "label").Select(r => r.Label).Distinct().Count());
        Assert.InRange(count, v.TrainCount / 2 - 3, v.TrainCount / 2 + 3);
    }

    [Fact]
    public void Read_RecordWithoutLabel_NamesFileLineAndField()
    {
        var path = _files.Write("bad.jsonl", "{\"text\":\"a\",\"label\":\"x\"}\n{\"text\":\"b\"}\n");

        var ex = Assert.Throws<InputException>(() => VariantData.Read(path, null, "text", "label"));

        Assert.Equal(2, ex.Line);
        Assert.Equal("label", ex.Field);
        Assert.Contains("bad.jsonl", ex.Message);
    }
}
