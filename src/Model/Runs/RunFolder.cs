using Pipeline.Shared.IO;

namespace Pipeline.Model.Runs;

/// <summary>The layout of a training run's folder (documented in the README).</summary>
public sealed class RunFolder(string root)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string ResolvedConfig => Path.Combine(Root, "config.conf");
    public string Logs => Path.Combine(Root, "logs");
    public string MetricsCsv => Path.Combine(Root, "metrics.csv");
    public string PerTagMetricsCsv => Path.Combine(Root, "metrics-per-tag.csv");
    public string Checkpoints => Path.Combine(Root, "checkpoints");
    public string LastCheckpoint => Path.Combine(Checkpoints, "last.ckpt");
    public string BestCheckpoint => Path.Combine(Checkpoints, "best.ckpt");
    public string Plots => Path.Combine(Root, "plots");
    public string LossPlot => Path.Combine(Plots, "loss.png");
    public string AucPlot => Path.Combine(Plots, "auc.png");
    public string Reports => Path.Combine(Root, "reports");

    private string[] Folders => [Root, Logs, Checkpoints, Plots, Reports];

    public void Create()
    {
        foreach (var folder in Folders)
            Directory.CreateDirectory(folder);
    }

    /// <summary>
    /// Deletes the temporary files of writes that a killed run never finished (its checkpoints, metrics, plots are
    /// written to a temporary name and renamed); returns how many there were.
    /// </summary>
    public int DeleteUnfinishedWrites() => Folders.Sum(AtomicFile.DeleteLeftovers);
}
