using Serilog;

namespace Pipeline.Model.Metrics;

/// <summary>Per-tag and macro-averaged tagging metrics of clip-level predictions, as the literature reports them.</summary>
public static class TaggingMetrics
{
    /// <summary>
    /// Scores row-major [clips, tags] probabilities against 0/1 labels of the same shape.
    /// Tags a metric is undefined for are left out of that macro average with a warning naming them: averaging a
    /// placeholder in would move the headline number for reasons that have nothing to do with the model.
    /// </summary>
    public static TaggingReport Compute(float[] predictions, float[] labels, int clips, IReadOnlyList<string> tags, bool warnAboutExcludedTags = true)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(tags);
        if (clips <= 0)
            throw new ArgumentOutOfRangeException(nameof(clips), clips, "there must be at least one clip to score");
        if (tags.Count == 0)
            throw new ArgumentException("there must be at least one tag to score", nameof(tags));
        var cells = (long)clips * tags.Count;
        if (predictions.Length != cells)
            throw new ArgumentException($"{predictions.Length} predictions for {clips} clips x {tags.Count} tags", nameof(predictions));
        if (labels.Length != cells)
            throw new ArgumentException($"{labels.Length} labels for {clips} clips x {tags.Count} tags", nameof(labels));

        // Looked up per call, not cached in a field, so that a logger installed after start-up (or by a test) is used.
        var log = Log.ForContext(typeof(TaggingMetrics));
        var scoreColumn = new float[clips];
        var labelColumn = new float[clips];
        var perTag = new List<TagMetrics>(tags.Count);
        var excluded = new List<string>();
        double rocSum = 0, prSum = 0;
        int rocCount = 0, prCount = 0;

        for (var t = 0; t < tags.Count; t++)
        {
            var positives = 0;
            for (var c = 0; c < clips; c++)
            {
                scoreColumn[c] = predictions[c * tags.Count + t];
                labelColumn[c] = labels[c * tags.Count + t];
                if (labelColumn[c] == 1f)
                    positives++;
            }

            var roc = RocAuc.Compute(scoreColumn, labelColumn);
            var pr = AveragePrecision.Compute(scoreColumn, labelColumn);
            perTag.Add(new TagMetrics(tags[t], roc, pr, positives));

            if (roc is { } r)
            {
                rocSum += r;
                rocCount++;
            }
            if (pr is { } p)
            {
                prSum += p;
                prCount++;
            }

            if (positives == 0)
            {
                excluded.Add(tags[t]);
                if (warnAboutExcludedTags)
                    log.Warning("Tag {Tag} has no positive clips among the {Clips} scored; it is left out of the ROC-AUC and PR-AUC macro averages",
                        tags[t], clips);
            }
            else if (positives == clips)
            {
                excluded.Add(tags[t]);
                if (warnAboutExcludedTags)
                    log.Warning("Tag {Tag} has no negative clips among the {Clips} scored; it is left out of the ROC-AUC macro average",
                        tags[t], clips);
            }
        }

        return new TaggingReport(
            RocAucMacro: rocCount > 0 ? rocSum / rocCount : null,
            PrAucMacro: prCount > 0 ? prSum / prCount : null,
            Loss: BinaryCrossEntropy.Mean(predictions, labels),
            Clips: clips,
            PerTag: perTag.AsReadOnly(),
            ExcludedTags: excluded.AsReadOnly());
    }
}
