using Winnow.Compare.Results;
using Winnow.Compare.Running;

namespace Winnow.Compare.Writers;

/// <summary>A plot written to the output folder.</summary>
public sealed record PlotFile(string Title, string RelativePath, string FullPath);

/// <summary>
/// The PNG plots (ScottPlot, no display needed): validation score against steps and against wall-clock, one line per
/// method (main dataset, full data); test accuracy against the share of training data (low-data curves); test accuracy
/// per dataset variant (ablation). A method's line is the mean over its seeds when they evaluated at the same steps,
/// otherwise its first seed's.
/// </summary>
public static class Plots
{
    public static IReadOnlyList<PlotFile> Write(ComparisonResult r, string outputDir)
    {
        var dir = Path.Combine(outputDir, "plots");
        Directory.CreateDirectory(dir);
        var files = new List<PlotFile>();
        var curves = r.Table.Where(g => !g.Failed).Select(g => (g.Method, Curve: Curve(g.Runs))).Where(c => c.Curve.Count > 0).ToList();
        if (curves.Count > 0)
        {
            files.Add(Lines(dir, "validation-steps.png", $"Validation {r.Metric} against optimizer steps ({r.MainVariant})", "optimizer steps", r.Metric,
                [.. curves.Select(c => (c.Method, c.Curve.Select(p => (double)p.Step).ToArray(), c.Curve.Select(p => p.Score).ToArray()))]));
            files.Add(Lines(dir, "validation-seconds.png", $"Validation {r.Metric} against wall-clock ({r.MainVariant})", "seconds since the run started", r.Metric,
                [.. curves.Select(c => (c.Method, c.Curve.Select(p => p.Seconds).ToArray(), c.Curve.Select(p => p.Score).ToArray()))]));
        }
        if (r.Fractions.Count > 1)
        {
            var series = r.Methods.Select(m =>
            {
                var points = r.Fractions.Select(f => (f, g: (f >= 1 ? r.Table : r.LowData).FirstOrDefault(x => x.Method == m.Name && x.Fraction == f)))
                    .Where(x => x.g?.TestAccuracy is not null).ToList();
                return (m.Name, points.Select(x => x.f * 100).ToArray(), points.Select(x => x.g!.TestAccuracy!.Value.Mean).ToArray());
            }).Where(s => s.Item2.Length > 0).ToList();
            if (series.Count > 0)
                files.Add(Lines(dir, "low-data.png", $"Test accuracy against training data ({r.MainVariant})", "% of the training data", "test accuracy", series));
        }
        var ablation = r.Ablation.Where(g => g.TestAccuracy is not null).ToList();
        if (ablation.Count > 1)
        {
            var plot = new ScottPlot.Plot();
            plot.Add.Bars(ablation.Select(g => g.TestAccuracy!.Value.Mean).ToArray());
            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, ablation.Count).Select(i => (double)i)], [.. ablation.Select(g => g.Variant)]);
            double low = ablation.Min(g => g.TestAccuracy!.Value.Mean);
            plot.Axes.SetLimitsY(Math.Max(0, low - 0.1), Math.Min(1, ablation.Max(g => g.TestAccuracy!.Value.Mean) + 0.05));
            plot.Title($"Test accuracy per dataset variant ({r.AblationMethod})");
            plot.YLabel("test accuracy");
            files.Add(Save(plot, dir, "ablation.png", $"Test accuracy per dataset variant ({r.AblationMethod})"));
        }
        return files;
    }

    /// <summary>A group's validation curve: the seeds' mean when every seed evaluated at the same steps, else the first seed's.</summary>
    internal static IReadOnlyList<EvalPoint> Curve(IReadOnlyList<RunRecord> runs)
    {
        var histories = runs.Where(r => r.Ok).Select(r => r.Outcome!.History).Where(h => h.Count > 0).ToList();
        if (histories.Count == 0) return [];
        var steps = histories[0].Select(p => p.Step).ToArray();
        if (histories.Any(h => !h.Select(p => p.Step).SequenceEqual(steps))) return histories[0];
        return [.. steps.Select((s, i) => new EvalPoint(s, histories.Average(h => h[i].Seconds), histories.Average(h => h[i].Score)))];
    }

    private static PlotFile Lines(string dir, string name, string title, string x, string y, IReadOnlyList<(string Label, double[] Xs, double[] Ys)> series)
    {
        var plot = new ScottPlot.Plot();
        foreach (var (label, xs, ys) in series)
        {
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = label;
        }
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        return Save(plot, dir, name, title);
    }

    private static PlotFile Save(ScottPlot.Plot plot, string dir, string name, string title)
    {
        var path = Path.Combine(dir, name);
        plot.SavePng(path, 900, 540);
        return new PlotFile(title, "plots/" + name, path);
    }
}
