using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using Winnow.Embeddings;
using Winnow.Tuning.Backbones;
using Winnow.Tuning.Evaluation;
using Winnow.Tuning.Files;
using Winnow.Tuning.Methods;
using Winnow.Tuning.Methods.Head;
using Winnow.Tuning.Methods.Lora;
using Winnow.Tuning.Tasks;
using Winnow.Tuning.Tasks.SequenceClassification;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Winnow.Tuning.Training;

/// <summary>Reported after every optimizer step (for a progress bar).</summary>
public sealed record TrainProgress(int Step, int TotalSteps, int Epoch, double Loss, double Lr, double ExamplesPerSecond);

/// <summary>What a run did and reached.</summary>
public sealed record TrainResult
{
    public required int Steps { get; init; }
    public required ParameterCounts Parameters { get; init; }
    /// <summary>The final weights on the evaluation data (a <see cref="Tasks.SequenceClassification.ClassificationReport"/> for sequence tasks).</summary>
    public IEvalReport? FinalEval { get; init; }
    public double? BestMetric { get; init; }
    public int BestStep { get; init; }
    public bool StoppedEarly { get; init; }
    public required double WallSeconds { get; init; }
    /// <summary>Mean wall time of the optimizer steps this process ran (evaluation excluded).</summary>
    public required double SecondsPerStep { get; init; }
    public required long PeakRssBytes { get; init; }
    public required string Output { get; init; }

    /// <summary>Every evaluation this process ran, in step order (metrics.jsonl has them all, resumed runs included).</summary>
    public IReadOnlyList<EvalPoint> History { get; init; } = [];

    /// <summary>Bytes of the saved model folder <c>final/</c> (what the method has to store besides the base model).</summary>
    public long SavedBytes { get; init; }
}

/// <summary>One evaluation during training: the step and the task's metrics (accuracy, macro_f1, or f1, precision, …).</summary>
public sealed record EvalPoint(int Step, IReadOnlyDictionary<string, double> Metrics);

/// <summary>
/// The training recipe, written out as one loop (torchtune's "no trainer framework"): setup → for each epoch, for
/// each optimizer step: micro-batches forward/backward, clip, AdamW, schedule → evaluate, keep the best, checkpoint
/// → save. Output folder: <c>checkpoint/</c> (resumable), <c>best/</c>, <c>final/</c>, <c>metrics.jsonl</c>, <c>eval.json</c>.
/// </summary>
public sealed class Trainer
{
    private readonly TrainRecipe _r;
    private readonly TextWriter _log;
    private readonly IProgress<TrainProgress>? _progress;
    private readonly List<EvalPoint> _history = [];

    public Trainer(TrainRecipe recipe, TextWriter log, IProgress<TrainProgress>? progress = null)
    {
        _r = recipe;
        _log = log;
        _progress = progress;
    }

    /// <summary>For tests: called after each optimizer step; throwing from it simulates a kill (nothing more is saved).</summary>
    internal Action<int>? AfterStep { get; init; }

    /// <summary>Where head-only features are cached between runs; default <see cref="EmbeddingCacheFolder.Features"/> (tests give a temporary folder).</summary>
    internal string? FeatureCacheRoot { get; init; }

    /// <summary>For tests: called with the trained model after the final weights are saved and evaluated.</summary>
    internal Action<TaskModel>? AfterTraining { get; init; }

