namespace Pipeline.Streams.Datasets.Fma.LastFm;

/// <summary>
/// The MSD files that give FMA tracks Last.fm tags (relative to FMA's metadata folder, or absolute) and the Last.fm
/// weight (0..100) a tag needs to count for a track.
/// </summary>
public sealed record FmaLastFmSettings(string TrackMetadataFile, string TagDatabaseFile, double MinTagValue);
