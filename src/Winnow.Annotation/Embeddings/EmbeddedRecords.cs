using Microsoft.Extensions.AI;
using Winnow.Core;
using Winnow.Core.Embeddings;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Annotation.Embeddings;

/// <summary>
/// One read of a step's input: every record's label and content text, and (when a generator is given) its
/// embedding, in input order. Vectors take <c>dims × 4</c> bytes a record (1.5 KB for MiniLM); past
/// <c>memoryMb</c> the step stops with an error naming the option, rather than swapping.
/// </summary>
internal sealed class EmbeddedRecords
{
    public List<string?> Labels { get; } = [];
    public List<string> Texts { get; } = [];
    public List<float[]> Vectors { get; } = [];
    public int Count => Labels.Count;

    public static EmbeddedRecords Read(string step, IRecordSource input, IEmbeddingGenerator<string, Embedding<float>>? generator, int memoryMb,
        CancellationToken cancellationToken)
    {
        var data = new EmbeddedRecords();
        IEnumerable<string> Contents()
        {
            foreach (var record in input.Read(cancellationToken))
            {
                data.Labels.Add(record.Label);
                data.Texts.Add(record.ContentText);
                yield return record.ContentText;
            }
        }
        if (generator is null) { foreach (var _ in Contents()) { } return data; }
        long used = 0, budget = memoryMb * 1024L * 1024L;
        EmbeddingBatches.EmbedAll(generator, Contents(), (i, v) =>
        {
            used += v.Length * 4L;
            if (used > budget)
                throw new WinnowException($"{step}: the embeddings of more than {i:N0} records exceed memory_mb ({memoryMb}); raise memory_mb");
            data.Vectors.Add(v.ToArray());
        }, cancellationToken);
        return data;
    }

    /// <summary>The distinct labels in ordinal order, and each record's label index (−1: unlabelled).</summary>
    public (List<string> Classes, int[] Index) LabelIndex()
    {
        var classes = Labels.OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var map = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        return (classes, [.. Labels.Select(l => l is null ? -1 : map[l])]);
    }
}
