using static Pipeline.Tests.Support.Datasets.SqliteFixture;

namespace Pipeline.Tests.Support.Datasets;

/// <summary>One row of track_metadata.db's songs table, with the names and the duration a match reads.</summary>
public sealed record MsdSong(string TrackId, string Artist, string Title, double Duration, string Release = "Fixture Release");

/// <summary>Which CREATE TABLE made the songs table.</summary>
public enum TrackMetadataSchema
{
    /// <summary>The published track_metadata.db (14 columns, with track_7digitalid, shs_perf and shs_work).</summary>
    Published,
    /// <summary>The MSD's own example code (MSongsDB Tasks_Demos/SQLite/create_track_metadata_db.py): the first 11 columns.</summary>
    ExampleCode,
}

/// <summary>
/// Writes the Million Song Dataset's track_metadata.db: the table songs(track_id, title, song_id, release,
/// artist_id, artist_mbid, artist_name, duration, artist_familiarity, artist_hotttnesss, year, ...) and the index on
/// (artist_name, title, release), filled with values of the real kinds (SO.../AR... ids, MusicBrainz artist ids,
/// durations in seconds with five decimals, -1 and 0 for tracks outside the Second Hand Songs set).
/// </summary>
public static class MsdTrackMetadataFixture
{
    public const string FileName = "track_metadata.db";

    private const string CommonColumns =
        "track_id text PRIMARY KEY, title text, song_id text, release text, artist_id text, artist_mbid text, artist_name text, " +
        "duration real, artist_familiarity real, artist_hotttnesss real, year int";

    public static void Write(string file, IEnumerable<MsdSong> songs, TrackMetadataSchema schema = TrackMetadataSchema.Published)
    {
        var published = schema == TrackMetadataSchema.Published;
        using var connection = Open(file);
        Execute(connection, published
            ? $"CREATE TABLE songs ({CommonColumns}, track_7digitalid int, shs_perf int, shs_work int)"
            : $"CREATE TABLE songs ({CommonColumns})");
        Execute(connection, "CREATE INDEX idx_artist_name ON songs (\"artist_name\",\"title\",\"release\")");
        using var transaction = connection.BeginTransaction();
        var row = 0;
        var artistIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var song in songs)
        {
            row++;
            artistIds.TryAdd(song.Artist, artistIds.Count);
            var values = new List<(string, object)>
            {
                ("$track", song.TrackId), ("$title", song.Title), ("$song", $"SOFIX{row:D13}"), ("$release", song.Release),
                ("$artist", $"ARFIX{artistIds[song.Artist]:D13}"),
                ("$mbid", "5f6ab597-f57a-40da-be9e-adad48708203"), ("$name", song.Artist), ("$duration", song.Duration),
                ("$familiarity", 0.581793766), ("$hotttnesss", 0.401997543), ("$year", 2003),
            };
            var extra = published ? ", $digital, $perf, $work" : "";
            if (published)
                values.AddRange([("$digital", 7032331 + row), ("$perf", -1), ("$work", 0)]);
            Insert(connection,
                "INSERT INTO songs VALUES ($track, $title, $song, $release, $artist, $mbid, $name, $duration, $familiarity, $hotttnesss, $year" + extra + ")",
                [.. values]);
        }
        transaction.Commit();
    }

    /// <summary>A songs table without one of the columns a match reads, for the missing-column error.</summary>
    public static void WriteWithoutColumn(string file, string column) =>
        MsdFixture.WriteDatabaseWithTables(file,
            "CREATE TABLE songs (" + string.Join(", ", CommonColumns.Split(", ").Where(c => !c.StartsWith(column + " ", StringComparison.Ordinal))) + ")");
}
