using System.Text.Json.Nodes;
using TorchSharp.Modules;
using Winnow.Tuning.Modules;
using Winnow.Tuning.Tasks;

namespace Winnow.Tuning.Methods;

/// <summary>
/// What every method shares: <see cref="Apply"/> adds the method's modules, then freezes everything except the
/// parameters the method's modules declare (<see cref="IAdapterModule"/>), those it opens explicitly, and the head.
/// </summary>
public abstract class TuningMethod<TOptions>(TOptions options) : ITuningMethod where TOptions : MethodOptions
{
    public TOptions Options { get; } = options;

    MethodOptions ITuningMethod.Options => Options;

    public virtual bool LoadsPretrained => true;

    /// <summary>Wraps or inserts the method's modules.</summary>
    protected virtual void AddModules(TaskModel model) { }

    /// <summary>Parameters of the model's own modules that the method also trains (adapters' LayerNorms, everything for full).</summary>
    protected virtual IEnumerable<Parameter> OpenedParameters(TaskModel model) => [];

    public void Apply(TaskModel model)
    {
        AddModules(model);
        var train = Trainable(model).Select(p => p.Parameter.Handle).ToHashSet();
        foreach (var p in model.parameters()) p.requires_grad = train.Contains(p.Handle);
    }

    public IReadOnlyList<(string Name, Parameter Parameter)> Trainable(TaskModel model)
    {
        var chosen = AdapterModules.Parameters(model).Select(p => p.Parameter)
            .Concat(OpenedParameters(model))
            .Concat(model.HeadParameters().Select(p => p.Parameter))
            .Select(p => p.Handle).ToHashSet();
        return [.. model.named_parameters().Where(p => chosen.Contains(p.parameter.Handle)).Select(p => (p.name, p.parameter))];
    }

    public virtual ITuningMethod ForLoading() => this;

    public virtual JsonObject? Config(TaskModel model, string baseModel) => null;

    public abstract void Save(string dir, TaskModel model, string baseModel);

    public abstract void Load(string dir, TaskModel model);

    public virtual void Merge(TaskModel model) =>
        throw new WinnowException($"method '{Options.Type}' cannot be merged: {WhyNoMerge}", 2);

    /// <summary>Said when <see cref="Merge"/> is refused.</summary>
    protected virtual string WhyNoMerge => "it does not change the base weights";
}
