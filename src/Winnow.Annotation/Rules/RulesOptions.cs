using System.ComponentModel.DataAnnotations;

namespace Winnow.Annotation.Rules;

/// <summary>Options of <c>annotate.rules</c>.</summary>
public sealed record RulesOptions
{
    /// <summary>A rules file (YAML: <c>functions</c> and <c>spans</c>), relative to the recipe's folder. Default: none.</summary>
    public string? File { get; init; }

    /// <summary>Labeling functions written inline (added after the file's). Default: none.</summary>
    public IReadOnlyList<LabelingFunctionSpec> Functions { get; init; } = [];

    /// <summary>Span rules written inline (added after the file's). Default: none.</summary>
    public IReadOnlyList<SpanRuleSpec> Spans { get; init; } = [];

    /// <summary><c>label_model</c> (default; Snorkel's default over majority vote when functions differ in accuracy) or <c>majority</c>.</summary>
    [AllowedValues("label_model", "majority")] public string Combine { get; init; } = "label_model";

    /// <summary>
    /// The decided label is written only when its confidence reaches this; below, the record is left for people
    /// (<c>meta.label_source: null</c> is not written) and only <c>meta.rule_label</c>/<c>meta.rule_confidence</c> say
    /// what the rules thought. Default 0 (take every decision).
    /// </summary>
    [Range(0.0, 1.0)] public double MinConfidence { get; init; }

    /// <summary>Also relabel records that already have a label (default false: only unlabelled records get one).</summary>
    public bool Overwrite { get; init; }

    internal IEnumerable<(string Key, string Problem)> Validate()
    {
        if (File is null && Functions.Count == 0 && Spans.Count == 0)
            yield return ("file", "annotate.rules needs a rules file or inline functions/spans");
    }
}
