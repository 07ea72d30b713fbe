using System.Text.Json;
using Winnow.Core.Running;
using Winnow.Compare.Results;
using Winnow.Compare.Running;

namespace Winnow.Compare.Writers;

/// <summary>Writes <c>comparison.json</c>, <c>comparison.md</c>, <c>plots/*.png</c> and <c>comparison.html</c>, each through a temporary name.</summary>
public static class ReportFiles
{
    public static IReadOnlyList<string> Write(ComparisonResult result, string outputDir)
    {
        Directory.CreateDirectory(outputDir);
        var plots = Plots.Write(result, outputDir);
        var json = Atomic(Path.Combine(outputDir, "comparison.json"), JsonSerializer.Serialize(result, RunStore.Json));
        var md = Atomic(Path.Combine(outputDir, "comparison.md"), MarkdownReport.Render(result, plots));
        var html = Atomic(Path.Combine(outputDir, "comparison.html"), HtmlReport.Render(result, plots));
        return [json, md, html, .. plots.Select(p => p.FullPath)];
    }

    private static string Atomic(string path, string text)
    {
        Files.WriteAtomically(path, text);
        return path;
    }
}
