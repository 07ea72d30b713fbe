using System.ComponentModel.DataAnnotations;

namespace Winnow.Annotation.Apply;

/// <summary>Options of <c>annotate.apply</c>.</summary>
public sealed record ApplyOptions
{
    /// <summary>A results file (JSONL decided labels or annotation rows), relative to the recipe. Required (until the web app's store is a source).</summary>
    public string? Results { get; init; }

    /// <summary>How annotation rows are combined: <c>majority</c> (default) or <c>dawid-skene</c>.</summary>
    [AllowedValues("majority", "dawid-skene")] public string Aggregate { get; init; } = "majority";

    /// <summary>People's label replaces a label already there (default true: people outrank rules and models).</summary>
    public bool Overwrite { get; init; } = true;

    internal IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Results is null) yield return ("results", "annotate.apply needs a results file");
    }
}
