using System.Globalization;
using System.Net;
using System.Text;

namespace Winnow.Core.Reporting;

/// <summary>Small SVG charts written directly (no plotting library, no network): horizontal bars and histograms.</summary>
internal static class Svg
{
    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>One row per item; each row has one bar per series (e.g. before/after), scaled to the largest value.</summary>
    public static string Bars(IReadOnlyList<(string Label, long[] Values)> rows, string[] series, string[] colors, int width = 720)
    {
        const int rowHeight = 18, labelWidth = 260, gap = 6;
        var barArea = width - labelWidth - 80;
        var max = Math.Max(1, rows.SelectMany(r => r.Values).DefaultIfEmpty(0).Max());
        var band = rowHeight * series.Length + gap;
        var height = rows.Count * band + 24;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\">");
        for (var s = 0; s < series.Length; s++)
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth + s * 120}\" y=\"2\" width=\"12\" height=\"12\" fill=\"{colors[s]}\"/><text x=\"{labelWidth + s * 120 + 16}\" y=\"12\" font-size=\"12\">{Esc(series[s])}</text>");
        for (var i = 0; i < rows.Count; i++)
        {
            var y = 24 + i * band;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + rowHeight * series.Length / 2.0 + 4}\" font-size=\"12\" text-anchor=\"end\">{Esc(Cut(rows[i].Label, 34))}</text>");
            for (var s = 0; s < series.Length; s++)
            {
                var v = rows[i].Values[s];
                var w = barArea * (double)v / max;
                var yy = y + s * rowHeight;
                sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{yy + 2}\" width=\"{F(Math.Max(w, v > 0 ? 1 : 0))}\" height=\"{rowHeight - 4}\" fill=\"{colors[s]}\"><title>{Esc(rows[i].Label)}: {v:N0}</title></rect>");
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(labelWidth + w + 4)}\" y=\"{yy + rowHeight - 5}\" font-size=\"11\" fill=\"#444\">{v:N0}</text>");
            }
        }
        return sb.Append("</svg>").ToString();
    }

    /// <summary>A histogram: one vertical bar per bin, per series side by side.</summary>
    public static string Histogram(string[] bins, long[][] series, string[] names, string[] colors, int width = 720, int height = 220, string unit = "characters")
    {
        const int left = 50, bottom = 40, top = 24;
        var plotW = width - left - 10;
        var plotH = height - bottom - top;
        var max = Math.Max(1, series.SelectMany(s => s).DefaultIfEmpty(0).Max());
        var slot = plotW / (double)bins.Length;
        var barW = (slot - 6) / series.Length;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\">");
        for (var s = 0; s < names.Length; s++)
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + s * 120}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{colors[s]}\"/><text x=\"{left + s * 120 + 16}\" y=\"14\" font-size=\"12\">{Esc(names[s])}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top + plotH}\" x2=\"{left + plotW}\" y2=\"{top + plotH}\" stroke=\"#888\"/>");
        for (var b = 0; b < bins.Length; b++)
        {
            for (var s = 0; s < series.Length; s++)
            {
                var v = series[s][b];
                var h = plotH * (double)v / max;
                var x = left + b * slot + 3 + s * barW;
                sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x)}\" y=\"{F(top + plotH - h)}\" width=\"{F(barW)}\" height=\"{F(h)}\" fill=\"{colors[s]}\"><title>{Esc(bins[b])}: {v:N0}</title></rect>");
            }
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left + b * slot + slot / 2)}\" y=\"{top + plotH + 14}\" font-size=\"10\" text-anchor=\"middle\">{Esc(bins[b])}</text>");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + plotW / 2}\" y=\"{height - 6}\" font-size=\"11\" text-anchor=\"middle\">{Esc(unit)}</text>");
        return sb.Append("</svg>").ToString();
    }

    public static string Esc(string s) => WebUtility.HtmlEncode(s);

    private static string Cut(string s, int n) => s.Length > n ? s[..(n - 1)] + "…" : s;
}
