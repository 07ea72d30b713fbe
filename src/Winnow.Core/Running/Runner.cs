using System.Diagnostics;
using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.Recipes;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Core.Running;

/// <summary>
/// Runs a recipe: sources → steps → sinks, streaming, in chunks of source records.
/// <list type="bullet">
/// <item>Phases: a step that needs the whole dataset (<see cref="IDatasetStep"/>) starts a new phase; the phase
/// before it spills its records to <c>.winnow/spill/</c>, which the step reads (as often as it needs) to plan.</item>
/// <item>Chunks: each chunk is parsed and stepped in parallel and written in order; after each chunk every
/// partial file is flushed and <c>.winnow/state.json</c> records their lengths and the counts so far.</item>
/// <item>Resume: truncate the partial files to the checkpoint, skip the finished source records (replaying
/// them through sequential steps to rebuild their state), and go on.</item>
/// <item>Finish: partial files become the outputs (renamed into place, or converted for Parquet), then
/// <c>manifest.json</c> (deterministic) and <c>run.json</c> (timings) are written.</item>
/// </list>
/// </summary>
public sealed class Runner(Recipe recipe, RunOptions options, IRunObserver? observer = null)
{
    private readonly IRunObserver _observer = observer ?? NullRunObserver.Instance;

    /// <summary>
    /// Runs the recipe from a synchronous caller (the CLI's command handlers, tests). On the thread pool, so a caller's
    /// synchronisation context (a UI, a test framework's) never waits on continuations it would have to run itself.
    /// </summary>
    public RunResult Run(CancellationToken cancellationToken = default) =>
        Task.Run(() => RunAsync(cancellationToken), cancellationToken).GetAwaiter().GetResult();

    public async Task<RunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var outDir = Path.GetFullPath(options.OutputDirectory);
        var work = Path.Combine(outDir, ".winnow");
        PrepareOutputFolder(outDir);
        var seed = options.Seed ?? recipe.Seed;

        var files = ResolveInputs(recipe);
        // Hashing and line-counting the inputs runs beside the first phase; a resume needs the hashes first.
        var scan = Task.Run(() => InputFingerprint.Compute(files.Select(f => f.FullPath).ToList()), cancellationToken);
        if (options.Resume) scan.Wait(cancellationToken);
        var instances = recipe.Steps.Select((s, i) => s.Create(new StepContext(s.Name, i, seed, work, recipe.BaseDirectory))).ToList();
        var rejectKeys = RejectKeys(instances);
        var phases = PhasePlan.Build(instances, rejectKeys);

