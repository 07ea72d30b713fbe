using System.Text.Json;
using Winnow.Core;

namespace Winnow.Augmentation.Synthesis;

/// <summary>An instruction task: what to do, what to do it on (may be empty), and a good answer.</summary>
public sealed record SeedTask(string Instruction, string Input, string Output);

/// <summary>Seed tasks in Self-Instruct's format (<c>{"instruction", "instances": [{"input", "output"}]}</c> per line).</summary>
public static class SeedTasks
{
    /// <summary>Self-Instruct's 175 human-written seed tasks (Apache-2.0; see <c>Synthesis/SelfInstruct/SOURCE.md</c>).</summary>
    public static IReadOnlyList<SeedTask> SelfInstruct()
    {
        using var stream = typeof(SeedTasks).Assembly.GetManifestResourceStream("Winnow.Augmentation.Synthesis.seed_tasks.jsonl")
            ?? throw new InvalidOperationException("embedded seed tasks missing");
        return Read(new StreamReader(stream), "seed_tasks.jsonl");
    }

    /// <summary>Seed tasks from a JSONL file in the same format (or with top-level <c>input</c>/<c>output</c>).</summary>
    public static IReadOnlyList<SeedTask> FromFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    private static List<SeedTask> Read(TextReader reader, string name)
    {
        var tasks = new List<SeedTask>();
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                var instance = root.TryGetProperty("instances", out var instances) && instances.GetArrayLength() > 0 ? instances[0] : root;
                tasks.Add(new SeedTask(
                    root.GetProperty("instruction").GetString() ?? throw new InputException(name, line, "instruction is null", "instruction"),
                    instance.TryGetProperty("input", out var input) ? input.GetString() ?? "" : "",
                    instance.TryGetProperty("output", out var output) ? output.GetString() ?? "" : ""));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InputException(name, line, $"not a seed task ({e.Message})", inner: e);
            }
        }
        return tasks;
    }
}
