namespace Pipeline.Streams.Datasets.Msd;

/// <summary>
/// Reads the Million Song Dataset with its Last.fm tags. The clips are the tracks the path mapping gives audio for,
/// in its order; a tag counts for a track when its Last.fm weight reaches the threshold. Tracks with audio but no
/// such tag are kept (with no tags) and tracks without audio are left out. MSD publishes no split.
/// </summary>
public sealed class MsdReader(MsdSettings settings) : IDatasetReader
{
    public DatasetMetadata Read(string sourceDirectory)
    {
        var databaseFile = Path.Combine(sourceDirectory, settings.DatabaseFile);
        var pathMapFile = Path.Combine(sourceDirectory, settings.PathMapFile);

        var mapped = MsdPathMap.Read(pathMapFile);
        var database = LastFmTagDatabase.Read(databaseFile, mapped.Select(e => e.TrackId).ToList(), settings.MinTagValue);

        var clips = mapped
            .Select((e, i) => new ClipMetadata(e.TrackId, e.AudioPath, database.TagsOfTrack[i], PublishedSplit: null))
            .ToList();
        return new DatasetMetadata("msd", sourceDirectory, clips, database.Vocabulary);
    }
}
