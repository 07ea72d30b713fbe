using Winnow.Core.Steps;

namespace Winnow.Core.Recipes;

/// <summary>
/// The steps a recipe can name. Each project registers its own (Curation, Annotation, …); the CLI composes
/// them. Options are typed records bound from YAML and validated before anything runs.
/// </summary>
public sealed class StepRegistry
{
    private readonly SortedDictionary<string, StepRegistration> _steps = new(StringComparer.Ordinal);

    /// <summary>The services every step built from this registry reaches through its <see cref="StepContext"/>.</summary>
    public Services.StepServices Services { get; init; } = Core.Services.StepServices.None;

    public IReadOnlyCollection<StepRegistration> All => _steps.Values;

    public IEnumerable<string> Names => _steps.Keys;

    /// <summary>Registers a step. <paramref name="validate"/> returns a problem per invalid option (key, message).</summary>
    public StepRegistry Add<TOptions>(
        string name,
        string summary,
        Func<TOptions, StepContext, IStep> create,
        Func<TOptions, IEnumerable<(string Key, string Problem)>>? validate = null)
        where TOptions : class
    {
        _steps.Add(name, new StepRegistration(
            name,
            summary,
            typeof(TOptions),
            (options, context) => create((TOptions)options, context),
            options => validate?.Invoke((TOptions)options) ?? []));
        return this;
    }

    public bool TryGet(string name, out StepRegistration registration) =>
        _steps.TryGetValue(name, out registration!);
}

public sealed record StepRegistration(
    string Name,
    string Summary,
    Type OptionsType,
    Func<object, StepContext, IStep> Create,
    Func<object, IEnumerable<(string Key, string Problem)>> Validate);
