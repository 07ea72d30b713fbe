using System.Diagnostics;
using Winnow.Core;

namespace Winnow.Augmentation.Translation;

/// <summary>The Apertium translation directions installed on this machine (<c>apertium -l</c>).</summary>
public static class ApertiumPairs
{
    /// <summary>Installed directions (<c>eng-spa</c>, <c>spa-eng</c>, …); empty when Apertium is not installed.</summary>
    public static IReadOnlyList<string> Installed(string executable = "apertium")
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(executable, "-l") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return [];
        }
    }

    /// <summary>The reverse direction of a pair (<c>eng-spa</c> → <c>spa-eng</c>).</summary>
    public static string Reverse(string pair)
    {
        var parts = pair.Split('-');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            throw new WinnowException($"'{pair}' is not an Apertium pair (like eng-spa)", 2);
        return $"{parts[1]}-{parts[0]}";
    }

    /// <summary>What stops a round trip through <paramref name="pair"/> and back, or null when both directions are installed.</summary>
    public static string? Problem(string pair, string executable = "apertium")
    {
        var installed = Installed(executable);
        if (installed.Count == 0) return $"Apertium is not installed (apt-get install apertium apertium-{pair})";
        string reverse;
        try { reverse = Reverse(pair); } catch (WinnowException e) { return e.Message; }
        foreach (var direction in new[] { pair, reverse })
            if (!installed.Contains(direction))
                return $"the Apertium direction {direction} is not installed (installed: {string.Join(", ", installed)}; apt-get install apertium-{pair})";
        return null;
    }
}
