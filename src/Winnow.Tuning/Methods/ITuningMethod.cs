using System.Text.Json.Nodes;
using TorchSharp.Modules;
using Winnow.Tuning.Tasks;

namespace Winnow.Tuning.Methods;

/// <summary>
/// A fine-tuning method (PEFT's registered tuners; torchtune's adapters): what it adds to a model, which parameters
/// train, what it saves and how it loads, its config file, and merging where the method can be merged. Methods wrap
/// or extend a model's modules; they never subclass the model. The head trains in every method.
/// </summary>
public interface ITuningMethod
{
    MethodOptions Options { get; }

    /// <summary>False when the saved files hold every weight (full fine-tuning): the backbone starts untrained on load.</summary>
    bool LoadsPretrained { get; }

    /// <summary>Adds the method's modules (wrapping, inserting) and freezes every parameter that does not train.</summary>
    void Apply(TaskModel model);

    /// <summary>The parameters that train (the head's included), in model order: what the optimizer and checkpoints hold.</summary>
    IReadOnlyList<(string Name, Parameter Parameter)> Trainable(TaskModel model);

    /// <summary>The method as it is rebuilt to load saved files (prefix tuning saves its prefixes, not the MLP that made them).</summary>
    ITuningMethod ForLoading();

    /// <summary>The method's config file content (PEFT's <c>adapter_config.json</c> where PEFT has the method), or null.</summary>
    JsonObject? Config(TaskModel model, string baseModel);

    /// <summary>Writes the method's state (weights and config) into <paramref name="dir"/>.</summary>
    void Save(string dir, TaskModel model, string baseModel);

    /// <summary>Loads what <see cref="Save"/> wrote into a model that <see cref="Apply"/> prepared.</summary>
    void Load(string dir, TaskModel model);

    /// <summary>
    /// Folds the method into the base weights, leaving a plain model with transformers' names. Throws a
    /// <see cref="WinnowException"/> that says why when the method cannot be merged.
    /// </summary>
    void Merge(TaskModel model);
}
