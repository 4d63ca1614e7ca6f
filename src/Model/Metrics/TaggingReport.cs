namespace Pipeline.Model.Metrics;

/// <summary>
/// The tagging scores of a model on one split.
/// </summary>
/// <param name="RocAucMacro">Mean ROC-AUC over the tags where it is defined; null when it is defined for none.</param>
/// <param name="PrAucMacro">Mean average precision over the tags where it is defined; null when it is defined for none.</param>
/// <param name="Loss">Mean binary cross-entropy over all clips x tags.</param>
/// <param name="Clips">How many clips were scored.</param>
/// <param name="PerTag">Every tag, in the order the tags were given.</param>
/// <param name="ExcludedTags">
/// Tags left out of at least one macro average, in tag order: a tag without positives is out of both, a tag without
/// negatives only out of ROC-AUC (its <see cref="TagMetrics"/> says which).
/// </param>
public sealed record TaggingReport(
    double? RocAucMacro,
    double? PrAucMacro,
    double Loss,
    int Clips,
    IReadOnlyList<TagMetrics> PerTag,
    IReadOnlyList<string> ExcludedTags);
