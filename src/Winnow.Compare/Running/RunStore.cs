using System.Text.Json;
using Winnow.Core.Running;
using System.Text.Json.Serialization;
using Winnow.Compare.Planning;

namespace Winnow.Compare.Running;

/// <summary>What one run did: its request's fingerprint, and its outcome or its error.</summary>
public sealed record RunRecord
{
    public required string Id { get; init; }
    public required RunKind Kind { get; init; }
    public required string Method { get; init; }
    public required string Variant { get; init; }
    public required double Fraction { get; init; }
    public required long Seed { get; init; }
    public double? Lr { get; init; }

    /// <summary>Training examples the run saw (after the fraction).</summary>
    public int TrainExamples { get; init; }

    /// <summary>SHA-256 of the request and of the data files: a resumed comparison reuses a result only when this matches.</summary>
    public required string Fingerprint { get; init; }

    public string? Error { get; init; }
    public RunOutcome? Outcome { get; init; }

    [JsonIgnore] public bool Ok => Error is null && Outcome is not null;

    /// <summary>The best validation score of the run's history.</summary>
    [JsonIgnore] public double? BestValidation => Outcome is { History.Count: > 0 } o ? o.History.Max(h => h.Score) : null;
}

/// <summary>
/// Each run's <c>result.json</c> in its folder, written through a temporary file and a rename: a killed comparison
/// leaves either a whole result or none, and continues with the runs that have none.
/// </summary>
public static class RunStore
{
    public const string FileName = "result.json";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Readable text (α, apostrophes) in a file people read; it is never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(string runFolder, RunRecord record)
    {
        Directory.CreateDirectory(runFolder);
        Files.WriteAtomically(Path.Combine(runFolder, FileName), JsonSerializer.Serialize(record, Json));
    }

    /// <summary>The finished, successful result with this fingerprint, or null (none, unreadable, failed or stale).</summary>
    public static RunRecord? ReadFinished(string runFolder, string fingerprint)
    {
        var path = Path.Combine(runFolder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var record = JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path), Json);
            return record is { Ok: true } && record.Fingerprint == fingerprint ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
