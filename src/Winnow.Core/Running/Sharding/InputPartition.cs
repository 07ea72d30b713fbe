using Winnow.Core.Formats;
using Winnow.Core.IO.Readers;

namespace Winnow.Core.Running.Sharding;

/// <summary>One input file's part in a shard: the whole file, or the lines that start inside a byte range.</summary>
internal readonly record struct InputSlice(int Input, ByteRange? Range);

/// <summary>
/// Which part of the inputs shard I of N reads. The inputs, in recipe order, are laid end to end as one sequence of
/// bytes and cut into N equal byte ranges; a splittable file (<see cref="FormatRegistry.IsSplittable"/>) goes to every
/// shard whose range it overlaps, each reading the lines that start inside its range; any other file goes whole to
/// the shard whose range holds its first byte. Shards in order read the records in source order, each exactly once,
/// so concatenating their parts in shard order gives what one process writes.
/// </summary>
internal static class InputPartition
{
    public static List<InputSlice> For(IReadOnlyList<RecipeInputInfo> files, int shard, int shards)
    {
        var sizes = files.Select(f => new FileInfo(f.FullPath).Length).ToArray();
        var total = sizes.Sum();
        long Boundary(int k) => k >= shards ? long.MaxValue : (long)((decimal)total * k / shards);
        var (from, to) = (Boundary(shard), Boundary(shard + 1));
        var slices = new List<InputSlice>();
        long offset = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var (start, end) = (offset, offset + sizes[i]);
            offset = end;
            if (FormatRegistry.IsSplittable(files[i].FullPath, files[i].DisplayPath, files[i].Spec))
            {
                // Lines starting in [max(from, start), min(to, end)) of the file; the last shard takes what is left.
                var lo = Math.Max(from, start);
                var hi = Math.Min(to, end);
                if (lo < hi || (sizes[i] == 0 && Owns(start, from, to)))
                    slices.Add(new InputSlice(i, new ByteRange(lo - start, to == long.MaxValue ? long.MaxValue : hi - start)));
            }
            else if (Owns(start, from, to)) slices.Add(new InputSlice(i, null));
        }
        return slices;
    }

    private static bool Owns(long position, long from, long to) => position >= from && position < to;
}
