namespace Pipeline.Model.Metrics;

/// <summary>
/// One tag's scores on a split. <paramref name="RocAuc"/> is null when the split has no positives or no negatives
/// for the tag, <paramref name="PrAuc"/> (average precision) when it has no positives.
/// </summary>
public sealed record TagMetrics(string Tag, double? RocAuc, double? PrAuc, int Positives);
