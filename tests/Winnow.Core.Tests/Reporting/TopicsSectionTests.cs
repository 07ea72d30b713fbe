using System.Text;
using Winnow.Core.Records;
using Winnow.Core.Reporting;

namespace Winnow.Core.Tests.Reporting;

public sealed class TopicsSectionTests
{
    private static Record Tagged(int topic, string? words) => new()
    {
        Id = "r", Text = "x",
        Meta = words is null ? Meta.Empty.Set("topic", topic) : Meta.Empty.Set("topic", topic).Set("topic_words", words),
    };

    [Fact]
    public void AddOutput_CountsRecordsPerTopic()
    {
        var profile = new RunProfile();
        profile.AddOutput(Tagged(0, "card_arrive"));
        profile.AddOutput(Tagged(0, "card_arrive"));
        profile.AddOutput(Tagged(1, "exchange_rate"));
        profile.AddOutput(Tagged(-1, null));
        profile.AddOutput(new Record { Id = "u", Text = "no topic" });
        Assert.Equal(new Dictionary<string, long> { ["-1"] = 1, ["0_card_arrive"] = 2, ["1_exchange_rate"] = 1 }, profile.Topics);
    }

    [Fact]
    public void Append_TableOfTopicsLargestFirst_NothingWithoutTopics()
    {
        var profile = new RunProfile();
        var empty = new StringBuilder();
        TopicsSection.Append(empty, profile);
        Assert.Equal("", empty.ToString());

        profile.AddOutput(Tagged(1, "exchange_rate"));
        profile.AddOutput(Tagged(0, "card_arrive"));
        profile.AddOutput(Tagged(0, "card_arrive"));
        profile.AddOutput(Tagged(0, "card_arrive"));
        var html = new StringBuilder();
        TopicsSection.Append(html, profile);
        var text = html.ToString();
        Assert.Contains("<td class=n>0</td><td>card arrive</td><td class=n>3</td><td class=n>75.0%</td>", text);
        Assert.True(text.IndexOf("card arrive", StringComparison.Ordinal) < text.IndexOf("exchange rate", StringComparison.Ordinal));
    }
}
