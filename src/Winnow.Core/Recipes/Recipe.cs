using Winnow.Core.IO;
using Winnow.Core.Steps;

namespace Winnow.Core.Recipes;

/// <summary>A validated recipe: inputs → steps → outputs. Built by <see cref="RecipeLoader"/>.</summary>
public sealed record Recipe
{
    public required string Name { get; init; }

    /// <summary>The recipe file as the user named it (for messages) and its folder (inputs resolve against it).</summary>
    public required string File { get; init; }

    public required string BaseDirectory { get; init; }

    /// <summary>SHA-256 of the recipe file's bytes, hex.</summary>
    public required string Sha256 { get; init; }

    public long Seed { get; init; } = 42;

    /// <summary>Source records per chunk: the unit of parallel work and of resume.</summary>
    public int ChunkSize { get; init; } = 10_000;

    public required IReadOnlyList<RecipeInput> Inputs { get; init; }

    public required IReadOnlyList<StepSpec> Steps { get; init; }

    public required IReadOnlyList<OutputSpec> Outputs { get; init; }

    /// <summary>What the dataset card cannot learn from the run (licence, tasks, description).</summary>
    public Reporting.CardOptions Card { get; init; } = new();

    /// <summary>The optional <c>executor:</c> section: resources per shard task under a scheduler.</summary>
    public Running.Executors.ExecutorSection Executor { get; init; } = new();

    /// <summary>The optional <c>llm:</c> section, resolved against <c>WINNOW_LLM_*</c> when the recipe was loaded.</summary>
    public Services.LlmSettings Llm { get; init; } = new Services.LlmSettings().Resolve();
}

/// <summary>An input with constant meta fields to add to each of its records (e.g. <c>split: test</c>).</summary>
/// <summary>One input of a recipe; <paramref name="Line"/>: where the recipe names it (for messages).</summary>
public sealed record RecipeInput(InputSpec Spec, IReadOnlyDictionary<string, string> Meta, int Line = 0);

/// <summary>One step of a recipe: its name, its validated options, and where it was written (for messages).</summary>
public sealed record StepSpec(string Name, object Options, int Line, Func<StepContext, IStep> Create);
