using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Winnow.Core.Recipes;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Core.Running;

/// <summary>
/// The per-record text steps of a recipe (<see cref="IReplayableTextStep"/>: <c>normalize</c>, <c>pii.redact</c>, …)
/// with their options, written by a run as <c>text_steps.json</c> in its output folder, and replayed on new texts:
/// a model trained on normalised, redacted text (<c>&lt;PHONE&gt;</c>) must see the same at prediction.
/// Steps under <c>where</c> are left out (they changed only some records). The options are the bound ones, written
/// as JSON in the recipe's snake_case names, and read back through the same binder, so their defaults are not
/// copied into the file twice.
/// </summary>
public static class TextSteps
{
    public const string FileName = "text_steps.json";
    private const string Schema = "winnow.text_steps/1";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    /// <summary>Writes <see cref="FileName"/> into <paramref name="outDir"/> when the recipe has text steps; returns its path or null.</summary>
    public static string? Write(Recipe recipe, string outDir)
    {
        var steps = new JsonArray();
        for (var i = 0; i < recipe.Steps.Count; i++)
        {
            var spec = recipe.Steps[i];
            var work = Path.Combine(Path.GetTempPath(), "winnow-text-steps");
            if (spec.Create(new StepContext(spec.Name, i, recipe.Seed, work, recipe.BaseDirectory)) is not IReplayableTextStep) continue;
            steps.Add(new JsonObject { [spec.Name] = JsonSerializer.SerializeToNode(spec.Options, spec.Options.GetType(), Json) });
        }
        var path = Path.Combine(outDir, FileName);
        if (steps.Count == 0)
        {
            if (File.Exists(path)) File.Delete(path);
            return null;
        }
        var doc = new JsonObject { ["schema"] = Schema, ["recipe"] = recipe.Name, ["recipe_sha256"] = recipe.Sha256, ["steps"] = steps };
        File.WriteAllText(path, doc.ToJsonString(Json) + "\n");
        return path;
    }

    /// <summary>
    /// The text steps of <paramref name="file"/> as one function, built with <paramref name="registry"/>; the names of
    /// the steps, for messages. A step that would drop the text (<c>pii.redact</c> with <c>mode: drop</c>) leaves it unchanged.
    /// </summary>
    public static (Func<string, string> Apply, IReadOnlyList<string> Names) Load(string file, StepRegistry registry)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(file)); }
        catch (JsonException e) { throw new WinnowException($"{file}: not valid JSON ({e.Message})"); }
        if (root?["schema"]?.GetValue<string>() != Schema || root["steps"] is not JsonArray list)
            throw new WinnowException($"{file}: not a winnow text_steps file (schema {Schema})");
        // One recipe through the one binder: JSON is YAML's flow style.
        var yaml = new StringBuilder("inputs: [x.jsonl]\nsteps:\n");
        foreach (var step in list) yaml.Append("  - ").Append(step!.ToJsonString()).Append('\n');
        yaml.Append("outputs: [x.jsonl]\n");
        var recipe = RecipeLoader.Parse(yaml.ToString(), file, registry);
        var steps = recipe.Steps.Select((s, i) => (IRecordStep)s.Create(new StepContext(s.Name, i, 0, Path.GetTempPath(), Path.GetDirectoryName(file)!))).ToList();
        return (text =>
        {
            var record = new Record { Id = "", Text = text };
            foreach (var s in steps)
                if (s.Apply(record, 0).Kept is { } kept) record = kept;
            return record.Text ?? text;
        }, recipe.Steps.Select(s => s.Name).ToList());
    }

    /// <summary>
    /// The text steps file for a model trained on <paramref name="trainData"/>: the run's <see cref="FileName"/> in the
    /// data file's folder or up to two folders above it (<c>out/x/train/data.jsonl</c> → <c>out/x/text_steps.json</c>).
    /// </summary>
    public static string? FindForData(string trainData)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(trainData));
        for (var up = 0; up < 3 && dir is not null; up++, dir = Path.GetDirectoryName(dir))
            if (File.Exists(Path.Combine(dir, FileName))) return Path.Combine(dir, FileName);
        return null;
    }
}
