using TorchSharp.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Winnow.Tuning.Files;

/// <summary>Named tensors to and from safetensors files, with errors that name the file and the tensor.</summary>
public static class TensorFiles
{
    /// <summary>Writes <paramref name="tensors"/> (detached, on the CPU, contiguous) under their names.</summary>
    public static void Save(string path, IEnumerable<(string Name, Tensor Tensor)> tensors)
    {
        var d = tensors.ToDictionary(p => p.Name, p => p.Tensor.detach().cpu().contiguous(), StringComparer.Ordinal);
        try { Safetensors.SaveStateDict(path, d); }
        finally { foreach (var t in d.Values) t.Dispose(); }
    }

    public static void Save(string path, IEnumerable<(string Name, Parameter Parameter)> parameters) =>
        Save(path, parameters.Select(p => (p.Name, (Tensor)p.Parameter)));

    /// <summary>
    /// Copies each tensor of the file into the parameter <paramref name="nameOf"/> maps its key to; a key that maps to
    /// no parameter, or a shape that differs, is an input error. With <paramref name="strict"/>, every parameter
    /// must be in the file. A key <paramref name="nameOf"/> maps to null is skipped (a tensor the caller reads itself).
    /// </summary>
    public static void LoadInto(string path, IReadOnlyDictionary<string, Parameter> parameters, bool strict, Func<string, string?>? nameOf = null, string hint = "")
    {
        if (!File.Exists(path)) throw new InputException(path, 0, "missing weights file");
        var state = Safetensors.LoadStateDict(path);
        try
        {
            var missing = new HashSet<string>(parameters.Keys, StringComparer.Ordinal);
            using var noGrad = no_grad();
            foreach (var (key, value) in state)
            {
                var name = nameOf is null ? key : nameOf(key);
                if (name is null) continue;
                if (!parameters.TryGetValue(name, out var p))
                    throw new InputException(path, 0, $"tensor '{key}' matches no parameter of the model{hint}");
                if (!p.shape.SequenceEqual(value.shape))
                    throw new InputException(path, 0, $"tensor '{key}' is [{string.Join(", ", value.shape)}], the model wants [{string.Join(", ", p.shape)}]");
                p.copy_(value);
                missing.Remove(name);
            }
            if (strict && missing.Count > 0) throw new InputException(path, 0, $"missing tensors, e.g. '{missing.First()}'");
        }
        finally
        {
            foreach (var t in state.Values) t.Dispose();
        }
    }

    /// <summary>Reads one tensor of a file (the caller disposes it).</summary>
    public static Tensor Read(string path, string key)
    {
        if (!File.Exists(path)) throw new InputException(path, 0, "missing weights file");
        var state = Safetensors.LoadStateDict(path);
        if (!state.Remove(key, out var t)) { foreach (var x in state.Values) x.Dispose(); throw new InputException(path, 0, $"no tensor '{key}'"); }
        foreach (var x in state.Values) x.Dispose();
        return t;
    }
}
