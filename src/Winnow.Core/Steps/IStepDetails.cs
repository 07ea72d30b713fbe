namespace Winnow.Core.Steps;

/// <summary>
/// Optional, for a whole-dataset step's plan: named tables of counts that the runner copies into the step's entry
/// of <c>manifest.json</c> (<c>"details"</c>) and the report shows, e.g. <c>balance</c>'s records per class before
/// and after (<c>{"classes_before": {"a": 120, "b": 35}, "classes_after": {"a": 60, "b": 35}}</c>). Deterministic
/// (a function of the plan's input) and small (per class, not per record).
/// </summary>
public interface IStepDetails
{
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Details { get; }
}
