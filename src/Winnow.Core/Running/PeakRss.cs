namespace Winnow.Core.Running;

/// <summary>
/// The process's peak resident set size (VmHWM in /proc/self/status, "VmHWM:\t 2230316 kB"; from 8 digits on no space is
/// left after the tab), in bytes; 0 where there is no /proc.
/// </summary>
public static class PeakRss
{
    public static long Bytes()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path)) return 0;
        foreach (var line in File.ReadLines(path))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return Parse(line);
        return 0;
    }

    /// <summary>Bytes of a <c>VmHWM:</c> line.</summary>
    internal static long Parse(string line) =>
        long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
}
