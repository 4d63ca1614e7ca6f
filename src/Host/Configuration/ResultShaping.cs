using System.Collections.Immutable;

namespace Pipeline.Host.Configuration;

/// <summary>
/// The settings that shape a cluster job's results, by key: a coordinator sends its values with every job and a worker
/// refuses a job whose values differ from its own, instead of silently giving other results (window length and the
/// model's shape come with the job; these are what a worker would otherwise take from its own configuration).
/// </summary>
public static class ResultShaping
{
    public static readonly IReadOnlyList<string> Keys =
    [
        "pipeline.audio.sample-rate", "pipeline.audio.resample-quality", "pipeline.provider.window-samples", "pipeline.provider.training-windows",
        "pipeline.provider.augment-polarity", "pipeline.provider.jitter-windows", "pipeline.training.precision", "pipeline.model.architecture",
    ];

    public static ImmutableSortedDictionary<string, string> Of(ConfigLayers layers) =>
        Keys.ToImmutableSortedDictionary(key => key, key => layers.Merged.GetString(key), StringComparer.Ordinal);
}
