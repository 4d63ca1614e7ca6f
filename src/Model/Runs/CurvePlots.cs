using Pipeline.Shared.IO;

namespace Pipeline.Model.Runs;

/// <summary>The run's loss and AUC curves as PNG files (ScottPlot), redrawn after every evaluation.</summary>
public static class CurvePlots
{
    public static void Draw(IReadOnlyList<MetricsRow> rows, string lossPath, string aucPath)
    {
        if (rows.Count == 0)
            return;
        var steps = rows.Select(r => (double)r.Step).ToArray();

        var loss = new ScottPlot.Plot();
        loss.Add.Scatter(steps, rows.Select(r => r.TrainLoss).ToArray()).LegendText = "train loss";
        loss.Add.Scatter(steps, rows.Select(r => r.ValidLoss).ToArray()).LegendText = "validation loss";
        loss.Title("BCE loss");
        loss.XLabel("step");
        loss.ShowLegend();
        Save(loss, lossPath);

        var auc = new ScottPlot.Plot();
        var withAuc = rows.Where(r => r.ValidRocAuc is not null).ToList();
        if (withAuc.Count > 0)
        {
            var x = withAuc.Select(r => (double)r.Step).ToArray();
            auc.Add.Scatter(x, withAuc.Select(r => r.ValidRocAuc!.Value).ToArray()).LegendText = "validation ROC-AUC";
            auc.Add.Scatter(x, withAuc.Select(r => r.ValidPrAuc ?? 0).ToArray()).LegendText = "validation PR-AUC";
        }
        auc.Title("Validation AUC (macro)");
        auc.XLabel("step");
        auc.Axes.SetLimitsY(0, 1);
        auc.ShowLegend();
        Save(auc, aucPath);
    }

    private static void Save(ScottPlot.Plot plot, string path)
    {
        var png = plot.GetImageBytes(900, 500, ScottPlot.ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
