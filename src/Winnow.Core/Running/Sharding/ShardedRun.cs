using System.Diagnostics;
using Winnow.Core.Embeddings;
using Winnow.Core.Formats;
using Winnow.Core.IO;
using Winnow.Core.Recipes;
using Winnow.Core.Steps;

namespace Winnow.Core.Running.Sharding;

/// <summary>
/// A recipe run as shard tasks (<c>winnow run R --shards N --shard I --stage S</c>), plans (<c>--plan S</c>) and a merge
/// (<c>--merge</c>), as datatrove runs a pipeline as ranks. Stage 0 reads shard I's part of the inputs
/// (<see cref="InputPartition"/>); each later stage starts with a step that needs the whole dataset and reads the
/// shard's spill of the stage before. Each task writes its part files, its stats and a completion marker
/// (<see cref="ShardLayout"/>) and is skipped on a rerun once marked. The merge concatenates the parts in shard order
/// and sums the stats, so outputs, manifest and rejects are the bytes one process writes, for any N.
/// </summary>
public sealed class ShardedRun
{
    private readonly Recipe _recipe;
    private readonly IRunObserver _observer;
    private readonly ParallelOptions _parallel;
    private readonly long _seed;
    private readonly string _outDir;
    private readonly List<RecipeInputInfo> _files;
    private readonly List<string> _rejectKeys;
    private readonly List<string> _stepNames;
    private readonly List<Phase> _phases;
    private readonly List<IStep> _instances;
    private readonly ShardLayout _layout;
    private readonly int? _stopAfterChunks;

