namespace Pipeline.Streams.Datasets.Jamendo;

/// <summary>
/// MTG-Jamendo's published tag sets. Each has its own split files (data/splits/split-N/&lt;stem&gt;-train.tsv, ...),
/// holding only that set's tags and only the tracks that have one.
/// </summary>
public enum JamendoSubset
{
    Top50Tags,
    Genre,
    Instrument,
    MoodTheme,
    All,
}

public static class JamendoSubsets
{
    public static readonly IReadOnlyList<string> Names = ["top50tags", "genre", "instrument", "moodtheme", "all"];

    /// <summary>The name used in settings (and by the dataset's own scripts' --subset option).</summary>
    public static string NameOf(JamendoSubset subset) => subset switch
    {
        JamendoSubset.Top50Tags => "top50tags",
        JamendoSubset.Genre => "genre",
        JamendoSubset.Instrument => "instrument",
        JamendoSubset.MoodTheme => "moodtheme",
        JamendoSubset.All => "all",
        _ => throw new ArgumentOutOfRangeException(nameof(subset), subset, null),
    };

    public static JamendoSubset Parse(string name)
    {
        foreach (var subset in Enum.GetValues<JamendoSubset>())
            if (NameOf(subset) == name.Trim().ToLowerInvariant())
                return subset;
        throw new ArgumentException($"unknown MTG-Jamendo subset '{name}' ({string.Join(", ", Names)})", nameof(name));
    }

    /// <summary>
    /// The stem of the subset's file names: autotagging_top50tags, ..., and plain autotagging for all 183 tags of the
    /// splits (data/autotagging.tsv is the symbolic link to raw_30s_cleantags_50artists.tsv they were made from).
    /// </summary>
    public static string FileStem(JamendoSubset subset) =>
        subset == JamendoSubset.All ? "autotagging" : "autotagging_" + NameOf(subset);
}
