using System.Text;
using Winnow.Compare.Results;

namespace Winnow.Compare.Writers;

/// <summary><c>comparison.md</c>: the summary, the tables and links to the plots, as GitHub-flavoured Markdown.</summary>
public static class MarkdownReport
{
    public static string Render(ComparisonResult r, IReadOnlyList<PlotFile> plots)
    {
        var sb = new StringBuilder();
        sb.Append("# Comparison: ").Append(r.Name).Append("\n\n");
        foreach (var line in ReportTables.Summary(r)) sb.Append(line).Append('\n');
        foreach (var table in Tables(r)) Append(sb, table);
        if (plots.Count > 0)
        {
            sb.Append("\n## Plots\n\n");
            foreach (var p in plots) sb.Append("![").Append(p.Title).Append("](").Append(p.RelativePath).Append(")\n\n");
        }
        return sb.ToString();
    }

    /// <summary>The tables that have rows, in report order.</summary>
    public static IEnumerable<Table> Tables(ComparisonResult r)
    {
        yield return ReportTables.Methods(r);
        if (r.Ablation.Count > 1) yield return ReportTables.Ablation(r);
        if (r.Fractions.Count > 1 || r.Fractions[0] < 1) yield return ReportTables.LowData(r);
        if (r.Sweeps.Count > 0) yield return ReportTables.Sweeps(r);
    }

    private static void Append(StringBuilder sb, Table t)
    {
        sb.Append("\n## ").Append(t.Title).Append("\n\n").Append(t.Intro).Append("\n\n");
        sb.Append("| ").Append(string.Join(" | ", t.Headers.Select(Cell))).Append(" |\n");
        sb.Append('|').Append(string.Concat(t.Headers.Select(_ => "---|"))).Append('\n');
        foreach (var row in t.Rows) sb.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
    }

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
