namespace Winnow.Core.Recipes;

/// <summary>The recipe binder's "did you mean" (edit distance ≤ 2), for the command line's unknown commands and options.</summary>
public static class DidYouMean
{
    /// <summary>" (did you mean 'x'?)" or "".</summary>
    public static string Suggest(string name, IEnumerable<string> valid) => YamlBinder.Suggest(name, valid);
}
