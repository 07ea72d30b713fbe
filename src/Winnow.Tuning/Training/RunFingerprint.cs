using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Winnow.Tuning.Methods;

namespace Winnow.Tuning.Training;

/// <summary>
/// What a checkpoint was trained with: the recipe (less what may change between a run and its resumption: output
/// folder, device, threads, max_steps), the seed, and the bytes of the data files. <c>--resume</c> under another
/// recipe, seed or data is refused, as <c>winnow run</c> refuses it, saying which changed.
/// </summary>
public sealed record RunFingerprint(string Recipe, long Seed, string Data)
{
    public static RunFingerprint Of(TrainRecipe r)
    {
        var stable = r with { Output = "", Device = "", Threads = null, Seed = 0, Training = r.Training with { MaxSteps = null } };
        var recipe = JsonSerializer.Serialize(stable) + MethodRegistry.ToJson(r.Method).ToJsonString();
        var data = string.Join(",", new[] { r.Data.Train, r.Data.Eval }.Where(p => p is not null).Select(p => FileHash(p!)));
        return new RunFingerprint(Hash(Encoding.UTF8.GetBytes(recipe)), r.Seed, data);
    }

    /// <summary>Throws (exit 2) when <paramref name="state"/>'s checkpoint came from another recipe, seed or data.</summary>
    public void Check(TrainState state, string checkpointDir)
    {
        var changed = new List<string>();
        if (state.Seed != Seed) changed.Add($"the seed ({state.Seed} in the checkpoint, {Seed} now)");
        if (state.RecipeHash is { } recipe && recipe != Recipe) changed.Add("the recipe (method, task, data options, optimizer, schedule or training keys)");
        if (state.DataHash is { } data && data != Data) changed.Add("the data (the bytes of data.train or data.eval)");
        if (changed.Count > 0)
            throw new WinnowException($"{checkpointDir}: --resume refused: {string.Join(", ", changed)} changed since the checkpoint was written; "
                + "resume with what it was trained with, or train into another output folder", 2);
    }

    private static string FileHash(string path)
    {
        if (!File.Exists(path)) return "missing";
        using var s = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(s))[..16];
    }

    private static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes))[..16];
}
