using System.Collections.Frozen;

namespace Winnow.Augmentation.Text;

/// <summary>English function words the augmenters leave alone (Snowball's list; see <c>Text/SOURCE.md</c>).</summary>
public static class StopWords
{
    public static readonly FrozenSet<string> English = Load();

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(StopWords).Assembly.GetManifestResourceStream("Winnow.Augmentation.Text.stopwords-en.txt")
            ?? throw new InvalidOperationException("embedded stop word list missing");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } w) words.Add(w);
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
