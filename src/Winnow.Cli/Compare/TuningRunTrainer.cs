using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Winnow.Compare.Recipe;
using Winnow.Compare.Running;
using Winnow.Core;
using Winnow.Tuning.Evaluation;
using Winnow.Tuning.Training;

namespace Winnow.Cli.Compare;

/// <summary>
/// The comparison's one adapter onto today's trainer: a <see cref="RunRequest"/> becomes the text of a training recipe
/// (<c>RUN/train.yaml</c>, loaded by the same loader as <c>winnow train</c>), a <see cref="Trainer"/> run in this
/// process, and <c>winnow eval</c>'s evaluation of the best checkpoint on the test set. Methods are a table of
/// recipe snippets: a method the trainer learns is one line here. <c>winnow compare</c> runs it in a child process per
/// run (<see cref="ProcessRunTrainer"/>); in this process, runs share its memory.
/// </summary>
internal sealed class TuningRunTrainer : IRunTrainer
{
    /// <param name="Method">The recipe's <c>method:</c> mapping (flow style); null: not trainable in this build.</param>
    /// <param name="CheapSteps">Trains on cached features: its sweep runs use the whole budget (<see cref="MethodInfo.CheapSteps"/>).</param>
    private sealed record Entry(string Name, string? Method, double Lr, string Description, bool CheapSteps = false);

    // Default rates: the ones the PEFT measurements in issue #9 used (Hugging Face PEFT examples' values).
    private static readonly Entry[] Entries =
    [
        new("full", "{type: full}", 5e-5, "every weight of the encoder and the head trains"),
        new("lora", "{type: lora, r: 8, alpha: 16, dropout: 0.1, target_modules: [query, value]}", 1e-3, "low-rank updates (r 8, α 16) to attention query and value; the encoder is frozen"),
        new("adapter", "{type: adapter}", 1e-3, "bottleneck adapters after attention and feed-forward in every layer (Houlsby); the encoder is frozen"),
        new("prefix", "{type: prefix, num_virtual_tokens: 20}", 1e-2, "learned key/value prefixes (20 virtual tokens) in every layer's attention; the encoder is frozen"),
        new("prompt", "{type: prompt, num_virtual_tokens: 20}", 3e-2, "20 soft tokens prepended to the input embeddings; the encoder is frozen"),
        new("head", "{type: head}", 1e-2, "a linear probe: only the classification head trains, on the frozen encoder's features", CheapSteps: true),
    ];

