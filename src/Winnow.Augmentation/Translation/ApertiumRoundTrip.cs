using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Winnow.Core;

namespace Winnow.Augmentation.Translation;

/// <summary>
/// Translates lines there and back through Apertium: one <c>apertium -u -f line &lt;pair&gt;</c> process for the way
/// out and one for the way back, fed every line of a batch, the first one's output piped into the second as it comes
/// (so both run at once). <c>-f line</c> translates each line on its own; <c>-u</c> leaves unknown words unmarked.
/// A text's own line breaks become spaces (one line is one text). Thread-safe: each call starts its own processes.
/// </summary>
public sealed partial class ApertiumRoundTrip(string pair = "eng-spa", string executable = "apertium")
{
    public string Pair { get; } = pair;

    public string ReversePair { get; } = ApertiumPairs.Reverse(pair);

    /// <summary>Each line translated to the pivot language and back, in order; and the pivot translations.</summary>
    public async Task<(string[] Back, string[] Pivot)> TranslateAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken = default)
    {
        if (lines.Count == 0) return ([], []);
        using var there = Start(Pair);
        using var back = Start(ReversePair);
        using var kill = cancellationToken.Register(() => { Kill(there); Kill(back); });
        var pivot = new string[lines.Count];
        var result = new string[lines.Count];
        var errors = new StringBuilder();
        var errThere = there.StandardError.ReadToEndAsync(CancellationToken.None);
        var errBack = back.StandardError.ReadToEndAsync(CancellationToken.None);

        var feed = Task.Run(async () =>
        {
            foreach (var line in lines) await there.StandardInput.WriteLineAsync(OneLine(line));
            there.StandardInput.Close();
        }, CancellationToken.None);
        var pump = Task.Run(async () =>
        {
            var i = 0;
            while (await there.StandardOutput.ReadLineAsync() is { } line)
            {
                if (i < pivot.Length) pivot[i] = Clean(line);
                i++;
                await back.StandardInput.WriteLineAsync(line);
            }
            back.StandardInput.Close();
            return i;
        }, CancellationToken.None);
        var read = Task.Run(async () =>
        {
            var i = 0;
            while (await back.StandardOutput.ReadLineAsync() is { } line)
            {
                if (i < result.Length) result[i] = Clean(line);
                i++;
            }
            return i;
        }, CancellationToken.None);

        await Task.WhenAll(feed, pump, read);
        await Task.WhenAll(there.WaitForExitAsync(CancellationToken.None), back.WaitForExitAsync(CancellationToken.None));
        cancellationToken.ThrowIfCancellationRequested();
        if (there.ExitCode != 0 || back.ExitCode != 0 || pump.Result != lines.Count || read.Result != lines.Count)
            throw new WinnowException(
                $"Apertium {Pair} round trip failed: {lines.Count} lines in, {pump.Result} out of {Pair}, {read.Result} out of {ReversePair} " +
                $"(exit {there.ExitCode}/{back.ExitCode}) {(await errThere).Trim()} {(await errBack).Trim()}".TrimEnd());
        return (result, pivot);
    }

    private Process Start(string direction)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { "-u", "-f", "line", direction }) info.ArgumentList.Add(a);
        try
        {
            return Process.Start(info) ?? throw new WinnowException($"could not start {executable}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new WinnowException($"could not start {executable} ({e.Message}): install Apertium (apt-get install apertium apertium-{Pair})", 2, e);
        }
    }

    private static void Kill(Process p)
    {
        try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    private static string OneLine(string text) => text.Contains('\n') || text.Contains('\r') ? NewLines().Replace(text, " ") : text;

    /// <summary>Apertium leaves a blank where it dropped a word (a pronoun) and may lead with one: collapse and trim.</summary>
    private static string Clean(string line) => Spaces().Replace(line, " ").Trim();

    [GeneratedRegex(@"\r\n|\r|\n")]
    private static partial Regex NewLines();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex Spaces();
}
