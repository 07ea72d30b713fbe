using Winnow.Core.Steps;

namespace Winnow.Core.Running;

/// <summary>
/// A run's steps cut into phases at each step that needs the whole dataset. Phase 0 reads the inputs; phase
/// k &gt; 0 starts with its dataset step (<see cref="Head"/>) reading phase k−1's spill. In a sharded run a phase is
/// a stage: every shard runs it over its own part.
/// </summary>
internal sealed record Phase(PhaseStep? Head, IReadOnlyList<PhaseStep> Steps)
{
    public bool Owns(int stepIndex) => Head?.StepIndex == stepIndex || Steps.Any(s => s.StepIndex == stepIndex);

    public string Describe()
    {
        var names = (Head is null ? Steps : Steps.Prepend(Head)).Select(s => s.Step.Name).ToList();
        return names.Count == 0 ? "read and write" : string.Join(" → ", names);
    }
}

internal static class PhasePlan
{
    /// <param name="sharded">In a sharded run a sequential step (state across all records, e.g. exact dedup) needs the
    /// whole dataset too, so it also starts a phase: it runs in stages like a dataset step.</param>
    public static List<Phase> Build(IReadOnlyList<IStep> steps, IReadOnlyList<string> rejectKeys, bool sharded = false)
    {
        var phases = new List<Phase>();
        PhaseStep? head = null;
        var current = new List<PhaseStep>();
        for (var i = 0; i < steps.Count; i++)
        {
            var ps = new PhaseStep(i, steps[i], rejectKeys[i], steps.Skip(i).OfType<IRedactor>().FirstOrDefault());
            if (steps[i] is IDatasetStep || (sharded && steps[i] is ISequentialStep))
            {
                phases.Add(new Phase(head, current));
                (head, current) = (ps, []);
            }
            else current.Add(ps);
        }
        phases.Add(new Phase(head, current));
        return phases;
    }
}