    public TrainResult Run(bool resume = false, CancellationToken cancel = default)
    {
        var wall = Stopwatch.StartNew();
        var device = Devices.Parse(_r.Device);
        set_num_threads(_r.Threads ?? Environment.ProcessorCount);
        NativeHeap.KeepFreedPages();
        manual_seed(_r.Seed);
        Directory.CreateDirectory(_r.Output);
        var checkpointDir = Path.Combine(_r.Output, "checkpoint");
        if (!resume && Checkpoint.Exists(checkpointDir))
            throw new WinnowException($"{_r.Output} already holds a checkpoint: pass --resume to continue it, or choose another output folder");

        // Data: tokenized once by the task; labels from the training split.
        var backbone = BackboneRegistry.Get(_r.Model);
        var task = TaskRegistry.Load(_r, backbone.Tokenizer());
        using var disposeTask = task as IDisposable;
        var labels = task.Labels;
        _log.WriteLine($"data: {task.TrainCount:N0} training examples, {labels.Count} labels{(task.EvalCount is { } n ? $", {n:N0} evaluation examples" : "")}");

        // Model: the pre-trained backbone, the task's new head, the method's modules; everything else frozen.
        var model = task.CreateModel(backbone.Pretrained(), _r.Training.HeadDropout);
        var method = MethodRegistry.Create(_r.Method);
        method.Apply(model);
        if (device.type != DeviceType.CPU) model.to(device);
        var counts = ParameterCounts.Of(model);
        var wrapped = LoraMethod.Wrapped(model);
        _log.WriteLine($"method: {_r.Method.Type}{(wrapped.Count > 0 && _r.Method is LoraOptions lo ? $" on {wrapped.Count} modules ({lo.TargetModules})" : "")}");
        _log.WriteLine(counts.ToString());

        var trainable = method.Trainable(model).ToList();
        using var optimizer = new AdamW(Groups(trainable, model), _r.Optimizer.Beta1, _r.Optimizer.Beta2, _r.Optimizer.Eps);
        int microPerEpoch = (task.TrainCount + _r.Training.BatchSize - 1) / _r.Training.BatchSize;
        int stepsPerEpoch = (microPerEpoch + _r.Training.GradAccumulation - 1) / _r.Training.GradAccumulation;
        int totalSteps = stepsPerEpoch * _r.Training.Epochs;
        var schedule = LrSchedule.From(_r.Schedule, totalSteps);

        var fingerprint = RunFingerprint.Of(_r);
        var state = new TrainState { Seed = _r.Seed, RecipeHash = fingerprint.Recipe, DataHash = fingerprint.Data };
        if (resume && Checkpoint.Exists(checkpointDir))
        {
            fingerprint.Check(Checkpoint.ReadState(checkpointDir), checkpointDir);
            state = Checkpoint.Load(checkpointDir, trainable.ToDictionary(p => p.Name, p => (Tensor)p.Parameter), optimizer);
            _log.WriteLine($"resumed at step {state.Step} (epoch {state.Epoch + 1}, batch {state.MicroBatch})");
        }
        using var metrics = new MetricsLog(Path.Combine(_r.Output, "metrics.jsonl"), resume ? state.Step : null);
        var trainParams = trainable.Select(p => p.Parameter).ToList();
        if (_r.Method is HeadOptions { CacheFeatures: true } head)
        {
            var watch = Stopwatch.StartNew();
            EmbeddingCache? Open(TaskModel m) => head.FeatureCache
                ? new EmbeddingCache(Path.Combine(FeatureCacheRoot ?? EmbeddingCacheFolder.Features(),
                    FrozenFeatures.CacheName(_r.Model, m, _r.Data.MaxLength, device)), m.Encoder.Config.HiddenSize)
                : null;
            if (task.CacheFeatures(model, _r.Training.EvalBatchSize, device, Open) is { } f)
            {
                _log.WriteLine($"features: {f.Examples:N0} examples, {f.Encoded:N0} texts encoded by the frozen encoder, {f.FromCache:N0} from the cache"
                    + $"{(f.CacheFolder is null ? " (off)" : $" ({f.CacheFolder})")} in {watch.Elapsed.TotalSeconds:F1} s");
                metrics.Write(new { @event = "features", examples = f.Examples, encoded = f.Encoded, from_cache = f.FromCache, seconds = Math.Round(watch.Elapsed.TotalSeconds, 1) });
            }
        }

        void Save(TrainState at) => Checkpoint.Save(checkpointDir, trainable.Select(p => (p.Name, (Tensor)p.Parameter)), optimizer, at);

        double stepSeconds = 0, lossWindow = 0;
        int stepsRun = 0, lossCount = 0, examplesWindow = 0;
        var window = Stopwatch.StartNew();
        bool stop = state.StoppedEarly || (_r.Training.MaxSteps is { } ms0 && state.Step >= ms0);
        model.train();
        int trainCount = task.TrainCount;
        for (; state.Epoch < _r.Training.Epochs && !stop; state.Epoch++, state.MicroBatch = 0)
        {
            var order = EpochOrder(trainCount, _r.Seed, state.Epoch);
            if (_r.Training.GroupByLength) order = GroupByLength(order, task.TrainLength, _r.Training.BatchSize);
            while (state.MicroBatch < microPerEpoch && !stop)
            {
                if (cancel.IsCancellationRequested)
                {
                    // Between steps the state is whole: keep it, so --resume (or a wall-clock budget's finish) goes on
                    // from the last step done, not from the last periodic checkpoint.
                    if (state.Step > 0) Save(state);
                    cancel.ThrowIfCancellationRequested();
                }
                var stepWatch = Stopwatch.StartNew();
                int first = state.MicroBatch, last = Math.Min(microPerEpoch, first + _r.Training.GradAccumulation);
                int stepExamples = Math.Min(trainCount, last * _r.Training.BatchSize) - first * _r.Training.BatchSize;
                double stepLoss = 0;
                for (int m = first; m < last; m++)
                {
                    using var scope = NewDisposeScope();
                    var idx = order.AsSpan(m * _r.Training.BatchSize, Math.Min(_r.Training.BatchSize, trainCount - m * _r.Training.BatchSize));
                    var loss = task.Loss(model, idx, device);
                    // Each micro-batch weighs by its share of the step's examples: the step's gradient is the mean over them.
                    (loss * ((double)idx.Length / stepExamples)).backward();
                    stepLoss += loss.item<float>() * idx.Length / stepExamples;
                }
                if (_r.Training.MaxGradNorm > 0) nn.utils.clip_grad_norm_(trainParams, _r.Training.MaxGradNorm);
                double factor = schedule.Factor(state.Step);
                optimizer.Step(factor);
                optimizer.ZeroGrad();
                state.Step++;
                state.MicroBatch = last;
                stepSeconds += stepWatch.Elapsed.TotalSeconds;
                stepsRun++;
                lossWindow += stepLoss; lossCount++; examplesWindow += stepExamples;

                double lr = optimizer.Groups.Count > 0 ? optimizer.Groups[0].Lr * factor : 0;
                double eps = examplesWindow / Math.Max(1e-9, window.Elapsed.TotalSeconds);
                _progress?.Report(new TrainProgress(state.Step, totalSteps, state.Epoch + 1, stepLoss, lr, eps));
                if (state.Step % _r.Training.LogEvery == 0)
                {
                    metrics.Write(new { @event = "train", step = state.Step, epoch = Math.Round(state.Epoch + (double)state.MicroBatch / microPerEpoch, 4), loss = lossWindow / lossCount, lr, examples_per_s = Math.Round(eps, 1), elapsed_s = Math.Round(wall.Elapsed.TotalSeconds, 1) });
                    lossWindow = 0; lossCount = 0; examplesWindow = 0; window.Restart();
                }
                bool evaluated = false;
                if (task.EvalCount is not null && _r.Training.EvalEvery > 0 && state.Step % _r.Training.EvalEvery == 0)
                {
                    stop |= Evaluate(model, task, device, state, metrics, labels);
                    evaluated = true;
                }
                if (_r.Training.MaxSteps is { } maxSteps && state.Step >= maxSteps) stop = true;
                if (evaluated || state.Step % _r.Training.SaveEvery == 0)
                    Save(state);
                AfterStep?.Invoke(state.Step);
            }
            if (!stop && task.EvalCount is not null && _r.Training.EvalEvery == 0)
            {
                stop |= Evaluate(model, task, device, state, metrics, labels);
                var next = state with { Epoch = state.Epoch + 1, MicroBatch = 0 };
                Save(next);
            }
        }

        // The final weights, their evaluation, and the best ones (the final ones when nothing was evaluated).
        var finalDir = Path.Combine(_r.Output, "final");
        ModelFolder.Save(finalDir, model, ModelCard.From(_r, labels, state.Step));
        if (task.EvalCount is null || state.BestMetric is null) ModelFolder.Save(Path.Combine(_r.Output, "best"), model, ModelCard.From(_r, labels, state.Step));
        var report = task.EvalCount is null ? null : task.Evaluate(model, _r.Training.EvalBatchSize, device);
        if (report is not null)
            File.WriteAllText(Path.Combine(_r.Output, "eval.json"), JsonSerializer.Serialize(report, report.GetType(), EvalJson.Options));
        var result = new TrainResult
        {
            Steps = state.Step,
            Parameters = counts,
            FinalEval = report,
            BestMetric = state.BestMetric,
            BestStep = state.BestStep,
            StoppedEarly = state.StoppedEarly,
            WallSeconds = wall.Elapsed.TotalSeconds,
            SecondsPerStep = stepsRun == 0 ? 0 : stepSeconds / stepsRun,
            PeakRssBytes = Winnow.Core.Running.PeakRss.Bytes(),
            Output = _r.Output,
            History = _history,
            SavedBytes = Directory.EnumerateFiles(finalDir).Sum(f => new FileInfo(f).Length),
        };
        var done = new Dictionary<string, object?> { ["event"] = "done", ["step"] = state.Step, ["wall_s"] = Math.Round(result.WallSeconds, 1), ["s_per_step"] = Math.Round(result.SecondsPerStep, 4), ["peak_rss_mb"] = result.PeakRssBytes / (1 << 20) };
        foreach (var (k, v) in report?.Metrics() ?? new Dictionary<string, double>()) done[k] = v;
        metrics.Write(done);
        AfterTraining?.Invoke(model);
        return result;
    }

