using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Embeddings.Tests.Steps;

/// <summary>A list as a re-readable source, for planning a whole-dataset step in a test.</summary>
internal sealed class ListSource(IReadOnlyList<Record> records) : IRecordSource
{
    public long? Count => records.Count;
    public IEnumerable<Record> Read(CancellationToken cancellationToken = default) => records;
}
