using Winnow.Augmentation.Eda;
using Winnow.Core.Steps;

namespace Winnow.Augmentation.Tests.Eda;

public sealed class EdaStepTests
{
    private static Record Rec(string id, string text) => new() { Id = id, Text = text, Label = "transfer" };

    private const string Sentence = "Why did my transfer to the savings account fail after I entered the code yesterday?";

    [Fact]
    public void Apply_WithCopies_AddsUpToThatManyDistinctVariants()
    {
        var step = (IRecordStep)EdaStep.Create(new EdaOptions { Copies = 8 }, 3);
        var outcome = step.Apply(Rec("e1", Sentence), 0);
        Assert.InRange(outcome.Created.Length, 4, 8);
        Assert.Equal(outcome.Created.Length, outcome.Created.Select(r => r.Text).Distinct().Count());
        Assert.All(outcome.Created, r =>
        {
            Assert.NotEqual(Sentence, r.Text);
            Assert.Equal("augment.eda from e1", r.Provenance.Steps[^1]);
            Assert.Equal("augment.eda", r.Meta.GetString("augmented_by"));
            Assert.Equal("transfer", r.Label);
        });
    }

    [Fact]
    public void Apply_SameId_SameVariantsWhateverThePosition()
    {
        var a = ((IRecordStep)EdaStep.Create(new EdaOptions { Copies = 4 }, 3)).Apply(Rec("e2", Sentence), 0).Created.Select(r => r.Text);
        var b = ((IRecordStep)EdaStep.Create(new EdaOptions { Copies = 4 }, 3)).Apply(Rec("e2", Sentence), 99).Created.Select(r => r.Text);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Apply_OnlySwap_KeepsTheSameWords()
    {
        var options = new EdaOptions { Copies = 4, AlphaSr = 0, AlphaRi = 0, PRd = 0, AlphaRs = 0.2 };
        var created = ((IRecordStep)EdaStep.Create(options, 1)).Apply(Rec("e3", Sentence), 0).Created;
        Assert.NotEmpty(created);
        var words = Sentence.Split(' ').Order();
        Assert.All(created, r => Assert.Equal(words, r.Text!.Split(' ').Order()));
    }

    [Fact]
    public void Apply_OnlyDeletion_GivesSubsequencesOfTheWords()
    {
        var options = new EdaOptions { Copies = 4, AlphaSr = 0, AlphaRi = 0, AlphaRs = 0, PRd = 0.3 };
        var created = ((IRecordStep)EdaStep.Create(options, 1)).Apply(Rec("e4", Sentence), 0).Created;
        Assert.NotEmpty(created);
        var source = Sentence.Split(' ');
        foreach (var r in created)
        {
            var words = r.Text!.Split(' ');
            Assert.True(words.Length < source.Length);
            var j = 0;
            foreach (var w in source) if (j < words.Length && words[j] == w) j++;
            Assert.Equal(words.Length, j); // in order: a subsequence
        }
    }

    [Theory]
    [InlineData(300, 16)]
    [InlineData(500, 16)]
    [InlineData(1500, 8)]
    [InlineData(10_000, 4)]
    public void RecommendedCopies_TrainingSetSize_FollowsThePapersTable(long records, int expected) =>
        Assert.Equal(expected, EdaOptions.RecommendedCopies(records));

    [Fact]
    public void Create_WithoutCopies_PlansFromTheCount()
    {
        var step = Assert.IsAssignableFrom<IDatasetStep>(EdaStep.Create(new EdaOptions(), 1));
        var records = Enumerable.Range(0, 600).Select(i => Rec($"r{i}", Sentence)).ToList();
        var planned = step.Plan(new ListSource(records), CancellationToken.None);
        var details = Assert.IsAssignableFrom<IStepDetails>(planned).Details;
        Assert.Equal(8, details["n_aug"]["n_aug"]);
        Assert.InRange(planned.Apply(records[0], 0).Created.Length, 4, 8);
    }

    private sealed class ListSource(IReadOnlyList<Record> records) : IRecordSource
    {
        public long? Count => null; // make the plan count
        public IEnumerable<Record> Read(CancellationToken cancellationToken = default) => records;
    }
}
