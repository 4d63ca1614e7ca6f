namespace Pipeline.Model.Metrics;

/// <summary>
/// Average precision (the PR-AUC reported for tagging) of one binary column, equal to
/// <c>sklearn.metrics.average_precision_score</c>.
/// </summary>
public static class AveragePrecision
{
    /// <summary>
    /// AP = sum over thresholds of (R_n - R_{n-1}) * P_n, thresholds taken from the highest score down and equal
    /// scores forming one threshold. Null when the column has no positives: recall is 0/0 there (sklearn warns and
    /// returns 0, which would drag a macro average down for a tag that simply did not occur).
    /// </summary>
    public static double? Compute(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        var column = BinaryColumn.Sort(scores, labels);
        if (column.Positives == 0)
            return null;

        var groups = column.TieGroupsAscending();
        long truePositives = 0, falsePositives = 0;
        double sum = 0;
        // Step-wise, not interpolated: each threshold's precision weighs the recall it adds, which is its
        // positives over P. Factoring the 1/P out of the sum leaves one division per threshold.
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var (positives, negatives) = groups[g];
            truePositives += positives;
            falsePositives += negatives;
            if (positives > 0)
                sum += positives * ((double)truePositives / (truePositives + falsePositives));
        }
        return sum / column.Positives;
    }
}
