using System.ComponentModel.DataAnnotations;
using Winnow.Tuning.Methods;
using Winnow.Tuning.Methods.Lora;
using Winnow.Tuning.Tasks;

namespace Winnow.Tuning.Training;


public enum ScheduleKind { Linear, Cosine, Constant }

/// <summary>
/// A training recipe (<c>winnow train train.yaml</c>): one explicit set of choices, bound from YAML by
/// <see cref="TrainRecipeLoader"/> through Core's YAML binder (the one pipeline recipes use). Property names are the
/// YAML keys in snake_case. Paths are absolute once loaded (the YAML's are relative to its folder). Defaults, unless
/// noted, are Hugging Face transformers' TrainingArguments.
/// </summary>
public sealed record TrainRecipe
{
    /// <summary>Default: the recipe file's stem.</summary>
    public string Name { get; init; } = "train";

    /// <summary>Seeds data order, initialisation and dropout (transformers: 42).</summary>
    public long Seed { get; init; } = 42;

    /// <summary>The backbone, from <see cref="Backbones.BackboneRegistry"/>: <c>minilm</c> (sentence-transformers/all-MiniLM-L6-v2).</summary>
    public string Model { get; init; } = "minilm";

    public TaskKind Task { get; init; } = TaskKind.SingleLabel;

    public required DataOptions Data { get; init; }

    /// <summary>The fine-tuning method and its options (<see cref="MethodRegistry"/>); default LoRA.</summary>
    public MethodOptions Method { get; init; } = new LoraOptions { Type = "lora" };

    public OptimizerOptions Optimizer { get; init; } = new();

    public ScheduleOptions Schedule { get; init; } = new();

    public LoopOptions Training { get; init; } = new();

    /// <summary>Output folder: checkpoint/, best/, final/, metrics.jsonl, eval.json. Default out/train/&lt;name&gt;.</summary>
    public string Output { get; init; } = "";

    /// <summary><c>cpu</c> or <c>cuda</c> (<c>cuda:N</c>).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Torch intra-op threads; default: every core.</summary>
    [Range(1, 1024)] public int? Threads { get; init; }
}

public sealed record DataOptions
{
    /// <summary>Training records (JSONL as the pipeline writes it).</summary>
    public required string Train { get; init; }

    /// <summary>Evaluated every <see cref="LoopOptions.EvalEvery"/> steps (or each epoch), for the best checkpoint and early stopping.</summary>
    public string? Eval { get; init; }

    public string TextField { get; init; } = "text";

    /// <summary>Single-label field; multi-label reads <c>labels</c> unless this names another.</summary>
    public string LabelField { get; init; } = "label";

    /// <summary>Tokens per text, [CLS] and [SEP] included; batches pad to their longest text (dynamic padding).</summary>
    [Range(3, 512)] public int MaxLength { get; init; } = 64;

    /// <summary>Use only the first N training records (smoke runs); default all.</summary>
    [Range(1, int.MaxValue)] public int? Limit { get; init; }

    [Range(1, int.MaxValue)] public int? EvalLimit { get; init; }
}

public sealed record OptimizerOptions
{
    /// <summary>The base learning rate: the recipe's, or the method's default.</summary>
    public double LrFor(MethodOptions method) => Lr ?? method.DefaultLr;

    /// <summary>AdamW learning rate for what the method trains; default: the method's (<see cref="MethodOptions.DefaultLr"/>).</summary>
    [Range(0.0, 10.0)] public double? Lr { get; init; }

    /// <summary>Decoupled weight decay (transformers: 0). Biases and LayerNorm weights never decay, as in transformers' Trainer.</summary>
    [Range(0.0, 10.0)] public double WeightDecay { get; init; }

    [Range(0.0, 0.999999)] public double Beta1 { get; init; } = 0.9;
    [Range(0.0, 0.999999999)] public double Beta2 { get; init; } = 0.999;
    [Range(0.0, 1.0)] public double Eps { get; init; } = 1e-8;

    /// <summary>The newly initialised head's own learning rate; default: the base rate.</summary>
    [Range(0.0, 10.0)] public double? HeadLr { get; init; }

    /// <summary>The head's own weight decay; default: <see cref="WeightDecay"/>.</summary>
    [Range(0.0, 10.0)] public double? HeadWeightDecay { get; init; }
}

public sealed record ScheduleOptions
{
    /// <summary>transformers: linear (YAML key <c>type</c>).</summary>
    public ScheduleKind Type { get; init; } = ScheduleKind.Linear;

    /// <summary>Fraction of the optimizer steps spent warming up from 0 (transformers: 0).</summary>
    [Range(0.0, 1.0)] public double WarmupRatio { get; init; }

    /// <summary>Warm-up steps; overrides <see cref="WarmupRatio"/> when set.</summary>
    [Range(0, int.MaxValue)] public int? WarmupSteps { get; init; }
}

public sealed record LoopOptions
{
    /// <summary>transformers: 3.</summary>
    [Range(1, 10_000)] public int Epochs { get; init; } = 3;

    /// <summary>Examples per micro-batch (transformers: 8).</summary>
    [Range(1, 1 << 16)] public int BatchSize { get; init; } = 8;

    /// <summary>Micro-batches per optimizer step (transformers: 1).</summary>
    [Range(1, 4096)] public int GradAccumulation { get; init; } = 1;

    /// <summary>Global gradient-norm clip; 0 turns it off (transformers: 1.0).</summary>
    [Range(0.0, 1e9)] public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Evaluate every N optimizer steps; 0 evaluates at the end of each epoch.</summary>
    [Range(0, int.MaxValue)] public int EvalEvery { get; init; }

    /// <summary>Write a resumable checkpoint every N optimizer steps (transformers: 500); also after each evaluation.</summary>
    [Range(1, int.MaxValue)] public int SaveEvery { get; init; } = 500;

    /// <summary>Stop after this many evaluations without improvement; 0 never stops early.</summary>
    [Range(0, int.MaxValue)] public int EarlyStoppingPatience { get; init; }

    /// <summary>
    /// Which evaluation metric picks the best checkpoint: accuracy, macro_f1, or f1 (entity F1); default accuracy for
    /// sequence tasks and f1 for token classification (token accuracy and macro-F1 over entity types are the others).
    /// </summary>
    [AllowedValues("accuracy", "macro_f1", "f1")] public string? Metric { get; init; }

    /// <summary>The metric for <paramref name="task"/>: the recipe's, or the task's default.</summary>
    public string MetricFor(TaskKind task) => Metric ?? (task == TaskKind.TokenClassification ? "f1" : "accuracy");

    /// <summary>Stop after this many optimizer steps (the schedule still spans the epochs); default: no limit.</summary>
    [Range(1, int.MaxValue)] public int? MaxSteps { get; init; }

    /// <summary>A metrics line every N optimizer steps (transformers: 500; lower here, runs are short).</summary>
    [Range(1, int.MaxValue)] public int LogEvery { get; init; } = 10;

    [Range(1, 1 << 16)] public int EvalBatchSize { get; init; } = 128;

    /// <summary>Batch texts of similar length together (transformers' group_by_length, default false): less padding, faster steps.</summary>
    public bool GroupByLength { get; init; }

    /// <summary>Dropout before the head (BERT's hidden dropout, 0.1).</summary>
    [Range(0.0, 0.99)] public double HeadDropout { get; init; } = 0.1;
}
