using System.Text.Json;
using Winnow.Core.Recipes;

namespace Winnow.Core.Running;

/// <summary>
/// One policy for output folders (<c>winnow run</c>; <c>winnow train</c> follows the same words). A folder is
/// used when it is missing or empty, when it holds a finished run of the same recipe (by name; whose files are removed
/// first, so none of them is left beside the new ones), or with <c>--resume</c> when it holds an unfinished one.
/// It is refused, with why and what to do (<c>--resume</c>, <c>--force</c>, another folder), when it holds an
/// unfinished run (without <c>--resume</c>), a finished run of another recipe, or files of something else.
/// <c>--force</c> clears it first.
/// </summary>
public static class OutputFolder
{
    public static void Prepare(string outDir, Recipe recipe, bool resume, bool force)
    {
        outDir = Path.GetFullPath(outDir);
        if (!Directory.Exists(outDir) || !Directory.EnumerateFileSystemEntries(outDir).Any()) return;
        var what = $"the output folder {outDir}";
        if (force)
        {
            if (resume) throw new WinnowException("--force and --resume contradict each other: --force starts over, --resume continues", 2);
            Clear(outDir);
            return;
        }
        var unfinished = File.Exists(Path.Combine(outDir, ".winnow", "state.json"));
        if (resume) return; // the runner checks the checkpoint against the recipe, seed and inputs
        if (unfinished)
            throw new WinnowException($"{what} holds an unfinished run; continue it with: winnow run {recipe.File} --output {outDir} --resume; or start over with --force, or use another folder", 2);
        var manifest = Path.Combine(outDir, "manifest.json");
        if (!File.Exists(manifest))
        {
            // A run that failed before its first checkpoint leaves only an empty .winnow/ (or nothing).
            var others = Directory.EnumerateFileSystemEntries(outDir).Select(Path.GetFileName).Where(n => n != ".winnow").Take(3).ToList();
            if (others.Count == 0) return;
            throw new WinnowException($"{what} holds other files ({string.Join(", ", others)}…), not a winnow run; use another folder, or --force to clear it", 2);
        }
        var old = Read(manifest);
        // The same recipe, edited or not (by name: the default folder is out/<name>), is a run done again.
        if (old is null || old.Recipe.Name != recipe.Name)
            throw new WinnowException(
                $"{what} holds a finished run of {(old is null ? "another recipe" : $"recipe '{old.Recipe.Name}', not '{recipe.Name}'")}; " +
                "use another folder, or --force to replace it", 2);
        // The same recipe again: remove what the last run wrote, so that nothing of it stays beside the new files.
        foreach (var f in old.Outputs.Concat(old.Rejects).Select(f => f.Path).Concat(["manifest.json", "README.md", "report.html", "run.json", TextSteps.FileName]))
        {
            var full = Path.GetFullPath(Path.Combine(outDir, f));
            if (full.StartsWith(outDir + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full)) File.Delete(full);
        }
    }

    private static Manifest? Read(string path)
    {
        try { return JsonSerializer.Deserialize<Manifest>(File.ReadAllBytes(path), Manifest.Json); }
        catch (JsonException) { return null; }
    }

    private static void Clear(string dir)
    {
        foreach (var d in Directory.EnumerateDirectories(dir)) Directory.Delete(d, recursive: true);
        foreach (var f in Directory.EnumerateFiles(dir)) File.Delete(f);
    }
}

/// <summary>What an interrupted run's checkpoint says, for the message that tells how to continue it.</summary>
public static class RunCheckpoint
{
    /// <summary>(phase, records finished in it) of the folder's checkpoint, or null without one.</summary>
    public static (int Phase, long Records)? Read(string outDir) =>
        RunState.Load(Path.Combine(Path.GetFullPath(outDir), ".winnow", "state.json")) is { } s ? (s.Phase, s.Consumed) : null;

    /// <summary>After a failed run: removes a work folder that holds no checkpoint (nothing to resume), and the output folder when that leaves it empty.</summary>
    public static void CleanUpFailed(string outDir, bool createdByThisRun)
    {
        outDir = Path.GetFullPath(outDir);
        var work = Path.Combine(outDir, ".winnow");
        try
        {
            if (Directory.Exists(work) && !File.Exists(Path.Combine(work, "state.json"))) Directory.Delete(work, recursive: true);
            if (createdByThisRun && Directory.Exists(outDir) && !Directory.EnumerateFileSystemEntries(outDir).Any()) Directory.Delete(outDir);
        }
        catch (IOException) { /* best effort: the error the user needs is the run's */ }
    }
}
