using Winnow.Curation.Enrich;

namespace Winnow.Curation.Tests.Enrich;

public sealed class ClassTfIdfTests
{
    private static readonly IReadOnlySet<string> NoStopWords = new HashSet<string>();

    [Fact]
    public void Fit_Weights_AreBertopicsFormula()
    {
        // Cluster 0: "card card arrive" (3 words); cluster 1: "card rate" (2 words). A = floor(2.5) = 2.
        var model = ClassTfIdf.Fit([(0, "card card"), (0, "arrive"), (1, "card rate")], 2, NoStopWords);
        Assert.Equal(2.0 / 3 * Math.Log(1 + 2.0 / 3), model.Weight(0, "card"), 12);
        Assert.Equal(1.0 / 3 * Math.Log(1 + 2.0 / 1), model.Weight(0, "arrive"), 12);
        Assert.Equal(1.0 / 2 * Math.Log(1 + 2.0 / 1), model.Weight(1, "rate"), 12);
        Assert.Equal(0, model.Weight(1, "arrive"));
        Assert.Equal([2, 1], model.Sizes);
    }

    [Fact]
    public void TopWords_FavoursWordsDistinctiveOfTheCluster()
    {
        var docs = new List<(int, string)>();
        for (var i = 0; i < 20; i++)
        {
            docs.Add((0, "my card has not arrived, when will the card arrive"));
            docs.Add((1, "why was my card declined, the card payment was declined"));
            docs.Add((2, "the card exchange rate was wrong"));
        }
        var model = ClassTfIdf.Fit(docs, 3, TopicStopWords.Default);
        Assert.Equal(["arrive", "arrived"], model.TopWords(0, 2).Order());
        Assert.Equal("declined", model.TopWords(1, 1)[0]);
        Assert.DoesNotContain("card", model.TopWords(2, 3)); // in every cluster: no information
    }

    [Fact]
    public void Fit_DropsStopWordsShortWordsAndNumbers()
    {
        var model = ClassTfIdf.Fit([(0, "The I a 42 £ card")], 1, TopicStopWords.Default);
        Assert.Equal(["card"], model.TopWords(0, 10));
    }

    [Fact]
    public void Assign_PicksTheClusterItsWordsWeighMostIn_OrMinusOne()
    {
        var model = ClassTfIdf.Fit([(0, "card arrive delivery"), (1, "exchange rate wrong"), (1, "rate")], 2, NoStopWords);
        Assert.Equal(0, model.Assign("Has my delivery arrived? arrive soon", NoStopWords));
        Assert.Equal(1, model.Assign("the exchange rate", NoStopWords));
        Assert.Equal(-1, model.Assign("nothing known here", NoStopWords));
    }
}
