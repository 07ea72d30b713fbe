using Winnow.Tuning.Methods;
using Winnow.Tuning.Methods.Full;
using Winnow.Tuning.Methods.Head;
using Winnow.Tuning.Methods.Lora;
using Winnow.Tuning.Tasks;

namespace Winnow.Tuning.Tests.Methods.Lora;

public sealed class TargetModulesTests
{
    [Theory]
    [InlineData("query", true)]
    [InlineData("bert.encoder.layer.0.attention.self.query", true)]
    [InlineData("bert.encoder.layer.0.attention.self.key", false)]
    [InlineData("bert.encoder.layer.0.attention.self.myquery", false)]
    [InlineData("query.sub", false)]
    public void Matches_NameList_ExactNameOrDotSuffix(string path, bool expected) =>
        Assert.Equal(expected, TargetModules.Of("query", "value").Matches(path));

    [Theory]
    [InlineData("bert.encoder.layer.0.attention.self.query", true)]
    [InlineData("bert.encoder.layer.5.attention.self.value", true)]
    [InlineData("bert.encoder.layer.6.attention.self.value", false)]
    [InlineData("xbert.encoder.layer.0.attention.self.query", false)]
    public void Matches_Pattern_RequiresFullMatch(string path, bool expected) =>
        Assert.Equal(expected, TargetModules.Regex(@"bert\.encoder\.layer\.[0-5]\.attention\.self\.(query|value)").Matches(path));

    [Fact]
    public void Matches_PatternPrefixOnly_DoesNotMatch() =>
        Assert.False(TargetModules.Regex("bert").Matches("bert.encoder.layer.0.attention.self.query"));
}
