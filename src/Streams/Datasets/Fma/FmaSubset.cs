namespace Pipeline.Streams.Datasets.Fma;

/// <summary>
/// FMA's published subsets. They are nested (every small track is also in medium and large, every medium track in
/// large); <see cref="Full"/> is every track, with untrimmed audio.
/// </summary>
public enum FmaSubset
{
    Small,
    Medium,
    Large,
    Full,
}

public static class FmaSubsets
{
    public static readonly IReadOnlyList<string> Names = ["small", "medium", "large", "full"];

    /// <summary>The name used in settings, in (set, subset) and in the audio folder fma_&lt;name&gt;.</summary>
    public static string NameOf(FmaSubset subset) => subset switch
    {
        FmaSubset.Small => "small",
        FmaSubset.Medium => "medium",
        FmaSubset.Large => "large",
        FmaSubset.Full => "full",
        _ => throw new ArgumentOutOfRangeException(nameof(subset), subset, null),
    };

    public static FmaSubset Parse(string name) => TryParse(name, out var subset)
        ? subset
        : throw new ArgumentException($"unknown FMA subset '{name}' ({string.Join(", ", Names)})", nameof(name));

    public static bool TryParse(string name, out FmaSubset subset)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "small": subset = FmaSubset.Small; return true;
            case "medium": subset = FmaSubset.Medium; return true;
            case "large": subset = FmaSubset.Large; return true;
            case "full": subset = FmaSubset.Full; return true;
            default: subset = default; return false;
        }
    }

    /// <summary>Whether a track the metadata puts in <paramref name="trackSubset"/> is part of <paramref name="wanted"/>.</summary>
    public static bool Includes(this FmaSubset wanted, FmaSubset trackSubset) =>
        wanted == FmaSubset.Full || trackSubset <= wanted;
}
