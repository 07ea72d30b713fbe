using System.Text.Json.Serialization;

namespace Winnow.Tuning.Methods;

/// <summary>
/// The <c>method:</c> section of a training recipe: <c>type</c> picks the method from <see cref="MethodRegistry"/>,
/// and the other keys bind to that method's own options record (a subclass of this one) through Core's YAML
/// binder. Each subclass writes its defaults once, next to the option, with where they come from.
/// </summary>
public abstract record MethodOptions
{
    /// <summary>full | lora | adapter | prefix | prompt | head (the registry's names).</summary>
    public string Type { get; init; } = "";

    /// <summary>The learning rate this method trains at when the recipe sets no <c>optimizer.lr</c>.</summary>
    [JsonIgnore] public abstract double DefaultLr { get; }
}
