using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace Winnow.Tuning.Modules;

/// <summary>
/// A module that a fine-tuning method adds to a model (a LoRA wrapper, a bottleneck adapter, a prompt or prefix
/// encoder). It declares which of its own parameters train (torchtune's <c>adapter_params()</c>), so no code finds
/// a method's weights by matching parameter names.
/// </summary>
public interface IAdapterModule
{
    /// <summary>The trainable parameters, named relative to this module (<c>lora_A.weight</c>).</summary>
    IEnumerable<(string Name, Parameter Parameter)> AdapterParameters();
}

public static class AdapterModules
{
    /// <summary>Every adapter module below <paramref name="root"/> with its path.</summary>
    public static IEnumerable<(string Path, T Module)> Of<T>(Module root) =>
        root.named_modules().Where(m => m.module is T).Select(m => (m.name, (T)(object)m.module));

    /// <summary>The parameters every <see cref="IAdapterModule"/> below <paramref name="root"/> declares, with full names.</summary>
    public static IEnumerable<(string Name, Parameter Parameter)> Parameters(Module root) =>
        Of<IAdapterModule>(root).SelectMany(m => m.Module.AdapterParameters().Select(p => (Join(m.Path, p.Name), p.Parameter)));

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
