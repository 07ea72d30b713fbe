namespace Winnow.Curation.Split;

/// <summary>Split's count tables (sizes, identical texts across splits) in a sharded plan file: written once by the
/// plan task, read back by every shard, so the manifest shows the same tables as one process.</summary>
internal static class SplitDetails
{
    public static void Write(BinaryWriter w, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> details)
    {
        w.Write(details.Count);
        foreach (var (name, table) in details.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            w.Write(name);
            w.Write(table.Count);
            foreach (var (key, count) in table.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                w.Write(key);
                w.Write(count);
            }
        }
    }

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Read(BinaryReader r)
    {
        var details = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        for (var t = r.ReadInt32(); t > 0; t--)
        {
            var name = r.ReadString();
            var table = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var n = r.ReadInt32(); n > 0; n--) table[r.ReadString()] = r.ReadInt64();
            details[name] = table;
        }
        return details;
    }
}
