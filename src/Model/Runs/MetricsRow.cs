namespace Pipeline.Model.Runs;

/// <summary>One evaluation of a weight snapshot: a row of metrics.csv.</summary>
public sealed record MetricsRow(
    int Epoch,
    long Step,
    double LearningRate,
    double TrainLoss,
    double ValidLoss,
    double? ValidRocAuc,
    double? ValidPrAuc,
    double Seconds);
