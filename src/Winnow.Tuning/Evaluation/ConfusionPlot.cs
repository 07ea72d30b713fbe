using Winnow.Tuning.Tasks.SequenceClassification;

namespace Winnow.Tuning.Evaluation;

/// <summary>
/// The confusion matrix as a PNG heatmap (rows gold, columns predicted; cells are row-normalised so every
/// class's recall reads the same whatever its size). Rendered by ScottPlot, no display needed.
/// </summary>
public static class ConfusionPlot
{
    public static void SavePng(ClassificationReport report, string path)
    {
        var cm = report.ConfusionMatrix ?? throw new WinnowException("a confusion matrix exists only for single-label evaluation");
        int k = cm.Length;
        var data = new double[k, k];
        for (int r = 0; r < k; r++)
        {
            double total = Math.Max(1, cm[r].Sum());
            for (int c = 0; c < k; c++) data[r, c] = cm[r][c] / total;
        }
        var plot = new ScottPlot.Plot();
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap);
        plot.Title($"accuracy {report.Accuracy:F4}, macro-F1 {report.MacroF1:F4} (rows normalised)");
        plot.XLabel("predicted");
        plot.YLabel("gold");
        // Heatmap row 0 is drawn at the top: tick position k-1-i is gold class i. Names when they can be read,
        // class indices (as in eval.json's labels) otherwise.
        var ticks = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
        string[] names = k <= 30 ? [.. report.Labels] : [.. Enumerable.Range(0, k).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        plot.Axes.Bottom.SetTicks(ticks, names);
        plot.Axes.Left.SetTicks([.. ticks.Select(t => k - 1 - t)], names);
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        if (k <= 30)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -90;
            plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = 12 * report.Labels.Max(l => l.Length) / 2 + 40;
        }
        // The counts in the cells (colours are row-normalised; the counts say how many), when they fit.
        foreach (var (x, y, text, dark) in CellLabels(report))
        {
            var label = plot.Add.Text(text, x, y);
            label.LabelAlignment = ScottPlot.Alignment.MiddleCenter;
            label.LabelFontColor = dark ? ScottPlot.Colors.White : ScottPlot.Colors.Black;
            label.LabelFontSize = k <= 10 ? 16 : 11;
        }
        int size = Math.Clamp(24 * k + 200, 600, 2400);
        plot.SavePng(path, size + 150, size);
    }

    /// <summary>Each cell's count at its place in the plot (column = predicted, row k−1−gold), with whether its colour is dark; none past 30 classes.</summary>
    internal static IEnumerable<(double X, double Y, string Text, bool Dark)> CellLabels(ClassificationReport report)
    {
        var cm = report.ConfusionMatrix;
        if (cm is null || cm.Length > 30) yield break;
        int k = cm.Length;
        for (int r = 0; r < k; r++)
        {
            double total = Math.Max(1, cm[r].Sum());
            for (int c = 0; c < k; c++)
                yield return (c, k - 1 - r, cm[r][c].ToString(System.Globalization.CultureInfo.InvariantCulture), cm[r][c] / total < 0.6);
        }
    }
}
