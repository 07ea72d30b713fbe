using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Winnow.Core.Running;
using Winnow.Compare.Data;
using Winnow.Compare.Planning;
using Winnow.Compare.Recipe;
using Winnow.Compare.Results;
using Winnow.Core;

namespace Winnow.Compare.Running;

/// <summary>
/// Runs a comparison: prepares the data, sweeps the learning rates, trains the main runs, and returns every record for
/// the writers. Resumable by run: a run with a result file (same fingerprint) is not trained again. A variant whose data
/// cannot be read, a method the trainer cannot train, or a run that throws is recorded with its error, and the others
/// still run. Only cancellation (and an unreadable test set, which every run needs) stops the comparison.
/// </summary>
public sealed class ComparisonRunner(CompareRecipe recipe, string output, IRunTrainer trainer, TextWriter log)
{
    /// <summary>For tests: called after each run's result is stored (to cancel a comparison in the middle).</summary>
    public Action<RunRecord>? AfterRun { get; init; }

    public ComparisonResult Run(CancellationToken cancel = default)
    {
        var wall = Stopwatch.StartNew();
        Directory.CreateDirectory(output);
        var dataDir = Path.Combine(output, "data");
        var test = VariantData.PrepareTest(recipe.Test, dataDir);
        foreach (var other in recipe.Reuse.Where(o => !Directory.Exists(o)))
            log.WriteLine($"reuse: {other} does not exist (yet); its runs are trained here");
        var variants = new Dictionary<string, PreparedVariant>(StringComparer.Ordinal);
        var variantErrors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in recipe.Datasets)
        {
            try
            {
                var v = VariantData.Prepare(d, recipe, dataDir);
                variants[d.Name] = v;
                log.WriteLine($"data {d.Name}: {v.TrainCount:N0} training, {v.ValidationCount:N0} validation{(v.HeldOut ? $" (held out, {recipe.ValidationFraction:P0})" : "")}");
            }
            catch (WinnowException e)
            {
                variantErrors[d.Name] = e.Message;
                log.WriteLine($"data {d.Name}: failed: {e.Message}");
            }
        }
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        string Hash(string path) => hashes.TryGetValue(path, out var h) ? h : hashes[path] = Files.Sha256(path);

        var records = new List<RunRecord>();
        var planned = RunPlan.SweepRuns(recipe, Centre);
        var sweepRecords = new List<RunRecord>();
        int index = 0, total = planned.Count + RunPlan.MainRuns(recipe).Count;
        foreach (var run in planned)
            sweepRecords.Add(Execute(run, null, ++index, total));

        var chosen = new Dictionary<(string, string), double?>();
        foreach (var (method, variant) in RunPlan.RatePairs(recipe))
        {
            var swept = sweepRecords.Where(s => s.Method == method && s.Variant == variant).ToList();
            chosen[(method, variant)] = swept.Count == 0 ? Centre(method)
                : RunPlan.Choose(swept.Select(s => (s.Lr!.Value, s.BestValidation)), Centre(method));
        }
        foreach (var run in RunPlan.MainRuns(recipe))
        {
            var lr = chosen[(run.Method, run.Variant)];
            var sweepError = lr is null ? sweepRecords.First(s => s.Method == run.Method && s.Variant == run.Variant).Error : null;
            records.Add(Execute(run with { Lr = lr }, sweepError, ++index, total));
        }
        var checks = RunPlan.CheckRuns(recipe, planned, chosen);
        total += checks.Count;
        var checkRecords = checks.Select(run => Execute(run, null, ++index, total)).ToList();
        log.WriteLine($"comparison: {records.Count(r => r.Ok)} of {records.Count} runs succeeded in {wall.Elapsed.TotalSeconds:F0} s");
        return Aggregation.Build(recipe, trainer.Methods, variants.Values.ToList(), variantErrors, sweepRecords, records, chosen, checkRecords);

