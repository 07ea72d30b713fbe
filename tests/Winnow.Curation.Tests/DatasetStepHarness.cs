using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Curation.Tests;

/// <summary>Plans a whole-dataset step over a list and applies the plan in order, as the runner does.</summary>
internal static class DatasetStepHarness
{
    internal sealed class ListSource(IReadOnlyList<Record> records) : IRecordSource
    {
        public long? Count => records.Count;
        public IEnumerable<Record> Read(CancellationToken cancellationToken = default) => records;
    }

    public static List<Record> Run(IDatasetStep step, IReadOnlyList<Record> records, List<string>? dropReasons = null)
    {
        var plan = step.Plan(new ListSource(records), default);
        var output = new List<Record>();
        for (var i = 0; i < records.Count; i++)
        {
            var o = plan.Apply(records[i], i);
            if (o.Kept is { } k) output.Add(k);
            else dropReasons?.Add(o.DropReason!);
            output.AddRange(o.Created);
        }
        return output;
    }
}
