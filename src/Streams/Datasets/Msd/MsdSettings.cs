namespace Pipeline.Streams.Datasets.Msd;

/// <summary>
/// Where the Million Song Dataset's Last.fm tag database and the track-to-audio mapping are (relative to the
/// source folder), and the Last.fm tag weight (0..100) a tag needs to count for a track.
/// </summary>
public sealed record MsdSettings(string DatabaseFile, string PathMapFile, double MinTagValue)
{
}
