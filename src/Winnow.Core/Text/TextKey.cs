namespace Winnow.Core.Text;

/// <summary>The key under which two texts count as the same variant: case and runs of white space do not matter.</summary>
public static class TextKey
{
    /// <summary>Lower-cased (invariant culture), words joined by single spaces.</summary>
    public static string Folded(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
