namespace Pipeline.Streams.Datasets.Msd;

/// <summary>
/// The Million Song Dataset's track_metadata.db: one row per MSD track in the table songs(track_id, title, song_id,
/// release, artist_id, artist_mbid, artist_name, duration, artist_familiarity, artist_hotttnesss, year, and in the
/// published file also track_7digitalid, shs_perf, shs_work). Only the columns a match needs are read.
/// </summary>
public static class MsdTrackMetadata
{
    public static readonly IReadOnlyList<MsdSqlite.Table> RequiredTables = [new("songs", "track_id", "title", "artist_name", "duration")];

    private const string Schema =
        "expected the MSD's track_metadata.db: a table songs(track_id, title, song_id, release, artist_id, artist_mbid, artist_name, duration, ...)";

    /// <summary>The songs <paramref name="wanted"/> accepts, in the table's order; rows without a track_id, artist or title are skipped.</summary>
    public static IReadOnlyList<SongIdentity> Read(string file, string notFound, Func<SongIdentity, bool> wanted) =>
        MsdSqlite.Read(file, notFound, Schema, RequiredTables, connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT track_id, artist_name, title, duration FROM songs";
            var songs = new List<SongIdentity>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.IsDBNull(0) || reader.IsDBNull(1) || reader.IsDBNull(2))
                    continue;
                double? seconds = reader.IsDBNull(3) ? null : reader.GetDouble(3);
                var song = new SongIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2), seconds is > 0 ? seconds : null);
                if (wanted(song))
                    songs.Add(song);
            }
            return songs;
        });
}
