using Pipeline.Model.Metrics;
using Pipeline.Model.Training;

namespace Pipeline.Model.Runs;

/// <summary>The best validation results of a run so far.</summary>
public sealed record BestScores(double? Loss, double? RocAuc, double? PrAuc);

/// <summary>
/// What a training run writes about each evaluation: a row of metrics.csv, the per-tag metrics, the loss and AUC
/// curves, and, when the validation loss improved, the best checkpoint. A resumed run keeps its earlier rows and
/// knows its best scores from them.
/// </summary>
public sealed class RunRecorder
{
    private readonly RunFolder _run;
    private readonly MetricsLog _metrics;
    private readonly PerTagMetricsLog _perTag;

    public RunRecorder(RunFolder run)
    {
        _run = run;
        _metrics = MetricsLog.Open(run.MetricsCsv);
        _perTag = new PerTagMetricsLog(run.PerTagMetricsCsv);
        Best = BestOf(_metrics.Rows);
    }

    public BestScores Best { get; private set; }

    public void Record(WeightSnapshot snapshot, double learningRate, double trainLoss, TaggingReport report, TimeSpan sinceStart)
    {
        _metrics.Append(new MetricsRow(snapshot.Epoch, snapshot.Step, learningRate, trainLoss, report.Loss,
            report.RocAucMacro, report.PrAucMacro, sinceStart.TotalSeconds));
        _perTag.Append(snapshot.Epoch, snapshot.Step, report);
        CurvePlots.Draw(_metrics.Rows, _run.LossPlot, _run.AucPlot);
    }

    /// <summary>The snapshot scored the best validation loss so far: it becomes best.ckpt.</summary>
    public void RecordBest(TrainingSession session, WeightSnapshot snapshot, TaggingReport report, string configHash, int sampleRate)
    {
        Best = new BestScores(report.Loss, report.RocAucMacro, report.PrAucMacro);
        session.SaveBest(_run.BestCheckpoint, snapshot, report.Loss, configHash, sampleRate);
    }

    private static BestScores BestOf(IEnumerable<MetricsRow> rows) =>
        rows.Where(r => r.ValidLoss > 0).MinBy(r => r.ValidLoss) is { } best
            ? new BestScores(best.ValidLoss, best.ValidRocAuc, best.ValidPrAuc)
            : new BestScores(null, null, null);
}
