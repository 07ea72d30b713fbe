using Winnow.Compare.Running;

namespace Winnow.Compare.Tests.Running;

/// <summary>
/// A trainer whose figures are a function of the request (for the comparison's own logic: order, resume, failures,
/// aggregation). The real trainer is exercised end to end in Winnow.Cli.Tests.
/// </summary>
internal sealed class ScriptedTrainer : IRunTrainer
{
    public List<RunRequest> Calls { get; } = [];

    /// <summary>Methods whose runs throw this message.</summary>
    public Dictionary<string, string> Failing { get; } = [];

    /// <summary>Validation score of a request; default: higher for rates nearer 2× the default.</summary>
    public Func<RunRequest, double> Score { get; set; } = r => 0.9 - Math.Abs(Math.Log(r.Lr / 2e-3)) / 10 + r.Seed % 3 / 100.0;

    /// <summary>Test accuracy of a request; default: its validation score − 0.02.</summary>
    public Func<RunRequest, double>? TestScore { get; set; }

    public IReadOnlyDictionary<string, MethodInfo> Methods { get; init; } = new Dictionary<string, MethodInfo>
    {
        ["full"] = new("full", "every weight trains", 5e-5),
        ["lora"] = new("lora", "low-rank updates", 1e-3),
        ["head"] = new("head", "only the head", 1e-2),
        ["prefix"] = new("prefix", "prefixes", 1e-2, Available: false),
    };

    public RunOutcome Train(RunRequest request, TextWriter log, CancellationToken cancel)
    {
        Calls.Add(request);
        if (Failing.TryGetValue(request.Method, out var error)) throw new InvalidOperationException(error);
        double score = Score(request);
        // What the real trainer leaves behind that names paths: the run's recipe and its kept model.
        Directory.CreateDirectory(request.Folder);
        File.WriteAllText(Path.Combine(request.Folder, "train.yaml"),
            $"data: {{train: {System.Text.Json.JsonSerializer.Serialize(request.Train)}}}\noutput: {System.Text.Json.JsonSerializer.Serialize(Path.Combine(request.Folder, "train"))}\n");
        bool head = request.Method == "head";
        return new RunOutcome
        {
            History = [new(10, 1.5, score - 0.1), new(20, 3.0, score), new(30, 4.5, score - 0.01)],
            TestAccuracy = request.Test is null ? null : TestScore?.Invoke(request) ?? score - 0.02,
            TestMacroF1 = request.Test is null ? null : score - 0.03,
            TrainableParams = head ? 1_000 : 100_000,
            TotalParams = 22_000_000,
            SavedBytes = head ? 8_000 : 400_000,
            PeakMemoryBytes = head ? 500L << 20 : 900L << 20,
            SecondsPerStep = head ? 0.01 : 0.5,
            ExamplesPerSecond = head ? 3200 : 64,
            Steps = 30,
            WallSeconds = 5,
            ModelFolder = request.KeepModel ? Path.Combine(request.Folder, "train", "best") : null,
        };
    }
}
