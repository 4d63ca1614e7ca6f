namespace Pipeline.Tests.Support.Datasets;

/// <summary>
/// An FMA metadata folder with the MSD's track_metadata.db and lastfm_tags.db beside tracks.csv, where every way an
/// FMA track can meet the MSD occurs once: a unique match under another spelling, a collision decided by duration,
/// a match without a tag at the threshold, no match, a name that normalises to nothing, and a track of a larger
/// subset.
/// </summary>
public static class FmaLastFmFixture
{
    public static readonly FmaTrack[] Tracks =
    [
        new(2, "small", "training", [21], [21], Title: "Food", Artist: "AWOL", Duration: 168),
        new(3, "small", "training", [10], [10], Title: "Crazy in Love", Artist: "Beyoncé feat. Jay-Z", Duration: 236),
        new(5, "small", "validation", [12], [12], Title: "Fessing Up", Artist: "The Kingsbury Manx", Duration: 190),
        new(10, "small", "test", [15], [15], Title: "Nothing Like It", Artist: "Nobody Known", Duration: 100),
        new(20, "small", "test", [15], [15], Title: "Food", Artist: "...", Duration: 168),
        new(140, "medium", "training", [25], [12, 25], Title: "Food", Artist: "AWOL", Duration: 168),
    ];

    public static readonly MsdSong[] Songs =
    [
        new("TRAAAAW128F429D538", "AWOL", "Food (Album Version)", 168.93506),
        new("TRBBBBA128F4290001", "Beyonce", "Crazy In Love", 220.02893),
        new("TRBBBBB128F4290002", "Beyoncé", "Crazy In Love [Radio Edit]", 236.17914),
        new("TRCCCCC128F4290003", "Kingsbury Manx", "Fessing Up", 189.6),
        new("TRDDDDD128F4290004", "Somebody Else", "Nothing Like It", 100),
    ];

    /// <summary>The Last.fm tags of the MSD tracks (one track, TRZZ..., is not in track_metadata.db at all).</summary>
    public static readonly MsdTrack[] TagTracks =
    [
        new("TRZZZZZ128F4290009", [new("jazz", 100)]),
        new("TRAAAAW128F429D538", [new("Hip-Hop", 100), new("rap", 50), new("underground", 12)]),
        new("TRBBBBA128F4290001", [new("soul", 100)]),
        new("TRBBBBB128F4290002", [new("pop", 100), new("rnb", 60), new("female vocalists", 49)]),
        new("TRCCCCC128F4290003", [new("indie", 10)]),
        new("TRDDDDD128F4290004", [new("rock", 100)]),
    ];

    /// <summary>Writes the three files into &lt;source&gt;/fma_metadata; returns the folder.</summary>
    public static string Write(string source, TrackMetadataSchema schema = TrackMetadataSchema.Published)
    {
        var folder = FmaFixture.Write(source, Tracks);
        MsdTrackMetadataFixture.Write(Path.Combine(folder, MsdTrackMetadataFixture.FileName), Songs, schema);
        MsdFixture.WriteDatabase(Path.Combine(folder, MsdFixture.DatabaseFile), TagTracks, []);
        return folder;
    }
}
