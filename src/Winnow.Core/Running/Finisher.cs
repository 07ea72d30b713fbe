using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Winnow.Core.Formats;
using Winnow.Core.Recipes;
using Winnow.Core.Records;

namespace Winnow.Core.Running;

/// <summary>What the finish needs from the run: the recipe and seed, the folders, the targets, the inputs.</summary>
internal sealed record FinishContext(
    Recipe Recipe, long Seed, string OutputDirectory, string Work,
    IReadOnlyList<RunTarget> Outputs, IReadOnlyList<RunTarget> Exports,
    IReadOnlyList<InputFingerprint> Fingerprints, IReadOnlyList<RecipeInputInfo> Files, IReadOnlyList<string> RejectKeys,
    string? StatePath = null, Action<string>? Fault = null);

/// <summary>
/// Ends a run: partial files become outputs (renamed into place; non-concatenable formats converted from their
/// spill), rejects move to <c>rejects/</c>, then <c>manifest.json</c>, the card, the report and <c>run.json</c>, then the
/// work folder goes. Crash-safe: before the first move the checkpoint is marked <c>finishing</c> with every partial
/// file's records, and each move is idempotent (a partial file still there is moved or converted; one already gone
/// must be in place), so <c>--resume</c> after a kill at any point of the finish completes it with the same bytes.
/// <see cref="FinishContext.Fault"/> is called before each move and write (tests kill the finish there).
/// </summary>
internal static class Finisher
{
    public static RunResult Finish(FinishContext run, SinkSet sinks, RunState state, TimeSpan elapsed)
    {
        foreach (var s in state.Steps)
            if (!s.Balanced)
                throw new InvalidOperationException($"step {s.Name}: in {s.In} ≠ out {s.Out} + dropped {s.DroppedTotal} − created {s.Created}");

        var (recipe, outDir) = (run.Recipe, run.OutputDirectory);
        var targets = run.Outputs.Concat(run.Exports).ToDictionary(t => t.Index);
        var manifest = new Manifest
        {
            Version = ToolVersion,
            Recipe = new ManifestRecipe { Name = recipe.Name, Sha256 = recipe.Sha256 },
            Seed = run.Seed,
            Inputs = run.Files.Select((f, i) => new ManifestInput
            {
                Path = f.DisplayPath,
                Sha256 = run.Fingerprints[i].Sha256,
                Records = state.Inputs[i].Records,
                Malformed = state.Inputs[i].Malformed,
            }).ToList(),
        };
        sinks.Dispose();
        if (!state.Finishing)
        {
            // Every output file exists, even when no record reached it (a file a script expects should be there).
            foreach (var t in targets.Values.Where(t => !t.PerSplit))
                if (!sinks.TryGet(t.FixedKey, out _)) sinks.Get(t.FixedKey, t.Header).Close();
            state.Sinks = sinks.Checkpoint();
            state.Finishing = true;
            if (run.StatePath is { } statePath) state.Save(statePath);
        }

        foreach (var (key, at) in state.Sinks.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var partial = sinks.FullPath(key);
            if (RunTarget.TryParseKey(key, out var index, out var path) && targets.TryGetValue(index, out var target))
            {
                var final = Path.Combine(outDir, path);
                run.Fault?.Invoke($"output {path}");
                if (File.Exists(partial))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(final)!);
                    if (target.WrittenInPlace) File.Move(partial, final, overwrite: true);
                    else Convert(partial, final, target, run.Seed);
                }
                else Moved(final);
                manifest.Outputs.Add(new ManifestFile { Path = path, Format = target.Writer.Format, Records = at.Records, Sha256 = Sha256(sinks, key, final) });
            }
            else if (key.StartsWith("rejects/", StringComparison.Ordinal))
            {
                var final = Path.Combine(outDir, key);
                run.Fault?.Invoke($"rejects {key}");
                if (File.Exists(partial))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(final)!);
                    File.Move(partial, final, overwrite: true);
                }
                else Moved(final);
                manifest.Rejects.Add(new ManifestFile { Path = key, Records = at.Records, Sha256 = Sha256(sinks, key, final) });
            }
        }
        manifest.Outputs.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        manifest.Rejects.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var rejectFiles = manifest.Rejects.Select(r => r.Path).ToHashSet();
        manifest.Steps = state.Steps.Select((s, i) => new ManifestStep
        {
            Name = s.Name, In = s.In, Out = s.Out, Created = s.Created,
            Dropped = new SortedDictionary<string, long>(s.Dropped, StringComparer.Ordinal),
            Rejects = rejectFiles.Contains(run.RejectKeys[i]) ? run.RejectKeys[i] : null,
            Details = StepDetails.Merge(s.Details, s.Counts),
        }).ToList();

        run.Fault?.Invoke("manifest.json");
        Files.WriteAtomically(Path.Combine(outDir, "manifest.json"), manifest.ToJson());
        run.Fault?.Invoke("README.md");
        Files.WriteAtomically(Path.Combine(outDir, "README.md"), System.Text.Encoding.UTF8.GetBytes(Reporting.DatasetCard.Render(manifest, state.Profile, recipe.Card, recipe.Outputs)));
        run.Fault?.Invoke("report.html");
        Files.WriteAtomically(Path.Combine(outDir, "report.html"), System.Text.Encoding.UTF8.GetBytes(Reporting.ReportWriter.Render(manifest, state.Profile, outDir)));
        run.Fault?.Invoke(TextSteps.FileName);
        TextSteps.Write(run.Recipe, outDir); // what predict replays; one process and a sharded merge both finish here
        run.Fault?.Invoke("run.json");
        Files.WriteAtomically(Path.Combine(outDir, "run.json"), JsonSerializer.SerializeToUtf8Bytes(new
        {
            finished_utc = DateTime.UtcNow.ToString("O"),
            elapsed_seconds = Math.Round(elapsed.TotalSeconds, 3),
            cores = Environment.ProcessorCount,
            records_per_second = Math.Round(manifest.Inputs.Sum(i => i.Records) / Math.Max(elapsed.TotalSeconds, 1e-9)),
            steps = state.Steps.Select(s => new { name = s.Name, seconds = Math.Round(s.Seconds, 3) }),
            // This process's peak memory: the whole run's in one process, the merge's in a sharded one.
            peak_rss_mb = PeakRss.Bytes() >> 20,
            tasks = state.Tasks?.Select(t => new { task = t.Task, seconds = t.Seconds, peak_rss_mb = t.PeakRssBytes >> 20 }),
        }, Manifest.Json));
        run.Fault?.Invoke("work folder");
        RemoveWork(run.Work, run.StatePath);
        return new RunResult(manifest, state.Steps, elapsed, outDir);
    }

    public static string ToolVersion =>
        typeof(Finisher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static void Convert(string spill, string final, RunTarget target, long seed)
    {
        var tmp = final + ".tmp";
        using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write))
            target.Writer.WriteAll(stream, target.Spec.Shuffle ? OutputShuffle.Read(spill, seed) : new SpillSource(spill, 0).Read());
        File.Move(tmp, final, overwrite: true);
    }

    /// <summary>A partial file already gone must have been moved into place by a finish that was killed.</summary>
    private static void Moved(string final)
    {
        if (!File.Exists(final))
            throw new WinnowException($"cannot finish: {final} is neither in the work folder nor in place; run again without --resume");
    }

    /// <summary>The checkpoint goes last: a kill while deleting leaves it, and a resume finishes (idempotently) again.</summary>
    private static void RemoveWork(string work, string? statePath)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(work))
        {
            if (entry == statePath) continue;
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
        }
        Directory.Delete(work, recursive: true);
    }


    /// <summary>The hash the sink took while writing the file, else the file's, read again (a finish resumed after a kill).</summary>
    private static string Sha256(SinkSet sinks, string key, string final) =>
        sinks.TryGet(key, out var sink) && sink.Sha256 is { } hash ? hash : Files.Sha256(final);
}