        RunRecord Execute(PlannedRun run, string? sweepError, int i, int n)
        {
            cancel.ThrowIfCancellationRequested();
            var folder = Path.Combine(output, run.Id);
            var label = $"[{i}/{n}] {run.Id}";
            RunRecord Fail(string error, string fingerprint = "")
            {
                var failed = new RunRecord
                {
                    Id = run.Id, Kind = run.Kind, Method = run.Method, Variant = run.Variant, Fraction = run.Fraction,
                    Seed = run.Seed, Lr = run.Lr, Fingerprint = fingerprint, Error = error,
                };
                RunStore.Write(folder, failed);
                log.WriteLine($"{label}: failed: {error}");
                AfterRun?.Invoke(failed);
                return failed;
            }
            if (variantErrors.TryGetValue(run.Variant, out var dataError)) return Fail($"dataset '{run.Variant}': {dataError}");
            if (!trainer.Methods.TryGetValue(run.Method, out var info) || !info.Available)
                return Fail($"method '{run.Method}' is not available in this build of winnow");
            if (run.Lr is null) return Fail($"every learning rate of the sweep failed: {sweepError}");

            var variant = variants[run.Variant];
            var (train, count) = VariantData.Fraction(variant, run.Fraction, run.Seed);
            var sweepSpeed = sweepRecords.FirstOrDefault(s => s.Ok && s.Method == run.Method && s.Variant == run.Variant && s.Lr == run.Lr)?.Outcome?.SecondsPerStep;
            var request = Request(run, folder, train, variant.Validation, test, count, sweepSpeed);
            var fingerprint = Fingerprint(request, Hash(train), Hash(variant.Validation), request.Test is null ? "" : Hash(test));
            if (RunStore.ReadFinished(folder, fingerprint) is { } done)
            {
                log.WriteLine($"{label}: done earlier (best validation {done.BestValidation:F4})");
                return done;
            }
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            if (Reused(run.Id, folder, fingerprint) is { } copied)
            {
                log.WriteLine($"{label}: copied from {copied.From} (same request and data; best validation {copied.Record.BestValidation:F4})");
                AfterRun?.Invoke(copied.Record);
                return copied.Record;
            }
            Directory.CreateDirectory(folder);
            log.WriteLine($"{label}: lr {RunPlan.Format(run.Lr.Value)}, {count:N0} examples");
            RunRecord record;
            try
            {
                var outcome = trainer.Train(request, log, cancel);
                record = new RunRecord
                {
                    Id = run.Id, Kind = run.Kind, Method = run.Method, Variant = run.Variant, Fraction = run.Fraction,
                    Seed = run.Seed, Lr = run.Lr, TrainExamples = count, Fingerprint = fingerprint, Outcome = outcome,
                };
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A method that fails (bad data for it, a native error, out of memory) fails its own row only.
                return Fail(e is WinnowException ? e.Message : $"{e.GetType().Name}: {e.Message}", fingerprint);
            }
            RunStore.Write(folder, record);
            var o = record.Outcome!;
            log.WriteLine($"{label}: best validation {record.BestValidation:F4}{(o.TestAccuracy is { } a ? $", test accuracy {a:F4}" : "")}, {o.Steps} steps in {o.WallSeconds:F1} s");
            AfterRun?.Invoke(record);
            return record;
        }
    }

    /// <summary>
    /// The run <paramref name="id"/> as finished by one of the recipe's <c>reuse</c> comparisons with this fingerprint,
    /// copied into <paramref name="folder"/> (through a temporary folder and a rename, so a kill leaves it whole or
    /// absent), with the paths it records moved to the new folder; null when none has it.
    /// </summary>
    private (RunRecord Record, string From)? Reused(string id, string folder, string fingerprint)
    {
        foreach (var other in recipe.Reuse)
        {
            var source = Path.Combine(other, id);
            if (Path.GetFullPath(source) == Path.GetFullPath(folder)) continue;
            if (RunStore.ReadFinished(source, fingerprint) is not { } found) continue;
            var tmp = folder + ".copying";
            if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
            CopyTree(source, tmp);
            // The run's training recipe names its data and output by absolute path: this comparison's copies now.
            var trainYaml = Path.Combine(tmp, "train.yaml");
            if (File.Exists(trainYaml))
                File.WriteAllText(trainYaml, File.ReadAllText(trainYaml).Replace(
                    JsonSerializer.Serialize(Path.GetFullPath(other) + Path.DirectorySeparatorChar).TrimEnd('"'),
                    JsonSerializer.Serialize(Path.GetFullPath(output) + Path.DirectorySeparatorChar).TrimEnd('"'), StringComparison.Ordinal));
            var record = found with { Outcome = found.Outcome! with { ModelFolder = Moved(found.Outcome!.ModelFolder, source, folder) } };
            RunStore.Write(tmp, record);
            Directory.Move(tmp, folder);
            return (record, other);
        }
        return null;
    }

    private static string? Moved(string? path, string from, string to) =>
        path is not null && Path.GetFullPath(path).StartsWith(Path.GetFullPath(from) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.Combine(to, Path.GetRelativePath(from, path))
            : path;

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    private double Centre(string method) =>
        recipe.Lr.TryGetValue(method, out var lr) ? lr
        : trainer.Methods.TryGetValue(method, out var info) ? info.DefaultLr
        : 1e-3;

    private RunRequest Request(PlannedRun run, string folder, string train, string validation, string test, int count, double? secondsPerStep)
    {
        var t = recipe.Training;
        bool sweep = run.Kind == RunKind.Sweep;
        // A sweep run: one epoch's schedule (or the wall-clock one) cut at the sweep's steps; the whole budget for a
        // method whose steps cost next to nothing.
        bool cut = sweep && !(trainer.Methods.TryGetValue(run.Method, out var info) && info.CheapSteps);
        var budget = cut ? recipe.Budget with { MaxSteps = Math.Min(recipe.Sweep.Steps, recipe.Budget.MaxSteps ?? int.MaxValue) } : recipe.Budget;
        return new RunRequest
        {
            Method = run.Method,
            Train = train,
            Validation = validation,
            Test = sweep ? null : test,
            Lr = run.Lr!.Value,
            HeadLr = recipe.HeadLr,
            Epochs = budget.Epochs,
            Seconds = budget.Seconds,
            MaxSteps = budget.MaxSteps,
            Seed = run.Seed,
            EvalEvery = RunPlan.EvalEvery(count, t.BatchSize, budget, sweep ? Math.Min(3, t.EvalPoints) : t.EvalPoints, secondsPerStep),
            BatchSize = t.BatchSize,
            MaxLength = t.MaxLength,
            WarmupRatio = t.WarmupRatio,
            WarmupSteps = budget.Seconds is null ? null
                : (int)Math.Ceiling(t.WarmupRatio * RunPlan.ExpectedSteps(count, t.BatchSize, budget, secondsPerStep)),
            WeightDecay = t.WeightDecay,
            Metric = t.Metric,
            Threads = t.Threads,
            Folder = folder,
            KeepModel = run.Kind == RunKind.Main,
        };
    }

    internal static string Fingerprint(RunRequest request, params string[] dataHashes)
    {
        // The folder is where the run lives, not what it is, and the data files are their bytes' hashes, not their paths:
        // a moved output folder still resumes, and another comparison's run over the same bytes is the same run (reuse).
        var json = JsonSerializer.Serialize(request with { Folder = "", Train = "", Validation = "", Test = request.Test is null ? null : "" }, RunStore.Json)
            + string.Join(",", dataHashes);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }
}
