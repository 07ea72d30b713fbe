using System.Buffers.Binary;
using Winnow.Core;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Curation.Dedup;

/// <summary>
/// <c>dedup.exact</c> across shards (<see cref="IShardedStep"/>): each shard writes its records' 64-bit keys in order
/// (8 bytes per record, hashed in parallel); one task reads the shards' keys in shard order, keeps the first of each,
/// and writes a bitset of the duplicates (1 bit per record); each shard drops the records whose bit is set. The first
/// occurrence in source order across all shards stays, as in one process.
/// </summary>
internal static class ExactDedupStages
{
    private const int Batch = 4096;

    public static void Summarise(ExactDedupStep step, IRecordSource shard, Stream summary, CancellationToken ct)
    {
        var keys = new ulong[Batch];
        var bytes = new byte[Batch * sizeof(ulong)];
        foreach (var batch in shard.Read(ct).Chunk(Batch))
        {
            Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = ct }, i => keys[i] = step.Key(batch[i]));
            for (var i = 0; i < batch.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), keys[i]);
            summary.Write(bytes, 0, batch.Length * 8);
        }
    }

    public static void Plan(long capacity, int maxMemoryMb, IReadOnlyList<ShardSummary> summaries, Stream plan, CancellationToken ct)
    {
        var total = summaries.Sum(s => s.Records);
        var duplicates = new byte[(total + 7) / 8];
        var seen = new HashSet<ulong>();
        long index = 0;
        var buffer = new byte[1 << 16];
        foreach (var summary in summaries)
        {
            using var keys = new BufferedStream(File.OpenRead(summary.Path), 1 << 16);
            for (var n = 0L; n < summary.Records; n++, index++)
            {
                keys.ReadExactly(buffer, 0, 8);
                if (!seen.Add(BinaryPrimitives.ReadUInt64LittleEndian(buffer))) duplicates[index >> 3] |= (byte)(1 << (int)(index & 7));
                else if (seen.Count > capacity)
                    throw new WinnowException(
                        $"dedup.exact: more than {capacity:N0} distinct records do not fit in max_memory_mb: {maxMemoryMb}; raise it in the recipe");
            }
            ct.ThrowIfCancellationRequested();
        }
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(head, total);
        plan.Write(head);
        plan.Write(duplicates);
    }

    public static IRecordStep Apply(Stream plan)
    {
        Span<byte> head = stackalloc byte[8];
        plan.ReadExactly(head);
        var duplicates = new byte[(BinaryPrimitives.ReadInt64LittleEndian(head) + 7) / 8];
        plan.ReadExactly(duplicates);
        return new Duplicates(duplicates);
    }

    private sealed class Duplicates(byte[] bits) : IRecordStep
    {
        public string Name => "dedup.exact";

        public Outcome Apply(Record record, long index) =>
            (bits[index >> 3] & (1 << (int)(index & 7))) != 0 ? Outcome.Drop("exact_duplicate") : Outcome.Keep(record);
    }
}
