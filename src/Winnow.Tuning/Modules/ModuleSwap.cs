
using System.Reflection;
using Module = TorchSharp.torch.nn.Module;

namespace Winnow.Tuning.Modules;

/// <summary>
/// Replaces a registered child module in its parent, as PEFT's <c>_replace_module</c> does with <c>setattr</c>:
/// the parent's field that holds the child (TorchSharp registers a module's fields under their field names) and its
/// registration both point to the new module afterwards, so <c>forward</c> and <c>named_parameters</c> see it. One
/// helper for every method that wraps or unwraps modules (LoRA, adapters), instead of a switch per module class.
/// </summary>
public static class ModuleSwap
{
    private static readonly FieldInfo Submodules = typeof(Module).GetField("_internal_submodules", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new MissingFieldException(nameof(Module), "_internal_submodules");

    /// <summary>The module at a dot-separated <paramref name="path"/> below <paramref name="root"/>.</summary>
    public static Module Find(Module root, string path) =>
        root.named_modules().FirstOrDefault(m => m.name == path).module
        ?? throw new WinnowException($"the model has no module '{path}'");

    /// <summary>
    /// Puts <paramref name="replacement"/> where the child at <paramref name="path"/> was; returns the old child.
    /// The parent's field must accept the new module's type (the encoder declares swappable children as
    /// <c>Module&lt;Tensor, Tensor&gt;</c>).
    /// </summary>
    public static Module Replace(Module root, string path, Module replacement)
    {
        var dot = path.LastIndexOf('.');
        var parent = dot < 0 ? root : Find(root, path[..dot]);
        var name = path[(dot + 1)..];
        var field = FieldOf(parent.GetType(), name)
            ?? throw new WinnowException($"cannot replace '{path}': {parent.GetType().Name} holds no field '{name}'");
        var old = field.GetValue(parent) as Module ?? throw new WinnowException($"cannot replace '{path}': it is not a module");
        if (!field.FieldType.IsInstanceOfType(replacement))
            throw new WinnowException($"cannot replace '{path}': its field is {field.FieldType.Name}, the replacement is {replacement.GetType().Name}");
        field.SetValue(parent, replacement);
        var registered = Submodules.GetValue(parent)!;
        registered.GetType().GetMethod("Remove", [typeof(string)])!.Invoke(registered, [name]); // register_module refuses a taken name
        parent.register_module(name, replacement);
        return old;
    }

    private static FieldInfo? FieldOf(Type? type, string name)
    {
        for (; type is not null && type != typeof(Module); type = type.BaseType)
            if (type.GetField(name, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly) is { } f)
                return f;
        return null;
    }
}
