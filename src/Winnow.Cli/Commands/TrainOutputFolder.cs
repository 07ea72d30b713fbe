using Winnow.Core;

namespace Winnow.Cli.Commands;

/// <summary>
/// <c>winnow train</c>'s output folder, under the same policy as <c>winnow run</c>'s (<see cref="Core.Running.OutputFolder"/>):
/// an unfinished training (a <c>checkpoint/</c> without <c>final/</c>) needs <c>--resume</c> or <c>--force</c>; a finished
/// one (<c>final/</c>) is replaced only with <c>--force</c>; <c>--force</c> clears the folder first.
/// </summary>
internal static class TrainOutputFolder
{
    public static void Prepare(string outDir, string recipePath, bool resume, bool force)
    {
        outDir = Path.GetFullPath(outDir);
        if (!Directory.Exists(outDir) || !Directory.EnumerateFileSystemEntries(outDir).Any()) return;
        if (force)
        {
            if (resume) throw new WinnowException("--force and --resume contradict each other: --force starts over, --resume continues", 2);
            foreach (var d in Directory.EnumerateDirectories(outDir)) Directory.Delete(d, recursive: true);
            foreach (var f in Directory.EnumerateFiles(outDir)) File.Delete(f);
            return;
        }
        if (resume) return;
        var finished = Directory.Exists(Path.Combine(outDir, "final"));
        var unfinished = !finished && Directory.Exists(Path.Combine(outDir, "checkpoint"));
        if (unfinished)
            throw new WinnowException($"the output folder {outDir} holds an unfinished training; continue it with: winnow train {recipePath} --resume; or start over with --force, or use another folder (--output)", 2);
        if (finished)
            throw new WinnowException($"the output folder {outDir} holds a finished training (final/); replace it with --force, or use another folder (--output)", 2);
    }
}
