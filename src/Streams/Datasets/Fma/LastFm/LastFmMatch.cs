namespace Pipeline.Streams.Datasets.Fma.LastFm;

/// <summary>How an FMA track found its MSD track, or why it found none (the names are lastfm-match.tsv's status column).</summary>
public enum LastFmMatchKind
{
    /// <summary>One MSD track has the artist and title.</summary>
    Unique,
    /// <summary>Several have them; one is strictly nearest in duration.</summary>
    Duration,
    /// <summary>Several have them and none is strictly nearest (or the FMA track states no duration): the lowest MSD track_id.</summary>
    Tie,
    /// <summary>No MSD track has the artist and title.</summary>
    NoMatch,
    /// <summary>The artist or the title is empty once normalised.</summary>
    NoName,
}

/// <summary>One FMA track's match: how, among how many MSD tracks with its key, and which one (null when none).</summary>
public sealed record LastFmMatch(LastFmMatchKind Kind, string Key, int Candidates, SongIdentity? Song)
{
    public static string NameOf(LastFmMatchKind kind) => kind switch
    {
        LastFmMatchKind.Unique => "unique",
        LastFmMatchKind.Duration => "duration",
        LastFmMatchKind.Tie => "tie",
        LastFmMatchKind.NoMatch => "no-match",
        LastFmMatchKind.NoName => "no-name",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
