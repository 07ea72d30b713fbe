using Winnow.Augmentation.WordNet;

namespace Winnow.Augmentation.Tests.WordNet;

/// <summary>The real WordNet 3.0 from Debian's wordnet-base (scripts/setup.sh installs it), loaded once for all tests.</summary>
public static class WordNetFixture
{
    public static WordNetDatabase Db => WordNetDatabase.Open(WordNetDatabase.DefaultPath);
}
