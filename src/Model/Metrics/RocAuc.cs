namespace Pipeline.Model.Metrics;

/// <summary>
/// Area under the ROC curve of one binary column, equal to <c>sklearn.metrics.roc_auc_score</c>.
/// </summary>
public static class RocAuc
{
    /// <summary>
    /// The ROC-AUC of <paramref name="scores"/> against 0/1 <paramref name="labels"/>, or null when the column has
    /// no positives or no negatives (sklearn raises there: the curve has no area to speak of).
    /// </summary>
    public static double? Compute(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        var column = BinaryColumn.Sort(scores, labels);
        if (column.Positives == 0 || column.Negatives == 0)
            return null;

        // The area under the trapezoidal ROC curve is the Mann-Whitney U statistic over P*N, with a tie between a
        // positive and a negative counting one half. Rather than summing average ranks (half-integers) we count,
        // per tie group, the negatives strictly below it plus half of those tied with it: doubling everything keeps
        // the count an exact integer, so ties cost no precision and only the final division rounds.
        long twiceU = 0;
        long negativesBelow = 0;
        foreach (var (positives, negatives) in column.TieGroupsAscending())
        {
            twiceU += positives * (2 * negativesBelow + negatives);
            negativesBelow += negatives;
        }
        return twiceU / (2.0 * column.Positives * column.Negatives);
    }
}
