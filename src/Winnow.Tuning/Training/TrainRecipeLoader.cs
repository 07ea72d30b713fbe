using Winnow.Tuning.Peft;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Winnow.Tuning.Training;

/// <summary>
/// Binds a training recipe's YAML to <see cref="TrainRecipe"/> and validates it before anything runs. Paths in
/// the YAML are relative to its folder. Every error is a <see cref="RecipeException"/> naming file, line and key.
/// </summary>
public static class TrainRecipeLoader
{
    public static TrainRecipe Load(string path)
    {
        if (!File.Exists(path)) throw new WinnowException($"{path}: no such recipe file");
        return Parse(File.ReadAllText(path), path);
    }

    public static TrainRecipe Parse(string yaml, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new RecipeException(path, (int)e.Start.Line, "(yaml)", e.Message);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new RecipeException(path, 1, "(root)", "a training recipe is a mapping with at least 'data' and 'method'");
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string Resolve(string p) => Path.GetFullPath(Path.Combine(dir, p));

        var top = new YamlSection(path, "", root);
        var name = top.String("name") ?? Path.GetFileNameWithoutExtension(path);
        var data = top.Section("data");
        top.Require("data", data);
        var train = data!.String("train");
        data.Require("train", train);
        var eval = data.String("eval");
        var dataOptions = new DataOptions
        {
            Train = Resolve(train!),
            Eval = eval is null ? null : Resolve(eval),
            TextField = data.String("text_field") ?? "text",
            LabelField = data.String("label_field") ?? "label",
            MaxLength = data.Int("max_length", 3, 512) ?? 64,
            Limit = data.Int("limit", 1),
            EvalLimit = data.Int("eval_limit", 1),
        };
        data.RejectUnknown();

        var task = top.Choice("task", "single_label", "multi_label") == "multi_label" ? TaskKind.MultiLabel : TaskKind.SingleLabel;
        if (task == TaskKind.MultiLabel && dataOptions.LabelField == "label")
            dataOptions = dataOptions with { LabelField = "labels" };

        var recipe = new TrainRecipe
        {
            Name = name,
            Seed = top.Long("seed") ?? 42,
            Model = top.Choice("model", "minilm") ?? "minilm",
            Task = task,
            Data = dataOptions,
            Method = Method(top.Section("method"), path),
            Optimizer = Optimizer(top.Section("optimizer")),
            Schedule = Schedule(top.Section("schedule")),
            Training = Loop(top.Section("training")),
            Output = Resolve(top.String("output") ?? Path.Combine("out", "train", name)),
            Device = top.String("device") ?? "cpu",
            Threads = top.Int("threads", 1, 1024),
        };
        if (!(recipe.Device == "cpu" || recipe.Device.StartsWith("cuda", StringComparison.Ordinal)))
            throw new RecipeException(path, top.Line, "device", $"'{recipe.Device}' is not cpu, cuda or cuda:N");
        top.RejectUnknown();
        return recipe;
    }

    private static PeftOptions Method(YamlSection? s, string path)
    {
        if (s is null) return new PeftOptions();
        var kind = s.Choice("type", "lora", "full", "head") switch
        {
            "full" => PeftKind.Full,
            "head" => PeftKind.Head,
            _ => PeftKind.Lora,
        };
        var (list, pattern) = s.ListOrScalar("target_modules");
        var options = new PeftOptions
        {
            Kind = kind,
            R = s.Int("r", 1, 4096) ?? 8,
            Alpha = s.Double("alpha", 0) ?? 8,
            Dropout = s.Double("dropout", 0, 0.99) ?? 0,
            UseRsLora = s.Bool("use_rslora") ?? false,
            CacheFeatures = s.Bool("cache_features") ?? true,
            Targets = pattern is not null ? TargetModules.Regex(pattern)
                : list is not null ? TargetModules.Of([.. list]) : TargetModules.Of("query", "value"),
        };
        if (list is { Count: 0 }) throw new RecipeException(path, s.Line, "method.target_modules", "is empty; name at least one module");
        if (kind != PeftKind.Head && s.Bool("cache_features") == true)
            throw new RecipeException(path, s.Line, "method.cache_features", "applies to type: head only (the encoder trains in the other methods, so its features change every step)");
        s.RejectUnknown();
        return options;
    }

    private static OptimizerOptions Optimizer(YamlSection? s)
    {
        if (s is null) return new OptimizerOptions();
        var o = new OptimizerOptions
        {
            Lr = s.Double("lr", 0, 10) ?? 5e-5,
            WeightDecay = s.Double("weight_decay", 0, 10) ?? 0,
            Beta1 = s.Double("beta1", 0, 0.999999) ?? 0.9,
            Beta2 = s.Double("beta2", 0, 0.999999999) ?? 0.999,
            Eps = s.Double("eps", 0, 1) ?? 1e-8,
            HeadLr = s.Double("head_lr", 0, 10),
            HeadWeightDecay = s.Double("head_weight_decay", 0, 10),
        };
        s.RejectUnknown();
        return o;
    }

    private static ScheduleOptions Schedule(YamlSection? s)
    {
        if (s is null) return new ScheduleOptions();
        var o = new ScheduleOptions
        {
            Kind = s.Choice("type", "linear", "cosine", "constant") switch
            {
                "cosine" => ScheduleKind.Cosine,
                "constant" => ScheduleKind.Constant,
                _ => ScheduleKind.Linear,
            },
            WarmupRatio = s.Double("warmup_ratio", 0, 1) ?? 0,
            WarmupSteps = s.Int("warmup_steps", 0),
        };
        s.RejectUnknown();
        return o;
    }

    private static LoopOptions Loop(YamlSection? s)
    {
        if (s is null) return new LoopOptions();
        var o = new LoopOptions
        {
            Epochs = s.Int("epochs", 1, 10_000) ?? 3,
            BatchSize = s.Int("batch_size", 1, 1 << 16) ?? 8,
            GradAccumulation = s.Int("grad_accumulation", 1, 4096) ?? 1,
            MaxGradNorm = s.Double("max_grad_norm", 0) ?? 1.0,
            EvalEvery = s.Int("eval_every", 0) ?? 0,
            SaveEvery = s.Int("save_every", 1) ?? 500,
            EarlyStoppingPatience = s.Int("early_stopping_patience", 0) ?? 0,
            Metric = s.Choice("metric", "accuracy", "macro_f1") ?? "accuracy",
            MaxSteps = s.Int("max_steps", 1),
            LogEvery = s.Int("log_every", 1) ?? 10,
            EvalBatchSize = s.Int("eval_batch_size", 1, 1 << 16) ?? 128,
            HeadDropout = s.Double("head_dropout", 0, 0.99) ?? 0.1,
            GroupByLength = s.Bool("group_by_length") ?? false,
        };
        s.RejectUnknown();
        return o;
    }
}
