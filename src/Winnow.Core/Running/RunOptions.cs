namespace Winnow.Core.Running;

/// <summary>How to run a recipe: where to write, which seed, whether to pick up a killed run.</summary>
public sealed record RunOptions
{
    /// <summary>The output folder; the CLI defaults it to <c>out/&lt;recipe name&gt;</c>.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Overrides the recipe's seed.</summary>
    public long? Seed { get; init; }

    /// <summary>Continue from the last finished chunk of a killed run with the same recipe, seed and inputs.</summary>
    public bool Resume { get; init; }

    /// <summary>Degree of parallelism for per-record steps; default all cores (<see cref="Environment.ProcessorCount"/>).</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Stop after this many chunks (for tests of resume: a run that "dies" at a known place).</summary>
    public int? StopAfterChunks { get; init; }

    /// <summary>Called before each move and write of the finish, with what it is about to do (tests throw there: a kill at that point).</summary>
    internal Action<string>? FinishFault { get; init; }
}

/// <summary>Receives progress; the CLI renders it as a bar on a terminal, or as plain log lines.</summary>
public interface IRunObserver
{
    /// <summary>A phase starts: its number, the steps it runs, and the records it expects (null if unknown).</summary>
    void PhaseStarted(int phase, int phases, string description, long? expectedRecords);

    /// <summary>The records the current phase expects, once known (the input scan runs beside the first phase).</summary>
    void Expect(long expectedRecords) { }

    /// <summary>Source records of the current phase processed so far.</summary>
    void Progress(long processed);

    void Message(string text);
}

public sealed class NullRunObserver : IRunObserver
{
    public static readonly NullRunObserver Instance = new();
    public void PhaseStarted(int phase, int phases, string description, long? expectedRecords) { }
    public void Progress(long processed) { }
    public void Message(string text) { }
}
