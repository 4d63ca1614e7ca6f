namespace Pipeline.Host.Configuration;

/// <summary>Keys that were renamed, so that an old configuration fails with the new name in its message.</summary>
public static class RenamedKeys
{
    private static readonly Dictionary<string, string> NewNames = new(StringComparer.Ordinal)
    {
        // One name per concept: a model input is a window everywhere (it was a segment here).
        ["pipeline.provider.segment-samples"] = "pipeline.provider.window-samples",
        // Any job coordinates a cluster now, not only training.
        ["pipeline.cluster.trainer-host"] = "pipeline.cluster.coordinator-host",
        ["pipeline.cluster.trainer-port"] = "pipeline.cluster.coordinator-port",
        // Workers pull clips now; what is in flight is bounded by this instead of stream-reference buffers.
        ["pipeline.cluster.stream-ref-buffer"] = "pipeline.cluster.items-in-flight",
    };

    public static string? NewNameOf(string key) => NewNames.GetValueOrDefault(key);
}
