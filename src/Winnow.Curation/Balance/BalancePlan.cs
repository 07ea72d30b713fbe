using System.Text;
using Winnow.Core.Steps;

namespace Winnow.Curation.Balance;

/// <summary>
/// What <c>balance</c> decided, by index in its input: the marked records (kept, under a cap or ratio; one copy more,
/// oversampling), the copies per class, the drop reason, and the classes before and after. Written to a file when a
/// sharded run plans it once (<see cref="Write"/>) and read back in every shard; the summaries it is planned from hold
/// each record's class and seeded priority (≈ 20 bytes per record).
/// </summary>
internal sealed record BalancePlan(
    bool Oversample, string Reason, HashSet<long> Marked, Dictionary<string, int> Copies,
    Dictionary<string, long> Before, Dictionary<string, long> After)
{
    public IRecordStep Step(string stratify) => Oversample
        ? new BalanceStep.Oversample(Copies, Marked, stratify, BalanceStep.Details(Before, After))
        : new BalanceStep.Undersample(Marked, Reason, BalanceStep.Details(Before, After));

    public static void WriteSummary(IEnumerable<(string Stratum, double Priority)> records, Stream summary)
    {
        using var w = new BinaryWriter(new BufferedStream(summary, 1 << 16), Encoding.UTF8, leaveOpen: true);
        foreach (var (stratum, priority) in records)
        {
            w.Write(stratum);
            w.Write(priority);
        }
    }

    public static IEnumerable<(string, double)> ReadSummary(string path, long records)
    {
        using var r = new BinaryReader(new BufferedStream(File.OpenRead(path), 1 << 16), Encoding.UTF8);
        for (long i = 0; i < records; i++) yield return (r.ReadString(), r.ReadDouble());
    }

    public void Write(Stream plan)
    {
        using var w = new BinaryWriter(plan, Encoding.UTF8, leaveOpen: true);
        w.Write(Oversample);
        w.Write(Reason);
        w.Write(Marked.Count);
        foreach (var i in Marked.Order()) w.Write(i);
        foreach (var table in new[] { Copies.ToDictionary(kv => kv.Key, kv => (long)kv.Value), Before, After })
        {
            w.Write(table.Count);
            foreach (var (k, v) in table.OrderBy(kv => kv.Key, StringComparer.Ordinal)) { w.Write(k); w.Write(v); }
        }
    }

    public static BalancePlan Read(Stream plan)
    {
        using var r = new BinaryReader(plan, Encoding.UTF8, leaveOpen: true);
        var oversample = r.ReadBoolean();
        var reason = r.ReadString();
        var marked = new HashSet<long>();
        for (var n = r.ReadInt32(); n > 0; n--) marked.Add(r.ReadInt64());
        Dictionary<string, long> Table()
        {
            var t = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var n = r.ReadInt32(); n > 0; n--) t[r.ReadString()] = r.ReadInt64();
            return t;
        }
        var copies = Table().ToDictionary(kv => kv.Key, kv => (int)kv.Value, StringComparer.Ordinal);
        return new BalancePlan(oversample, reason, marked, copies, Table(), Table());
    }
}
