using Pipeline.Shared.IO;
using ScottPlot;

namespace Pipeline.Model.Evaluation;

/// <summary>
/// A file's tags over time as a PNG heat map (musicnn's taggram): one row per tag in the model's order, top to bottom,
/// one column per window, colour the window's probability on a fixed 0..1 scale, so plots of different files compare.
/// </summary>
public static class TimelinePlot
{
    /// <param name="scores">Probabilities [windows, tags], row-major.</param>
    public static void Draw(string path, string title, IReadOnlyList<string> tags, float[] scores, int windows, double windowSeconds, double hopSeconds)
    {
        var intensities = new double[tags.Count, windows];
        for (var w = 0; w < windows; w++)
            for (var t = 0; t < tags.Count; t++)
                intensities[t, w] = scores[w * tags.Count + t];

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        // Column w covers the window's first hop; the last one reaches the end of its window.
        var end = (windows - 1) * hopSeconds + Math.Max(hopSeconds, windowSeconds);
        heatmap.Position = new CoordinateRect(0, Math.Max(end, hopSeconds), 0, tags.Count);
        plot.Add.ColorBar(heatmap).Label = "probability";
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, tags.Count).Select(t => tags.Count - t - 0.5).ToArray(), [.. tags]);
        plot.Axes.Left.TickLabelStyle.FontSize = Math.Clamp(600f / Math.Max(1, tags.Count), 6f, 14f);
        plot.XLabel("seconds");
        plot.Title(title);
        var height = Math.Clamp(120 + 14 * tags.Count, 400, 1600);
        var png = plot.GetImageBytes(1200, height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
