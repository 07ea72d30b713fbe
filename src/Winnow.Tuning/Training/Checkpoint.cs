using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Winnow.Tuning.Training;

/// <summary>
/// A resumable checkpoint folder: <c>trainable.safetensors</c> (every trainable parameter), <c>optimizer.safetensors</c>
/// (AdamW moments and the torch RNG state) and <c>state.json</c>. Written to a temporary folder and renamed, so a
/// kill during the save leaves the previous checkpoint intact.
/// </summary>
internal static class Checkpoint
{
    private const string Weights = "trainable.safetensors", Optimizer = "optimizer.safetensors", State = "state.json";
    private const string RngKey = "__rng_state__";

    public static bool Exists(string dir) => File.Exists(Path.Combine(dir, State));

    /// <summary>The saved position and fingerprint, without loading any weights.</summary>
    public static TrainState ReadState(string dir) => TrainState.FromJson(File.ReadAllText(Path.Combine(dir, State)));

    public static void Save(string dir, IEnumerable<(string Name, Tensor Param)> trainable, AdamW optimizer, TrainState state)
    {
        var tmp = dir.TrimEnd('/') + ".tmp";
        if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
        Directory.CreateDirectory(tmp);
        var weights = trainable.ToDictionary(p => p.Name, p => p.Param.detach().cpu().contiguous(), StringComparer.Ordinal);
        Safetensors.SaveStateDict(Path.Combine(tmp, Weights), weights);
        foreach (var t in weights.Values) t.Dispose();
        var opt = optimizer.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().cpu().contiguous(), StringComparer.Ordinal);
        opt[RngKey] = get_rng_state();
        Safetensors.SaveStateDict(Path.Combine(tmp, Optimizer), opt);
        foreach (var t in opt.Values) t.Dispose();
        File.WriteAllText(Path.Combine(tmp, State), state.ToJson());
        var old = dir.TrimEnd('/') + ".old";
        if (Directory.Exists(old)) Directory.Delete(old, true);
        if (Directory.Exists(dir)) Directory.Move(dir, old);
        Directory.Move(tmp, dir);
        if (Directory.Exists(old)) Directory.Delete(old, true);
    }

    /// <summary>Restores weights, optimizer moments and RNG; returns the saved position.</summary>
    public static TrainState Load(string dir, IReadOnlyDictionary<string, Tensor> trainable, AdamW optimizer)
    {
        var state = TrainState.FromJson(File.ReadAllText(Path.Combine(dir, State)));
        var weights = Safetensors.LoadStateDict(Path.Combine(dir, Weights));
        using (no_grad())
        {
            foreach (var (name, p) in trainable)
            {
                if (!weights.TryGetValue(name, out var w))
                    throw new WinnowException($"{dir}: checkpoint has no weights for '{name}' (was the recipe's method changed?)");
                p.copy_(w);
            }
        }
        foreach (var t in weights.Values) t.Dispose();
        var opt = Safetensors.LoadStateDict(Path.Combine(dir, Optimizer));
        optimizer.LoadState(opt, state.Step);
        set_rng_state(opt[RngKey]);
        foreach (var t in opt.Values) t.Dispose();
        return state;
    }
}
