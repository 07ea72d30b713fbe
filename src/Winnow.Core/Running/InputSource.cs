using System.Text;
using System.Text.Json;
using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Core.Running;

/// <summary>
/// The recipe's inputs as a source a whole-dataset step can read more than once: when the first step of a recipe
/// needs the whole dataset, it plans over the input files themselves instead of a spill of them (no copy written and
/// read back). A malformed item is left out, as the phase that applies the plan leaves it out (to rejects, or with an
/// error under <c>on_error: fail</c>), so indices agree. Items are parsed in parallel batches, in order.
/// </summary>
internal sealed class InputSource(IReadOnlyList<RecipeInputInfo> files) : IRecordSource
{
    private const int Batch = 2048;

    public long? Count => null;

    public IEnumerable<Record> Read(CancellationToken cancellationToken = default) =>
        ReadWhere(_ => true, cancellationToken).Select(x => x.Record);

    public IEnumerable<(long Index, Record Record)> ReadWhere(Func<long, bool> wanted, CancellationToken cancellationToken = default)
    {
        var batch = new List<(int Input, SourceItem Item)>(Batch);
        var parsed = new Record?[Batch];
        long index = 0;
        for (var f = 0; f < files.Count; f++)
            foreach (var item in FormatRegistry.CreateReader(files[f].FullPath, files[f].DisplayPath, files[f].Spec).Read(cancellationToken))
            {
                batch.Add((f, item));
                if (batch.Count < Batch) continue;
                foreach (var r in Parse(batch, parsed, cancellationToken)) if (wanted(index++)) yield return (index - 1, r);
                batch.Clear();
            }
        foreach (var r in Parse(batch, parsed, cancellationToken)) if (wanted(index++)) yield return (index - 1, r);
    }

    private IEnumerable<Record> Parse(List<(int Input, SourceItem Item)> batch, Record?[] parsed, CancellationToken ct)
    {
        var errors = new Exception?[batch.Count];
        Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            try { parsed[i] = files[batch[i].Input].Decorate(batch[i].Item.Parse()); }
            catch (Exception e) when (e is InputException or JsonException or DecoderFallbackException or FormatException)
            {
                parsed[i] = null;
                errors[i] = e;
            }
        });
        for (var i = 0; i < batch.Count; i++)
        {
            // Under on_error: fail the first malformed item stops the run, naming its file and line, as the phase would.
            if (errors[i] is { } error && files[batch[i].Input].OnError == OnError.Fail)
            {
                var at = batch[i].Item.Location;
                throw error as InputException ?? new InputException(at.File, at.Line, error.Message, inner: error);
            }
            if (parsed[i] is { } r) yield return r;   // a skipped one goes to rejects/input.jsonl when the phase applies
            parsed[i] = null;
        }
    }
}
