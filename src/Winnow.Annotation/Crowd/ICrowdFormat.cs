namespace Winnow.Annotation.Crowd;

/// <summary>A crowdsourcing platform's task format (export) and result format (import).</summary>
public interface ICrowdFormat
{
    /// <summary>As the CLI spells it: <c>label-studio</c>, <c>mturk</c>, <c>labelbox</c>.</summary>
    string Name { get; }

    /// <summary>Writes the tasks to <paramref name="path"/> (and companion files beside it); returns every file written.</summary>
    IReadOnlyList<string> Export(IReadOnlyList<CrowdItem> items, CrowdExportSettings settings, string path);

    /// <summary>Reads what the platform gives back. Bad input is an <see cref="Winnow.Core.InputException"/> naming file, line, field.</summary>
    CrowdResults Import(string path);
}

/// <summary>The formats by name.</summary>
public static class CrowdFormats
{
    public static IReadOnlyList<ICrowdFormat> All { get; } = [new LabelStudioFormat(), new MTurkFormat(), new LabelboxFormat()];

    public static IEnumerable<string> Names => All.Select(f => f.Name);

    public static ICrowdFormat Get(string name) =>
        All.FirstOrDefault(f => f.Name == name)
        ?? throw new Winnow.Core.WinnowException($"unknown crowd format '{name}'; valid: {string.Join(", ", Names)}", 2);
}
