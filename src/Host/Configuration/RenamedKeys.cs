namespace Pipeline.Host.Configuration;

/// <summary>Keys that were renamed, so that an old configuration fails with the new name in its message.</summary>
public static class RenamedKeys
{
    private static readonly Dictionary<string, string> NewNames = new(StringComparer.Ordinal)
    {
        // One name per concept: a model input is a window everywhere (it was a segment here).
        ["pipeline.provider.segment-samples"] = "pipeline.provider.window-samples",
    };

    public static string? NewNameOf(string key) => NewNames.GetValueOrDefault(key);
}
