using System.Net;
using System.Text;
using Winnow.Compare.Results;

namespace Winnow.Compare.Writers;

/// <summary><c>comparison.html</c>: one self-contained page (the plots inlined as data URIs, no script, no network).</summary>
public static class HtmlReport
{
    public static string Render(ComparisonResult r, IReadOnlyList<PlotFile> plots)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Comparison: ").Append(E(r.Name)).Append("</title>\n<style>")
          .Append("body{font-family:system-ui,sans-serif;margin:2em;max-width:110em}table{border-collapse:collapse;margin:1em 0}")
          .Append("th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top;font-size:90%}th{background:#f3f3f3}")
          .Append("td.failed{color:#a00}img{max-width:100%;display:block;margin:1em 0}</style></head><body>\n");
        sb.Append("<h1>Comparison: ").Append(E(r.Name)).Append("</h1>\n");
        foreach (var line in ReportTables.Summary(r)) sb.Append("<p>").Append(E(line)).Append("</p>\n");
        foreach (var t in MarkdownReport.Tables(r))
        {
            sb.Append("<h2>").Append(E(t.Title)).Append("</h2>\n<p>").Append(E(t.Intro)).Append("</p>\n<table><thead><tr>");
            foreach (var h in t.Headers) sb.Append("<th>").Append(E(h)).Append("</th>");
            sb.Append("</tr></thead><tbody>\n");
            foreach (var row in t.Rows)
            {
                sb.Append("<tr>");
                foreach (var cell in row)
                    sb.Append(cell.StartsWith("failed", StringComparison.Ordinal) ? "<td class=\"failed\">" : "<td>").Append(E(cell)).Append("</td>");
                sb.Append("</tr>\n");
            }
            sb.Append("</tbody></table>\n");
        }
        if (plots.Count > 0) sb.Append("<h2>Plots</h2>\n");
        foreach (var p in plots)
            sb.Append("<figure><img alt=\"").Append(E(p.Title)).Append("\" src=\"data:image/png;base64,")
              .Append(Convert.ToBase64String(File.ReadAllBytes(p.FullPath))).Append("\"><figcaption>").Append(E(p.Title)).Append("</figcaption></figure>\n");
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