    public ShardedRun(Recipe recipe, RunOptions options, int shards, IRunObserver? observer = null)
    {
        if (shards < 1) throw new WinnowException($"--shards must be at least 1 (got {shards})", 2);
        _recipe = recipe;
        _stopAfterChunks = options.StopAfterChunks;
        _observer = observer ?? NullRunObserver.Instance;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount };
        _seed = options.Seed ?? recipe.Seed;
        _outDir = Path.GetFullPath(options.OutputDirectory);
        Runner.PrepareOutputFolder(_outDir);
        _files = Runner.ResolveInputs(recipe);
        // One instance of each step per process: a task runs one stage, so a sequential step's state starts empty.
        var work = Path.Combine(_outDir, ".winnow");
        _instances = recipe.Steps.Select((s, i) => s.Create(new StepContext(s.Name, i, _seed, work, recipe.BaseDirectory))).ToList();
        _stepNames = _instances.Select(s => s.Name).ToList();
        _rejectKeys = Runner.RejectKeys(_instances);
        _phases = PhasePlan.Build(_instances, _rejectKeys, sharded: true);
        _layout = new ShardLayout(_outDir, shards, ShardLayout.KeyOf(recipe.Sha256, _seed, _files.Select(f => f.FullPath)));
    }

    /// <summary>Stages: 1 plus one per step that needs the whole dataset.</summary>
    public int Stages => _phases.Count;

    public int Shards => _layout.Shards;

    /// <summary>Whether stage <paramref name="stage"/>'s step plans from per-shard summaries (<see cref="IShardedStep"/>) or over all records in one task.</summary>
    public bool IsStaged(int stage) => stage > 0 && Staged(_phases[stage].Head!.Step) is not null;

    public string Describe(int stage) => _phases[stage].Describe();

    public bool IsDone(int stage, int shard) => _layout.IsDone(stage, shard);

    public bool IsPlanned(int stage) => File.Exists(_layout.PlanDone(stage));

    /// <summary>The shards of a stage without a completion marker, in order.</summary>
    public IReadOnlyList<int> Unfinished(int stage) => Enumerable.Range(0, Shards).Where(i => !IsDone(stage, i)).ToList();

    /// <summary>The task log folder executors write to (kept after the merge for failed runs only).</summary>
    public string LogFolder => Path.Combine(_layout.Root, "logs");

    /// <summary>Runs stage <paramref name="stage"/> of shard <paramref name="shard"/>; skipped when its marker exists.</summary>
    public void RunTask(int stage, int shard, CancellationToken cancellationToken = default)
    {
        CheckStage(stage);
        if (shard < 0 || shard >= Shards) throw new WinnowException($"--shard must be 0 to {Shards - 1} (got {shard})", 2);
        if (IsDone(stage, shard)) { _observer.Message($"stage {stage} shard {shard}: already done, skipped"); return; }
        if (stage > 0 && !IsPlanned(stage))
            throw new WinnowException($"stage {stage} needs its plan first: winnow run {_recipe.File} --shards {Shards} --plan {stage}", 2);
        var clock = Stopwatch.StartNew();
        var folder = _layout.TaskFolder(stage, shard);
        // A killed attempt resumes from its checkpoint (the chunks it finished); without one it starts over.
        var checkpointPath = Path.Combine(folder, CheckpointFile);
        var resumed = ShardStats.TryLoad(checkpointPath);
        if (resumed is null && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var phases = _phases;
        var phase = phases[stage];
        var stats = resumed ?? NewStats();
        var steps = phase.Steps.ToList();
        IEnumerable<ChunkItem> items;
        if (stage == 0) items = ReadSlices(InputPartition.For(_files, shard, Shards), cancellationToken);
        else if (Staged(phase.Head!.Step) is { } staged)
        {
            var offset = Enumerable.Range(0, shard).Sum(i => ShardStats.Load(_layout.TaskStats(stage - 1, i)).Spilled);
            using var plan = File.OpenRead(Path.Combine(_layout.PlanFolder(stage), "plan.bin"));
            var applied = staged.Apply(plan, cancellationToken);
            if (applied is IStepDetails details) stats.Steps[phase.Head.StepIndex].Details = StepDetails.Copy(details);
            steps.Insert(0, phase.Head with { Step = applied is IBatchStep b ? new OffsetBatchStep(b, offset) : new OffsetStep(applied, offset) });
            items = Spill(_layout.TaskFolder(stage - 1, shard), stage - 1).Items(cancellationToken).Select(i => new ChunkItem(-1, i));
        }
        else items = new SpillSource(Path.Combine(_layout.PlanPart(stage, shard), "spill", "head.jsonl"), 0).Items(cancellationToken).Select(i => new ChunkItem(-1, i));

        var last = stage == Stages - 1;
        var outputs = _recipe.Outputs.Select((o, i) => new RunTarget(i, o)).ToList();
        var exports = Exports(_instances, phase);
        var spill = last ? null : SpillTarget(stage);
        using (var sinks = new SinkSet(folder, background: true))
        {
            if (resumed is not null) sinks.Restore(resumed.Parts, [CheckpointFile]);   // what was written after the checkpoint goes
            var processor = new ChunkProcessor(steps, stats.Steps, stats.Inputs, _files, last ? outputs : [spill!], exports,
                sinks, _parallel, stats.Profile, firstPhase: stage == 0, lastPhase: last) { InputRedactor = _instances.OfType<IRedactor>().FirstOrDefault() };
            _observer.PhaseStarted(stage + 1, Stages, $"shard {shard + 1}/{Shards}: {phase.Describe()}", null);
            long consumed = 0;
            var chunks = 0;
            var skip = resumed?.Consumed ?? 0;
            if (skip > 0) _observer.Message($"stage {stage} shard {shard}: resumed after {skip:N0} records");
            foreach (var chunk in Runner.Chunks(items, _recipe.ChunkSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Done before the kill: the checkpoint holds its counts (and each step's record index) and its bytes.
                if (consumed < skip) { consumed += chunk.Length; continue; }
                // ProcessAsync never resumes on the caller's context (ConfigureAwait(false) throughout): waiting is safe.
                processor.ProcessAsync(chunk, write: true).GetAwaiter().GetResult();
                _observer.Progress(consumed += chunk.Length);
                stats.Consumed = consumed;
                stats.Parts = new SortedDictionary<string, SinkCheckpoint>(sinks.Checkpoint(), StringComparer.Ordinal);
                sinks.Commit(stats.SaveLater(checkpointPath));   // written while the next chunk is processed
                if (++chunks == _stopAfterChunks)
                {
                    sinks.Drain();
                    throw new RunStoppedException(consumed);   // tests: a task that dies mid-way
                }
            }
            if (spill is not null && !sinks.TryGet(spill.FixedKey, out _)) sinks.Get(spill.FixedKey, default);
            sinks.Drain();
            foreach (var (key, at) in sinks.Checkpoint()) stats.Parts[key] = at;
        }
        if (spill is not null) stats.Spilled = stats.Parts[spill.FixedKey].Records;
        // The next stage's step, when it plans from summaries, reads this shard's records once, here.
        if (!last && Staged(phases[stage + 1].Head!.Step) is { } next)
        {
            var summariseClock = Stopwatch.StartNew();
            using (var summary = File.Create(Path.Combine(folder, "summary.bin")))
                next.Summarise(Spill(folder, stage, stats.Spilled), summary, cancellationToken);
            stats.Steps[phases[stage + 1].Head!.StepIndex].Seconds += summariseClock.Elapsed.TotalSeconds;
        }
        // The next stage's step, when it embeds the records while planning, gets this shard's vectors from here.
        if (!last && Embedding(phases[stage + 1].Head!.Step) is { } embedding)
        {
            var embedClock = Stopwatch.StartNew();
            using (var vectors = File.Create(Path.Combine(folder, VectorsFile)))
                ShardVectors.Write(Spill(folder, stage, stats.Spilled).Read(cancellationToken), embedding.Embedder(), vectors, cancellationToken);
            stats.Steps[phases[stage + 1].Head!.StepIndex].Seconds += embedClock.Elapsed.TotalSeconds;
        }
        stats.Seconds += clock.Elapsed.TotalSeconds;   // a resumed task adds this attempt's time to the checkpoint's
        stats.PeakRssBytes = Math.Max(stats.PeakRssBytes, PeakRss.Bytes());
        stats.Consumed = 0;
        stats.Save(_layout.TaskStats(stage, shard));
        File.Delete(checkpointPath);
        ShardLayout.Mark(_layout.TaskDone(stage, shard));
        _observer.Message($"stage {stage} shard {shard}: done in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// Plans stage <paramref name="stage"/>'s whole-dataset step once every shard finished the stage before: from the
    /// shards' summaries (<see cref="IShardedStep"/>), or else over all their records in order, applying it too.
    /// </summary>
    public void Plan(int stage, CancellationToken cancellationToken = default)
    {
        CheckStage(stage);
        if (stage == 0) throw new WinnowException("stage 0 reads the inputs and needs no plan; --plan takes 1 to " + (Stages - 1), 2);
        if (IsPlanned(stage)) { _observer.Message($"plan {stage}: already done, skipped"); return; }
        var missing = Unfinished(stage - 1);
        if (missing.Count > 0)
            throw new WinnowException($"plan {stage} needs every shard of stage {stage - 1}; unfinished: {string.Join(", ", missing)}", 2);
        var clock = Stopwatch.StartNew();
        var folder = _layout.PlanFolder(stage);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var head = _phases[stage].Head!;
        var spilled = Enumerable.Range(0, Shards).Select(i => ShardStats.Load(_layout.TaskStats(stage - 1, i)).Spilled).ToList();
        if (Staged(head.Step) is { } staged)
        {
            var summaries = Enumerable.Range(0, Shards)
                .Select(i => new ShardSummary(Path.Combine(_layout.TaskFolder(stage - 1, i), "summary.bin"), spilled[i])).ToList();
            using (var plan = File.Create(Path.Combine(folder, "plan.bin")))
                staged.Plan(summaries, plan, cancellationToken);
        }
        else PlanCentrally(stage, head, spilled, cancellationToken);
        // The marker holds the plan's seconds and its process's peak memory (the merge reports both per task).
        ShardLayout.Mark(_layout.PlanDone(stage), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:R} {PeakRss.Bytes()}"));
        _observer.Message($"plan {stage} ({head.Step.Name}): done in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private void PlanCentrally(int stage, PhaseStep head, List<long> spilled, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var all = new ConcatSource(Enumerable.Range(0, Shards).Select(i => Spill(_layout.TaskFolder(stage - 1, i), stage - 1)).ToList());
        IStep applied = head.Step switch
        {
            // The shards embedded their records in the stage before: the plan reads their vectors.
            IEmbeddingDatasetStep e when Embedding(e) is not null => e.Plan(all, new PrecomputedEmbeddings(ShardVectors.Read(
                Enumerable.Range(0, Shards).Select(i => Path.Combine(_layout.TaskFolder(stage - 1, i), VectorsFile))), e.Embedder), ct),
            IDatasetStep d => d.Plan(all, ct),
            _ => head.Step,   // a sequential step runs in order over all shards
        };
        var details = applied is IStepDetails sd ? StepDetails.Copy(sd) : null;
        var planSeconds = clock.Elapsed.TotalSeconds;
        long offset = 0;
        for (var i = 0; i < Shards; i++)
        {
            var part = _layout.PlanPart(stage, i);
            var stats = NewStats();
            stats.Steps[head.StepIndex].Details = details;
            // The planning time counts once, in shard 0's part: the summed stats give the step's whole time.
            if (i == 0) stats.Steps[head.StepIndex].Seconds += planSeconds;
            var step = applied switch
            {
                IBatchStep b => new OffsetBatchStep(b, offset),
                IRecordStep r => new OffsetStep(r, offset),
                _ => applied,
            };
            var target = new RunTarget(-1, new OutputSpec { Path = "head.jsonl", Format = "jsonl" }, "spill/");
            using (var sinks = new SinkSet(part))
            {
                var processor = new ChunkProcessor([head with { Step = step }], stats.Steps, stats.Inputs, _files,
                    [target], new Dictionary<int, RunTarget>(), sinks, _parallel, stats.Profile, firstPhase: false, lastPhase: false);
                foreach (var chunk in Runner.Chunks(Spill(_layout.TaskFolder(stage - 1, i), stage - 1).Items(ct).Select(x => new ChunkItem(-1, x)), _recipe.ChunkSize))
                    processor.ProcessAsync(chunk, write: true).GetAwaiter().GetResult();
                if (!sinks.TryGet(target.FixedKey, out _)) sinks.Get(target.FixedKey, default);
                foreach (var (key, at) in sinks.Checkpoint()) stats.Parts[key] = at;
            }
            stats.Save(_layout.PlanPartStats(stage, i));
            offset += spilled[i];
        }
    }

    /// <summary>
    /// Concatenates every task's part files in stage and shard order, sums their stats, and finishes the run as one
    /// process does (outputs into place, manifest, report, card, run.json), then removes the parts.
    /// </summary>
    public RunResult Merge(CancellationToken cancellationToken = default)
    {
        for (var s = 0; s < Stages; s++)
        {
            if (s > 0 && !IsPlanned(s)) throw new WinnowException($"cannot merge: stage {s} is not planned yet", 2);
            var missing = Unfinished(s);
            if (missing.Count > 0) throw new WinnowException($"cannot merge: stage {s} has unfinished shards: {string.Join(", ", missing)}", 2);
        }
        var clock = Stopwatch.StartNew();
        // The inputs' hashes (for the manifest) are read beside the concatenation.
        var scan = Task.Run(() => InputFingerprint.Compute(_files.Select(f => f.FullPath).ToList()), cancellationToken);
        var state = new RunState
        {
            RecipeSha256 = _recipe.Sha256, Seed = _seed,
            Steps = _stepNames.Select(n => new StepStats { Name = n }).ToList(),
            Inputs = _files.Select(f => new InputStats { Path = f.DisplayPath }).ToList(),
        };
        var outputs = _recipe.Outputs.Select((o, i) => new RunTarget(i, o)).ToList();
        var exports = _instances.Select((st, i) => (st, i)).Where(t => t.st is ExportStep)
            .ToDictionary(t => t.i, t => new RunTarget(_recipe.Outputs.Count + t.i, ((ExportStep)t.st).Spec));
        var headers = outputs.Concat(exports.Values).ToDictionary(t => t.Index, t => t.Header.Length);
        var hashed = RunTarget.HashedKeys(outputs.Concat(exports.Values));
        var merged = new PartConcatenation(_layout.MergeFolder, headers, hashed);
        state.Tasks = [];
        for (var s = 0; s < Stages; s++)
        {
            if (s > 0)
            {
                var (seconds, peak) = PlanFigures(s);
                state.Tasks.Add(new TaskFigures($"plan {s}", Math.Round(seconds, 3), peak));
                // A plan from summaries ran in its own task: its time is the step's too.
                if (IsStaged(s)) state.Steps[_phases[s].Head!.StepIndex].Seconds += seconds;
            }
            var parts = new List<(string Folder, string Stats, string? Task)>();
            if (s > 0 && !IsStaged(s)) parts.AddRange(Enumerable.Range(0, Shards).Select(i => (_layout.PlanPart(s, i), _layout.PlanPartStats(s, i), (string?)null)));
            parts.AddRange(Enumerable.Range(0, Shards).Select(i => (_layout.TaskFolder(s, i), _layout.TaskStats(s, i), (string?)$"stage {s} shard {i}")));
            foreach (var (folder, statsPath, task) in parts)
            {
                var stats = ShardStats.Load(statsPath);
                Add(state, stats);
                if (task is not null) state.Tasks.Add(new TaskFigures(task, Math.Round(stats.Seconds, 3), stats.PeakRssBytes));
                foreach (var (key, at) in stats.Parts)
                    if (!key.StartsWith("spill/", StringComparison.Ordinal)) merged.Append(key, Path.Combine(folder, key), at);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        using var sinks = new SinkSet(_layout.MergeFolder, hashed);
        sinks.Restore(merged.Checkpoint(), [], merged.Hashes);
        var fingerprints = scan.GetAwaiter().GetResult();
        state.InputsSha256 = fingerprints.Select(f => f.Sha256).ToList();
        // No checkpoint here: a merge killed while finishing is run again from the parts, which stay until the very end.
        var finish = new FinishContext(_recipe, _seed, _outDir, _layout.Work, outputs, exports.Values.ToList(), fingerprints, _files, _rejectKeys);
        var result = Finisher.Finish(finish, sinks, state, clock.Elapsed);
        _observer.Message($"merged {Shards} shard(s) in {clock.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    /// <summary>A plan's seconds and peak memory from its marker ("SECONDS PEAK_BYTES"; zeros where unreadable).</summary>
    private (double Seconds, long PeakRssBytes) PlanFigures(int stage)
    {
        var parts = File.ReadAllText(_layout.PlanDone(stage)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        double seconds = parts.Length > 0 && double.TryParse(parts[0], System.Globalization.NumberStyles.Float, culture, out var x) ? x : 0;
        long peak = parts.Length > 1 && long.TryParse(parts[1], System.Globalization.NumberStyles.Integer, culture, out var y) ? y : 0;
        return (seconds, peak);
    }

    private static void Add(RunState state, ShardStats part)
    {
        for (var i = 0; i < state.Steps.Count; i++)
        {
            var (into, from) = (state.Steps[i], part.Steps[i]);
            (into.In, into.Out, into.Created, into.Seconds) = (into.In + from.In, into.Out + from.Out, into.Created + from.Created, into.Seconds + from.Seconds);
            foreach (var (reason, n) in from.Dropped) into.Dropped[reason] = into.Dropped.GetValueOrDefault(reason) + n;
            into.Details ??= StepDetails.Sorted(from.Details);
            into.AddCounts(from.Counts?.Select(t => new KeyValuePair<string, IReadOnlyDictionary<string, long>>(t.Key, t.Value)));
        }
        for (var i = 0; i < state.Inputs.Count; i++)
            (state.Inputs[i].Records, state.Inputs[i].Malformed) = (state.Inputs[i].Records + part.Inputs[i].Records, state.Inputs[i].Malformed + part.Inputs[i].Malformed);
        state.Profile.Merge(part.Profile);
    }

    private ShardStats NewStats() => new()
    {
        RecipeSha256 = _recipe.Sha256, Seed = _seed,
        Steps = _stepNames.Select(n => new StepStats { Name = n }).ToList(),
        Inputs = _files.Select(f => new InputStats { Path = f.DisplayPath }).ToList(),
    };

    private Dictionary<int, RunTarget> Exports(List<IStep> instances, Phase phase) => instances.Select((s, i) => (s, i))
        .Where(t => t.s is ExportStep && phase.Owns(t.i))
        .ToDictionary(t => t.i, t => new RunTarget(_recipe.Outputs.Count + t.i, ((ExportStep)t.s).Spec));

    private static RunTarget SpillTarget(int stage) => new(-1, new OutputSpec { Path = $"phase-{stage}.jsonl", Format = "jsonl" }, "spill/");

    private static SpillSource Spill(string taskFolder, int stage, long? records = null) =>
        new(Path.Combine(taskFolder, "spill", $"phase-{stage}.jsonl"), records ?? ShardStats.Load(taskFolder + ".json").Spilled);

    private IEnumerable<ChunkItem> ReadSlices(List<InputSlice> slices, CancellationToken ct)
    {
        foreach (var slice in slices)
        {
            var f = _files[slice.Input];
            foreach (var item in FormatRegistry.CreateReader(f.FullPath, f.DisplayPath, f.Spec, slice.Range).Read(ct))
                yield return new ChunkItem(slice.Input, item);
        }
    }

    private const string VectorsFile = "vectors.bin";

    /// <summary>A running task's counts, parts and records consumed after its last chunk (<see cref="ShardStats.Consumed"/>).</summary>
    private const string CheckpointFile = "checkpoint.json";

    private static IEmbeddingDatasetStep? Embedding(IStep step) => step is IEmbeddingDatasetStep { EmbedsRecords: true } e ? e : null;

    private static IShardedStep? Staged(IStep step) => step is IShardedStep { Staged: true } s ? s : null;

    private void CheckStage(int stage)
    {
        if (stage < 0 || stage >= Stages)
            throw new WinnowException($"--stage must be 0 to {Stages - 1} (this recipe has {Stages} stage(s))", 2);
    }
}
