using System.ComponentModel.DataAnnotations;

namespace Winnow.Annotation.Apply;

/// <summary>Options of <c>annotate.apply</c>.</summary>
public sealed record ApplyOptions
{
    /// <summary>A results file (JSONL decided labels or annotation rows), relative to the recipe. This or <see cref="Store"/>.</summary>
    public string? Results { get; init; }

    /// <summary>The labelling app's store (<c>--db</c> of <c>winnow annotate serve</c>: a SQLite file relative to the recipe, or <c>postgres://…</c>). This or <see cref="Results"/>.</summary>
    public string? Store { get; init; }

    /// <summary>The project in <see cref="Store"/> (default: the store's first project).</summary>
    public string? Project { get; init; }

    /// <summary>How annotation rows are combined: <c>majority</c> (default) or <c>dawid-skene</c>.</summary>
    [AllowedValues("majority", "dawid-skene")] public string Aggregate { get; init; } = "majority";

    /// <summary>People's label replaces a label already there (default true: people outrank rules and models).</summary>
    public bool Overwrite { get; init; } = true;

    internal IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Results is null && Store is null) yield return ("results", "annotate.apply needs a results file (results:) or the labelling app's store (store:)");
        if (Results is not null && Store is not null) yield return ("store", "give results: or store:, not both");
        if (Project is not null && Store is null) yield return ("project", "project: names a project in the store; give store: too");
    }
}
