using Pipeline.Tests.Support.RealShaped;
using static Pipeline.Tests.Support.Datasets.SqliteFixture;
using System.Text;

namespace Pipeline.Tests.Support.Datasets;

/// <summary>One Last.fm tag of a track with its weight (0..100), as in tid_tag.val.</summary>
public readonly record struct MsdTag(string Name, double Value);

/// <summary>
/// One MSD track: its Last.fm tags, whether the tag database has it, and whether the path mapping gives it audio.
/// </summary>
public sealed record MsdTrack(string Id, IReadOnlyList<MsdTag> Tags, bool InDatabase = true, bool Mapped = true);

/// <summary>
/// Writes a Million Song Dataset source folder: lastfm_tags.db in the published schema (tids, tags, and tid_tag
/// whose tid and tag are ROWIDs of the other two), the msd_paths.tsv mapping, and on request short MP3s.
/// </summary>
public static class MsdFixture
{
    public const string DatabaseFile = "lastfm_tags.db";
    public const string PathMapFile = "msd_paths.tsv";

    /// <summary>Where the fixture puts a track's audio, relative to the source: audio/A/B/C/TRABC....mp3 like MSD's 7digital previews.</summary>
    public static string AudioPathOf(string trackId) => $"audio/{trackId[2]}/{trackId[3]}/{trackId[4]}/{trackId}.mp3";

    /// <summary>
    /// Writes the database and the mapping. The tags table holds <paramref name="vocabulary"/> first, then every
    /// other tag of the tracks in order of first use.
    /// </summary>
    public static void Write(string sourceDirectory, IEnumerable<MsdTrack> tracks, IEnumerable<string>? vocabulary = null, bool mappingHeader = false)
    {
        var all = tracks.ToList();
        WriteDatabase(Path.Combine(sourceDirectory, DatabaseFile), all.Where(t => t.InDatabase), vocabulary ?? []);
        var tsv = new StringBuilder();
        if (mappingHeader)
            tsv.Append("track_id\tpath\n");
        foreach (var track in all.Where(t => t.Mapped))
            tsv.Append(track.Id).Append('\t').Append(AudioPathOf(track.Id)).Append('\n');
        File.WriteAllText(Path.Combine(sourceDirectory, PathMapFile), tsv.ToString(), new UTF8Encoding(false));
    }

    /// <summary>A database in the published schema; tracks get tid ROWIDs in order, tags in order of first appearance.</summary>
    public static void WriteDatabase(string file, IEnumerable<MsdTrack> tracks, IEnumerable<string> vocabulary)
    {
        var tracksInOrder = tracks.ToList();
        var tags = vocabulary.Concat(tracksInOrder.SelectMany(t => t.Tags.Select(g => g.Name))).Distinct().ToList();
        using var connection = Open(file);
        Execute(connection, "CREATE TABLE tids (tid TEXT)");
        Execute(connection, "CREATE TABLE tags (tag TEXT)");
        Execute(connection, "CREATE TABLE tid_tag (tid INTEGER, tag INTEGER, val FLOAT)");
        using var transaction = connection.BeginTransaction();

        var tagRowIds = new Dictionary<string, long>();
        foreach (var tag in tags)
            tagRowIds[tag] = Insert(connection, "INSERT INTO tags (tag) VALUES ($v)", ("$v", tag));
        foreach (var track in tracksInOrder)
        {
            var tidRowId = Insert(connection, "INSERT INTO tids (tid) VALUES ($v)", ("$v", track.Id));
            foreach (var tag in track.Tags)
                Insert(connection, "INSERT INTO tid_tag (tid, tag, val) VALUES ($tid, $tag, $val)",
                    ("$tid", tidRowId), ("$tag", tagRowIds[tag.Name]), ("$val", tag.Value));
        }
        transaction.Commit();
    }

    /// <summary>An SQLite database with only the given CREATE TABLE statements, for the missing-table error.</summary>
    public static void WriteDatabaseWithTables(string file, params string[] createStatements)
    {
        using var connection = Open(file);
        foreach (var statement in createStatements)
            Execute(connection, statement);
    }

    /// <summary>7digital previews like the real ones (<see cref="RealShapedAudio.MsdPreview"/>) at <see cref="AudioPathOf"/>.</summary>
    public static IReadOnlyList<string> WriteAudio(string sourceDirectory, IEnumerable<string> trackIds, double seconds = 2)
    {
        var paths = new List<string>();
        using var scratch = new TempDirectory("msd-previews");
        foreach (var id in trackIds)
        {
            var path = Path.Combine(sourceDirectory, AudioPathOf(id));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(RealShapedAudio.MsdPreview(scratch.Path, MsdPreviewShape.Mpeg1At44kHz, seconds, FixtureSignal.Tone(330)).Path, path);
            paths.Add(path);
        }
        return paths;
    }
}