    /// <summary>The methods this build trains, with their descriptions and default rates.</summary>
    internal static readonly IReadOnlyDictionary<string, MethodInfo> Catalog =
        Entries.ToDictionary(e => e.Name, e => new MethodInfo(e.Name, e.Description, e.Lr, e.Method is not null, e.CheapSteps), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, MethodInfo> Methods => Catalog;

    private bool _warm;

    public RunOutcome Train(RunRequest request, TextWriter log, CancellationToken cancel)
    {
        var entry = Entries.FirstOrDefault(e => e.Name == request.Method && e.Method is not null)
            ?? throw new WinnowException($"method '{request.Method}' is not available in this build of winnow");
        if (!_warm) WarmUp(request);
        var recipePath = Path.Combine(request.Folder, "train.yaml");
        File.WriteAllText(recipePath, RecipeText(request, entry.Method!));
        var recipe = TrainRecipeLoader.Load(recipePath);
        var trainDir = recipe.Output;

        // Wall-clock of every optimizer step (reported before that step's evaluation), from the moment the run starts.
        var stamps = new Dictionary<int, double>();
        var watch = new Stopwatch();
        double lastLine = 0;
        var progress = new StepClock(p =>
        {
            stamps[p.Step] = watch.Elapsed.TotalSeconds;
            if (stamps[p.Step] - lastLine < 30) return;
            // A line every 30 s, so a long run shows it is alive (the full log is RUN/train.log).
            lastLine = stamps[p.Step];
            log.WriteLine($"    step {p.Step}{(request.Seconds is null ? $"/{p.TotalSteps}" : "")}, loss {p.Loss:F4}, {p.ExamplesPerSecond:F0} examples/s, {lastLine:F0} s");
        });
        using var trainLog = new StreamWriter(Path.Combine(request.Folder, "train.log"), append: false) { AutoFlush = true };
        ProcessMemory.ResetPeak();
        watch.Start();
        TrainResult result;
        if (request.Seconds is { } seconds)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
            try
            {
                result = new Trainer(recipe, trainLog, progress).Run(resume: false, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                // Out of time: the trainer kept the state of its last finished step. Finish from there, training no
                // further: the model is saved and scored on validation once more (the closing evaluation, after the
                // budget, as the periodic ones are within it). The run's wall-clock is its budget.
                watch.Stop();
                if (!File.Exists(Path.Combine(trainDir, "checkpoint", "state.json")))
                    throw new WinnowException($"no optimizer step finished within the {seconds:0.#} s budget (give more time)");
                result = new Trainer(recipe with { Training = recipe.Training with { MaxSteps = 1 } }, trainLog).Run(resume: true, cancel);
            }
        }
        else result = new Trainer(recipe, trainLog, progress).Run(resume: false, cancel);
        watch.Stop();
        long peak = Winnow.Core.Running.PeakRss.Bytes();

        var history = History(Path.Combine(trainDir, "metrics.jsonl"), request.Metric, stamps, result.Steps);
        // The best validation score's weights: best/, or final/ when the last steps (after the last periodic
        // evaluation, scored at the end) did better still.
        bool finalIsBest = history.Count > 0 && history[^1].Step == result.Steps && history[^1].Score > history.SkipLast(1).Select(h => h.Score).DefaultIfEmpty(double.MinValue).Max();
        var model = Path.Combine(trainDir, finalIsBest ? "final" : "best");
        var test = request.Test is null ? null
            : ModelEvaluation.Run(model, request.Test, Path.Combine(request.Folder, "test"), batchSize: 128, threads: request.Threads);
        long saved = Directory.EnumerateFiles(model, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        // Keep what a user ships (the chosen weights) for main runs; the rest is resume state only.
        foreach (var dir in new[] { "checkpoint", "final", "best" })
            if (!(request.KeepModel && Path.Combine(trainDir, dir) == model) && Directory.Exists(Path.Combine(trainDir, dir)))
                Directory.Delete(Path.Combine(trainDir, dir), recursive: true);

        double secondsPerStep = MedianInterval(stamps) ?? result.SecondsPerStep;
        return new RunOutcome
        {
            History = history,
            TestAccuracy = test?.Accuracy,
            TestMacroF1 = test?.MacroF1,
            TrainableParams = result.Parameters.Trainable,
            TotalParams = result.Parameters.Total,
            SavedBytes = saved,
            PeakMemoryBytes = peak,
            SecondsPerStep = secondsPerStep,
            ExamplesPerSecond = secondsPerStep > 0 ? request.BatchSize / secondsPerStep : 0,
            Steps = result.Steps,
            WallSeconds = watch.Elapsed.TotalSeconds,
            ModelFolder = request.KeepModel ? model : null,
        };
    }

    /// <summary>
    /// One step of head-only training on two texts, once per process and off the clock: the first run would otherwise pay
    /// for reading the backbone's weights and for the JIT inside its wall-clock budget, and the others would not.
    /// </summary>
    private void WarmUp(RunRequest like)
    {
        var dir = Directory.CreateTempSubdirectory("winnow-compare-warmup-").FullName;
        try
        {
            var data = Path.Combine(dir, "data.jsonl");
            File.WriteAllText(data, "{\"text\":\"warm up\",\"label\":\"a\"}\n{\"text\":\"the model\",\"label\":\"b\"}\n");
            var request = like with { Method = "head", Train = data, Validation = data, Test = null, Epochs = 1, Seconds = null, MaxSteps = 1, EvalEvery = 1, Folder = dir };
            File.WriteAllText(Path.Combine(dir, "train.yaml"), RecipeText(request, Entries.First(e => e.Name == "head").Method!));
            new Trainer(TrainRecipeLoader.Load(Path.Combine(dir, "train.yaml")), TextWriter.Null).Run();
            _warm = true;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The training recipe of a run, as a user would write it for <c>winnow train</c>.</summary>
    internal static string RecipeText(RunRequest r, string method)
    {
        static string Q(string s) => JsonSerializer.Serialize(s); // a JSON string is a YAML double-quoted scalar
        static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        bool head = r.Method == "head";
        bool seconds = r.Seconds is not null;
        var sb = new StringBuilder();
        sb.Append("# Written by winnow compare for one run; winnow train can run it again.\n");
        sb.Append("name: ").Append(Q(Path.GetFileName(r.Folder))).Append('\n');
        sb.Append("seed: ").Append(r.Seed).Append('\n');
        sb.Append("model: minilm\ntask: single_label\n");
        sb.Append("data: {train: ").Append(Q(r.Train)).Append(", eval: ").Append(Q(r.Validation)).Append(", max_length: ").Append(r.MaxLength).Append("}\n");
        sb.Append("method: ").Append(method).Append('\n');
        // The head learns at its own rate; in head-only training that rate is the swept one.
        sb.Append("optimizer: {lr: ").Append(N(r.Lr)).Append(", weight_decay: ").Append(N(r.WeightDecay))
          .Append(", head_lr: ").Append(N(head ? r.Lr : r.HeadLr)).Append(", head_weight_decay: 0}\n");
        // Under a wall-clock budget the rate stays constant after warm-up: stopping at any moment is the same schedule for every method.
        sb.Append("schedule: {type: ").Append(seconds ? "constant" : "linear").Append(r.WarmupSteps is { } w ? $", warmup_steps: {w}" : $", warmup_ratio: {N(r.WarmupRatio)}").Append("}\n");
        sb.Append("training: {epochs: ").Append(r.Epochs ?? 10_000).Append(", batch_size: ").Append(r.BatchSize)
          .Append(", eval_every: ").Append(r.EvalEvery).Append(", save_every: ").Append(r.EvalEvery)
          .Append(", metric: ").Append(r.Metric).Append(", log_every: 10");
        if (r.MaxSteps is { } max) sb.Append(", max_steps: ").Append(max);
        sb.Append("}\n");
        if (r.Threads is { } t) sb.Append("threads: ").Append(t).Append('\n');
        sb.Append("output: ").Append(Q(Path.Combine(r.Folder, "train"))).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// The validation evaluations of <c>metrics.jsonl</c>, each with the wall-clock of its step, and the final model's
    /// score (the trainer evaluates it at the end) when the last step was not an evaluation step.
    /// </summary>
    private static List<Winnow.Compare.Running.EvalPoint> History(string metricsPath, string metric, IReadOnlyDictionary<int, double> stamps, int lastStep)
    {
        var points = new List<Winnow.Compare.Running.EvalPoint>();
        if (!File.Exists(metricsPath)) return points;
        foreach (var line in File.ReadLines(metricsPath))
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            var kind = e.GetProperty("event").GetString();
            if (kind is not ("eval" or "done") || !e.TryGetProperty(metric, out var score) || score.ValueKind != JsonValueKind.Number) continue;
            int step = e.GetProperty("step").GetInt32();
            if (kind == "done" && (step != lastStep || points.Any(p => p.Step == step))) continue;
            points.Add(new Winnow.Compare.Running.EvalPoint(step, stamps.GetValueOrDefault(step), score.GetDouble()));
        }
        return points;
    }

    /// <summary>The median time between consecutive optimizer steps: evaluations and checkpoints are rare outliers it ignores.</summary>
    private static double? MedianInterval(IReadOnlyDictionary<int, double> stamps)
    {
        var intervals = stamps.Where(s => stamps.ContainsKey(s.Key - 1)).Select(s => s.Value - stamps[s.Key - 1]).Order().ToArray();
        return intervals.Length == 0 ? null : intervals[intervals.Length / 2];
    }

    /// <summary>Reports on the training thread at once (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class StepClock(Action<TrainProgress> report) : IProgress<TrainProgress>
    {
        public void Report(TrainProgress value) => report(value);
    }
}