    /// <returns>True when early stopping says to stop.</returns>
    private bool Evaluate(TaskModel model, ITuningTask task, Device device, TrainState state, MetricsLog metrics, IReadOnlyList<string> labels)
    {
        var report = task.Evaluate(model, _r.Training.EvalBatchSize, device);
        _history.Add(new EvalPoint(state.Step, report.Metrics()));
        double metric = report.Metric(_r.Training.MetricFor(_r.Task));
        var line = new Dictionary<string, object?> { ["event"] = "eval", ["step"] = state.Step };
        foreach (var (k, v) in report.Metrics()) line[k] = v;
        metrics.Write(line);
        _log.WriteLine($"step {state.Step}: eval {report.Summary()}");
        if (state.BestMetric is null || metric > state.BestMetric)
        {
            state.BestMetric = metric;
            state.BestStep = state.Step;
            state.EvalsWithoutImprovement = 0;
            ModelFolder.Save(Path.Combine(_r.Output, "best"), model, ModelCard.From(_r, labels, state.Step));
            return false;
        }
        state.EvalsWithoutImprovement++;
        if (_r.Training.EarlyStoppingPatience > 0 && state.EvalsWithoutImprovement >= _r.Training.EarlyStoppingPatience)
        {
            _log.WriteLine($"early stop: {state.EvalsWithoutImprovement} evaluations without improvement (best {state.BestMetric:F4} at step {state.BestStep})");
            state.StoppedEarly = true;
            return true;
        }
        return false;
    }

