using System.Collections.Immutable;
using Pipeline.Streams.Datasets.Msd;
using Serilog;

namespace Pipeline.Streams.Datasets.Fma.LastFm;

/// <summary>
/// Gives FMA tracks the Last.fm tags of the Million Song Dataset: each track is matched to an MSD track in
/// track_metadata.db by artist and title (<see cref="LastFmMatcher"/>), and takes that track's tags from
/// lastfm_tags.db at the threshold. FMA has no link to the MSD and lastfm_tags.db has no names; track_metadata.db
/// holds both the MSD track ids and the names.
/// </summary>
public static class FmaLastFmTags
{
    /// <summary>Each track's tags in the order given, the tag vocabulary of lastfm_tags.db, and lastfm-match.tsv.</summary>
    public sealed record Result(IReadOnlyList<ImmutableArray<string>> TagsOfTrack, IReadOnlyList<string> Vocabulary, MetadataReport Report);

    public static Result Read(string metadataFolder, FmaLastFmSettings settings, IReadOnlyList<SongIdentity> tracks)
    {
        var metadataFile = Path.Combine(metadataFolder, settings.TrackMetadataFile);
        var tagFile = Path.Combine(metadataFolder, settings.TagDatabaseFile);
        // Both files are needed; say so before the long scan of a million songs, not after it.
        if (!File.Exists(tagFile))
            throw new MetadataException(tagFile, null, NotFound("Last.fm tag database", "tags"));

        var keys = tracks.Select(LastFmMatcher.KeyOf).ToList();
        var wanted = keys.Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal);
        var candidates = MsdTrackMetadata.Read(metadataFile, NotFound("MSD track metadata database", "track-metadata"),
            song => wanted.Contains(LastFmMatcher.KeyOf(song)));
        var matches = LastFmMatcher.Match(tracks, keys, candidates);
        Log.Information("matched FMA tracks to {Candidates} MSD tracks of {File} by artist and title", candidates.Count, metadataFile);

        var matchedIds = matches.Where(m => m.Song is not null).Select(m => m.Song!.TrackId).Distinct(StringComparer.Ordinal).ToList();
        var database = LastFmTagDatabase.Read(tagFile, matchedIds, settings.MinTagValue, NotFound("Last.fm tag database", "tags"));
        var tagsOfId = matchedIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => database.TagsOfTrack[p.i], StringComparer.Ordinal);
        var tagsOfTrack = matches.Select(m => m.Song is null ? ImmutableArray<string>.Empty : tagsOfId[m.Song.TrackId]).ToList();
        return new Result(tagsOfTrack, database.Vocabulary, LastFmMatchReport.Build(tracks, matches, tagsOfTrack, settings.MinTagValue));
    }

    private static string NotFound(string what, string key) =>
        $"the MSD's {what} not found, needed by pipeline.dataset.fma.tag-source = lastfm " +
        $"(put it beside tracks.csv or set pipeline.dataset.fma.lastfm.{key})";
}