        var state = StartOrResume(work, seed, options.Resume ? scan.Result : null, files, instances);
        var outputs = recipe.Outputs.Select((o, i) => new RunTarget(i, o)).ToList();
        var exports = instances.Select((s, i) => (s, i)).Where(t => t.s is ExportStep)
            .ToDictionary(t => t.i, t => new RunTarget(recipe.Outputs.Count + t.i, ((ExportStep)t.s).Spec));
        using var sinks = new SinkSet(work, RunTarget.HashedKeys(outputs.Concat(exports.Values)), background: true);
        // A run killed while finishing has moved some files already: the finish completes from its checkpoint.
        if (!state.Finishing && (state.Sinks.Count > 0 || state.Consumed > 0 || state.Phase > 0))
            sinks.Restore(state.Sinks, ["state.json"]);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };

        var chunksThisRun = 0;
        for (var p = state.Phase; p < phases.Count; p++)
        {
            var phase = phases[p];
            var last = p == phases.Count - 1;
            var spill = last ? null : new RunTarget(-1, new OutputSpec { Path = $"phase-{p}.jsonl", Format = "jsonl" }, "spill/");
            var source = p == 0 ? (phase.Head is null ? null : new InputSource(files)) : SpillSource(sinks, $"spill/phase-{p - 1}.jsonl");
            var steps = phase.Steps.ToList();
            if (phase.Head is { } head)
            {
                // Planning is the step's work too (MinHash buckets, embeddings): its time counts in the step's seconds.
                var planClock = Stopwatch.StartNew();
                var plan = ((IDatasetStep)head.Step).Plan(source!, cancellationToken);
                state.Steps[head.StepIndex].Seconds += planClock.Elapsed.TotalSeconds;
                if (plan is IStepDetails details) state.Steps[head.StepIndex].Details = StepDetails.Copy(details);
                steps.Insert(0, head with { Step = plan });
            }
            var processor = new ChunkProcessor(
                steps, state.Steps, state.Inputs, files,
                last ? outputs : [spill!], last ? exports : exports.Where(e => phase.Owns(e.Key)).ToDictionary(),
                sinks, parallel, state.Profile, firstPhase: p == 0, lastPhase: last) { InputRedactor = instances.OfType<IRedactor>().FirstOrDefault() };

            long? expected = p == 0 ? (scan.IsCompletedSuccessfully ? Estimate(scan.Result) : null) : source!.Count;
            var expectAnnounced = expected is not null;
            _observer.PhaseStarted(p + 1, phases.Count, phase.Describe(), expected);
            var replay = state.Consumed > 0 && steps.Any(s => s.Step is ISequentialStep);
            (List<StepStats>, List<InputStats>)? saved = replay ? StatsSnapshot(state) : null;
            if (replay)
            {
                // A phase's steps see records only in that phase: replay counts them again from zero.
                foreach (var s in steps) Copy(new StepStats { Name = state.Steps[s.StepIndex].Name }, state.Steps[s.StepIndex]);
                if (p == 0) foreach (var i in state.Inputs) (i.Records, i.Malformed) = (0, 0);
            }
            long consumed = 0;
            foreach (var chunk in Chunks(p == 0 ? ReadInputs(files, cancellationToken) : SpillItems(source!, cancellationToken), recipe.ChunkSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (consumed < state.Consumed)
                {
                    // Finished before the kill: only sequential steps need to see it again, to rebuild their state.
                    if (replay) await processor.ProcessAsync(chunk, write: false).ConfigureAwait(false);
                    consumed += chunk.Length;
                    if (consumed == state.Consumed && saved is { } snapshot) RestoreStats(state, snapshot);
                    continue;
                }
                await processor.ProcessAsync(chunk, write: true).ConfigureAwait(false);
                consumed += chunk.Length;
                state.Consumed = consumed;
                state.Sinks = sinks.Checkpoint();
                NoteInputHashes(state, scan);
                sinks.Commit(state.SaveLater(Path.Combine(work, "state.json")));   // written while the next chunk is processed
                if (!expectAnnounced && scan.IsCompletedSuccessfully)
                {
                    expectAnnounced = true;
                    if (Estimate(scan.Result) is { } total) _observer.Expect(total);
                }
                _observer.Progress(consumed);
                if (options.StopAfterChunks is { } stop && ++chunksThisRun >= stop)
                {
                    sinks.Drain();
                    throw new RunStoppedException(consumed);
                }
            }
            if (spill is not null && !sinks.TryGet(spill.FixedKey, out _)) sinks.Get(spill.FixedKey, default);
            sinks.Drain();
            state.Phase = p + 1;
            state.Consumed = 0;
            state.Sinks = sinks.Checkpoint();
            NoteInputHashes(state, scan);
            state.Save(Path.Combine(work, "state.json"));
        }

        var fingerprints = scan.Result;
        var finish = new FinishContext(recipe, seed, outDir, work, outputs, exports.Values.ToList(), fingerprints, files, rejectKeys,
            Path.Combine(work, "state.json"), options.FinishFault);
        var result = Finisher.Finish(finish, sinks, state, clock.Elapsed);
        _observer.Message($"done: {result.Manifest.Outputs.Sum(o => o.Records):N0} records to {result.Manifest.Outputs.Count} file(s) in {clock.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    internal static List<RecipeInputInfo> ResolveInputs(Recipe recipe)
    {
        var files = new List<RecipeInputInfo>();
        foreach (var input in recipe.Inputs)
            foreach (var (full, display) in FormatRegistry.ResolveInputFiles(input.Spec))
                files.Add(new RecipeInputInfo(input.Spec, full, display, input.Meta));
        return files;
    }

    internal static void PrepareOutputFolder(string outDir)
    {
        try
        {
            Directory.CreateDirectory(outDir);
            var probe = Path.Combine(outDir, $".winnow-write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WinnowException($"{outDir}: cannot write to the output folder ({e.Message})");
        }
    }

    /// <summary>Puts the inputs' hashes into the checkpoint as soon as the scan has them (a resume checks them).</summary>
    private static void NoteInputHashes(RunState state, Task<List<InputFingerprint>> scan)
    {
        if (state.InputsSha256.Count == 0 && scan.IsCompletedSuccessfully)
            state.InputsSha256 = scan.Result.Select(f => f.Sha256).ToList();
    }

    /// <summary>Records expected from the inputs' newline counts; unknown when one is compressed or Parquet.</summary>
    private static long? Estimate(List<InputFingerprint> inputs) =>
        inputs.Any(i => i.EstimatedRecords is null) ? null : inputs.Sum(i => i.EstimatedRecords!.Value);

    private RunState StartOrResume(string work, long seed, IReadOnlyList<InputFingerprint>? inputs, List<RecipeInputInfo> files, List<IStep> instances)
    {
        var statePath = Path.Combine(work, "state.json");
        // Without --resume the hashes are filled in at the end (the scan runs beside the first phase).
        var hashes = inputs?.Select(i => i.Sha256).ToList() ?? [];
        if (options.Resume && RunState.Load(statePath) is { } old)
        {
            // A run killed before its input scan finished has no hashes to compare: its first seconds only.
            var inputsChanged = old.InputsSha256.Count > 0 && !old.InputsSha256.SequenceEqual(hashes);
            var changed = new List<string>();
            if (old.RecipeSha256 != recipe.Sha256) changed.Add($"the recipe {recipe.File} changed");
            if (old.Seed != seed) changed.Add($"the seed changed ({old.Seed} then, {seed} now)");
            if (inputsChanged)
                changed.AddRange(files.Select((f, i) => (f, i)).Where(x => x.i >= old.InputsSha256.Count || old.InputsSha256[x.i] != hashes[x.i])
                    .Select(x => $"the input {x.f.DisplayPath} changed").DefaultIfEmpty("the list of input files changed"));
            if (changed.Count > 0)
                throw new WinnowException($"cannot resume: {string.Join("; ", changed)} since the stopped run; run again without --resume (with --force to start over)", 2);
            _observer.Message($"resuming at phase {old.Phase + 1}, after {old.Consumed:N0} records");
            return old;
        }
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        return new RunState
        {
            RecipeSha256 = recipe.Sha256,
            Seed = seed,
            InputsSha256 = hashes,
            Steps = instances.Select(s => new StepStats { Name = s.Name }).ToList(),
            Inputs = files.Select(f => new InputStats { Path = f.DisplayPath }).ToList(),
        };
    }

    /// <summary><c>rejects/&lt;step&gt;.jsonl</c>; a step named twice gets <c>&lt;step&gt;.2.jsonl</c> for its second use.</summary>
    internal static List<string> RejectKeys(List<IStep> steps)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return steps.Select(s =>
        {
            var n = seen[s.Name] = seen.GetValueOrDefault(s.Name) + 1;
            return n == 1 ? $"rejects/{s.Name}.jsonl" : $"rejects/{s.Name}.{n}.jsonl";
        }).ToList();
    }

    private static IRecordSource SpillSource(SinkSet sinks, string key)
    {
        sinks.Close(key);
        return new SpillSource(sinks.FullPath(key), sinks.TryGet(key, out var sink) ? sink.Records : 0);
    }

    private static IEnumerable<ChunkItem> ReadInputs(List<RecipeInputInfo> files, CancellationToken ct)
    {
        for (var i = 0; i < files.Count; i++)
            foreach (var item in FormatRegistry.CreateReader(files[i].FullPath, files[i].DisplayPath, files[i].Spec).Read(ct))
                yield return new ChunkItem(i, item);
    }

    private static IEnumerable<ChunkItem> SpillItems(IRecordSource source, CancellationToken ct) =>
        ((SpillSource)source).Items(ct).Select(item => new ChunkItem(-1, item));

    /// <summary>
    /// Source bytes per chunk at most, per core: a chunk ends at <c>chunk_size</c> records or here, whichever comes first.
    /// What a chunk holds is alive until it is written; a few megabytes of it die young, tens of megabytes outlive
    /// collections and are copied from generation to generation (a million 260-byte records: 4.1 s at 10,000 records a
    /// chunk, 3.4 s at 4,000, on 2 cores).
    /// </summary>
    internal const int ChunkBytesPerCore = 512 << 10;

    /// <summary>Groups items into chunks, reading the next chunk on another thread while this one is processed.</summary>
    internal static IEnumerable<ChunkItem[]> Chunks(IEnumerable<ChunkItem> items, int size)
    {
        var maxBytes = (long)ChunkBytesPerCore * Environment.ProcessorCount;
        using var queue = new System.Collections.Concurrent.BlockingCollection<ChunkItem[]>(boundedCapacity: 2);
        using var stop = new CancellationTokenSource();
        Exception? error = null;
        var reader = Task.Run(() =>
        {
            try
            {
                var buffer = new List<ChunkItem>(Math.Min(size, 4096));
                long bytes = 0;
                foreach (var item in items)
                {
                    buffer.Add(item);
                    bytes += item.Item.Bytes;
                    if (buffer.Count < size && bytes < maxBytes) continue;
                    queue.Add(buffer.ToArray(), stop.Token);
                    buffer.Clear();
                    bytes = 0;
                }
                if (buffer.Count > 0) queue.Add(buffer.ToArray(), stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer stopped early (an error, a deliberate stop): nothing more to read.
            }
            catch (Exception e)
            {
                error = e;
            }
            finally
            {
                queue.CompleteAdding();
            }
        });
        try
        {
            foreach (var chunk in queue.GetConsumingEnumerable())
                yield return chunk;
        }
        finally
        {
            stop.Cancel();
            reader.Wait();
        }
        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
    }

    private static (List<StepStats>, List<InputStats>) StatsSnapshot(RunState state) =>
        (state.Steps.Select(Clone).ToList(), state.Inputs.Select(i => new InputStats { Path = i.Path, Records = i.Records, Malformed = i.Malformed }).ToList());

    private static void RestoreStats(RunState state, (List<StepStats> Steps, List<InputStats> Inputs) saved)
    {
        for (var i = 0; i < state.Steps.Count; i++) Copy(saved.Steps[i], state.Steps[i]);
        for (var i = 0; i < state.Inputs.Count; i++)
            (state.Inputs[i].Records, state.Inputs[i].Malformed) = (saved.Inputs[i].Records, saved.Inputs[i].Malformed);
    }

    private static StepStats Clone(StepStats s) =>
        new() { Name = s.Name, In = s.In, Out = s.Out, Created = s.Created, Seconds = s.Seconds, Dropped = new(s.Dropped, StringComparer.Ordinal), Counts = StepDetails.Clone(s.Counts) };

    private static void Copy(StepStats from, StepStats to)
    {
        (to.In, to.Out, to.Created, to.Seconds) = (from.In, from.Out, from.Created, from.Seconds);
        to.Dropped = new SortedDictionary<string, long>(from.Dropped, StringComparer.Ordinal);
        to.Counts = StepDetails.Clone(from.Counts);
    }
}

/// <summary>Thrown when <see cref="RunOptions.StopAfterChunks"/> stops a run on purpose (tests of resume).</summary>
public sealed class RunStoppedException(long consumed) : Exception($"stopped after {consumed} records")
{
    public long Consumed { get; } = consumed;
}
