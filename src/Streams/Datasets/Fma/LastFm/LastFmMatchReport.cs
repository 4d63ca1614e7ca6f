using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Pipeline.Streams.Datasets.Text;

namespace Pipeline.Streams.Datasets.Fma.LastFm;

/// <summary>
/// lastfm-match.tsv: one row per FMA track read (matched or not), saying how it matched, to which MSD track, with how
/// many Last.fm tags at the threshold, and both sides' names and durations, so a wrong match can be seen; and the
/// one-line summary of it.
/// </summary>
public static class LastFmMatchReport
{
    public const string FileName = "lastfm-match.tsv";

    public const string Header =
        "fma_track_id\tstatus\tcandidates\tmsd_track_id\ttags\tduration\tmsd_duration\tartist\ttitle\tmsd_artist\tmsd_title\tkey";

    public static MetadataReport Build(IReadOnlyList<SongIdentity> tracks, IReadOnlyList<LastFmMatch> matches,
        IReadOnlyList<ImmutableArray<string>> tagsOfTrack, double minTagValue)
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < tracks.Count; i++)
        {
            var (track, match, song) = (tracks[i], matches[i], matches[i].Song);
            string[] fields =
            [
                track.TrackId, LastFmMatch.NameOf(match.Kind), Number(match.Candidates), song?.TrackId ?? "",
                song is null ? "" : Number(tagsOfTrack[i].Length), Seconds(track.Seconds), Seconds(song?.Seconds),
                track.Artist, track.Title, song?.Artist ?? "", song?.Title ?? "", match.Key,
            ];
            text.AppendJoin('\t', fields.Select(TsvField.Clean)).Append('\n');
        }
        return new MetadataReport(FileName, text.ToString(), Summary(matches, tagsOfTrack, minTagValue));
    }

    private static string Summary(IReadOnlyList<LastFmMatch> matches, IReadOnlyList<ImmutableArray<string>> tagsOfTrack, double minTagValue)
    {
        int Count(LastFmMatchKind kind) => matches.Count(m => m.Kind == kind);
        var matched = matches.Count(m => m.Song is not null);
        var tagged = Enumerable.Range(0, matches.Count).Count(i => matches[i].Song is not null && tagsOfTrack[i].Length > 0);
        return string.Create(CultureInfo.InvariantCulture,
            $"Last.fm tags: {matched:N0} of {matches.Count:N0} FMA tracks matched an MSD track by artist and title " +
            $"({Count(LastFmMatchKind.Unique):N0} unique, {Count(LastFmMatchKind.Duration):N0} by duration, {Count(LastFmMatchKind.Tie):N0} by the lowest track_id), " +
            $"{Count(LastFmMatchKind.NoMatch):N0} no match, {Count(LastFmMatchKind.NoName):N0} without a usable artist or title; " +
            $"{tagged:N0} matched tracks have a tag of weight >= {minTagValue:0.##} ({FileName})");
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double? seconds) => seconds?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";
}
