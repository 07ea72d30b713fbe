using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Winnow.Core.Formats;
using Winnow.Core.Recipes;
using Winnow.Core.Records;

namespace Winnow.Core.Running;

/// <summary>
/// Ends a run: partial files become outputs (renamed into place; non-concatenable formats converted from their
/// spill), rejects move to <c>rejects/</c>, then <c>manifest.json</c> and <c>run.json</c>, then the work folder goes.
/// </summary>
internal static class Finisher
{
    public static RunResult Finish(
        Recipe recipe, long seed, string outDir, string work, SinkSet sinks,
        IReadOnlyList<RunTarget> outputs, IReadOnlyList<RunTarget> exports, RunState state,
        IReadOnlyList<InputFingerprint> fingerprints, IReadOnlyList<RecipeInputInfo> files, IReadOnlyList<string> rejectKeys, TimeSpan elapsed)
    {
        foreach (var s in state.Steps)
            if (!s.Balanced)
                throw new InvalidOperationException($"step {s.Name}: in {s.In} ≠ out {s.Out} + dropped {s.DroppedTotal} − created {s.Created}");

        var targets = outputs.Concat(exports).ToDictionary(t => t.Index);
        var manifest = new Manifest
        {
            Version = ToolVersion,
            Recipe = new ManifestRecipe { Name = recipe.Name, Sha256 = recipe.Sha256 },
            Seed = seed,
            Inputs = files.Select((f, i) => new ManifestInput
            {
                Path = f.DisplayPath,
                Sha256 = fingerprints[i].Sha256,
                Records = state.Inputs[i].Records,
                Malformed = state.Inputs[i].Malformed,
            }).ToList(),
        };
        sinks.Dispose();

        // Every output file exists, even when no record reached it (a file a script expects should be there).
        foreach (var t in targets.Values.Where(t => !t.PerSplit))
            if (!sinks.TryGet(t.FixedKey, out _)) sinks.Get(t.FixedKey, t.Header).Close();

        foreach (var sink in sinks.All)
        {
            string final;
            if (RunTarget.TryParseKey(sink.Key, out var index, out var path) && targets.TryGetValue(index, out var target))
            {
                final = Path.Combine(outDir, path);
                Directory.CreateDirectory(Path.GetDirectoryName(final)!);
                if (target.WrittenInPlace) File.Move(sink.Path, final, overwrite: true);
                else Convert(sink.Path, final, target, seed);
                manifest.Outputs.Add(new ManifestFile { Path = path, Format = target.Writer.Format, Records = sink.Records, Sha256 = Sha256(final) });
            }
            else if (sink.Key.StartsWith("rejects/", StringComparison.Ordinal))
            {
                final = Path.Combine(outDir, sink.Key);
                Directory.CreateDirectory(Path.GetDirectoryName(final)!);
                File.Move(sink.Path, final, overwrite: true);
                manifest.Rejects.Add(new ManifestFile { Path = sink.Key, Records = sink.Records, Sha256 = Sha256(final) });
            }
        }
        manifest.Outputs.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        manifest.Rejects.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var rejectFiles = manifest.Rejects.Select(r => r.Path).ToHashSet();
        manifest.Steps = state.Steps.Select((s, i) => new ManifestStep
        {
            Name = s.Name, In = s.In, Out = s.Out, Created = s.Created,
            Dropped = new SortedDictionary<string, long>(s.Dropped, StringComparer.Ordinal),
            Rejects = rejectFiles.Contains(rejectKeys[i]) ? rejectKeys[i] : null,
            Details = StepDetails.Sorted(s.Details),
        }).ToList();

        WriteAtomically(Path.Combine(outDir, "manifest.json"), manifest.ToJson());
        WriteAtomically(Path.Combine(outDir, "README.md"), System.Text.Encoding.UTF8.GetBytes(Reporting.DatasetCard.Render(manifest, state.Profile, recipe.Card, recipe.Outputs)));
        WriteAtomically(Path.Combine(outDir, "report.html"), System.Text.Encoding.UTF8.GetBytes(Reporting.ReportWriter.Render(manifest, state.Profile, outDir)));
        WriteAtomically(Path.Combine(outDir, "run.json"), JsonSerializer.SerializeToUtf8Bytes(new
        {
            finished_utc = DateTime.UtcNow.ToString("O"),
            elapsed_seconds = Math.Round(elapsed.TotalSeconds, 3),
            cores = Environment.ProcessorCount,
            records_per_second = Math.Round(manifest.Inputs.Sum(i => i.Records) / Math.Max(elapsed.TotalSeconds, 1e-9)),
            steps = state.Steps.Select(s => new { name = s.Name, seconds = Math.Round(s.Seconds, 3) }),
        }, Manifest.Json));
        Directory.Delete(work, recursive: true);
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

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, bytes);
        File.Move(tmp, path, overwrite: true);
    }

    internal static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return System.Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