    /// <summary>
    /// Parameter groups: the head (newly initialised) with its own rate and decay, the rest with the base ones;
    /// biases and LayerNorm weights never decay (as transformers' Trainer).
    /// </summary>
    private List<ParamGroup> Groups(List<(string Name, Parameter Parameter)> trainable, TaskModel model)
    {
        var o = _r.Optimizer;
        double lr = o.LrFor(_r.Method);
        static bool NoDecay(string n) => n.EndsWith(".bias", StringComparison.Ordinal) || n.Contains("LayerNorm", StringComparison.Ordinal);
        var head = model.HeadParameters().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        bool IsHead(string n) => head.Contains(n);
        var groups = new List<ParamGroup>
        {
            new("body", [.. trainable.Where(p => !IsHead(p.Name) && !NoDecay(p.Name)).Select(p => (p.Name, (Tensor)p.Parameter))], lr, o.WeightDecay),
            new("body_no_decay", [.. trainable.Where(p => !IsHead(p.Name) && NoDecay(p.Name)).Select(p => (p.Name, (Tensor)p.Parameter))], lr, 0),
            new("head", [.. trainable.Where(p => IsHead(p.Name) && !NoDecay(p.Name)).Select(p => (p.Name, (Tensor)p.Parameter))], o.HeadLr ?? lr, o.HeadWeightDecay ?? o.WeightDecay),
            new("head_no_decay", [.. trainable.Where(p => IsHead(p.Name) && NoDecay(p.Name)).Select(p => (p.Name, (Tensor)p.Parameter))], o.HeadLr ?? lr, 0),
        };
        return [.. groups.Where(g => g.Params.Count > 0)];
    }

    /// <summary>
    /// transformers' LengthGroupedSampler: the shuffled order cut into mega-batches of 50 batches, each sorted by
    /// length (longest first), so a batch holds texts of similar length and pads little; still a pure function of
    /// the shuffled order, so resume sees the same batches.
    /// </summary>
    internal static int[] GroupByLength(int[] order, Func<int, int> length, int batchSize)
    {
        int mega = 50 * batchSize;
        var result = new int[order.Length];
        for (int start = 0; start < order.Length; start += mega)
        {
            var chunk = order.AsSpan(start, Math.Min(mega, order.Length - start)).ToArray();
            // Stable sort: equal lengths keep their shuffled order.
            var sorted = chunk.Select((index, position) => (index, position))
                .OrderByDescending(x => length(x.index)).ThenBy(x => x.position).Select(x => x.index).ToArray();
            sorted.CopyTo(result, start);
        }
        return result;
    }

    /// <summary>The example order of one epoch: a Fisher–Yates shuffle seeded by (seed, epoch), so a resumed run sees the same order.</summary>
    internal static int[] EpochOrder(int count, long seed, int epoch)
    {
        // System.Random with a seed is the same sequence on every run and platform (HashCode would not be).
        var rng = new Random(unchecked((int)(seed * 1_000_003 + epoch * 7_919)));
        var order = Enumerable.Range(0, count).ToArray();
        for (int i = count - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
